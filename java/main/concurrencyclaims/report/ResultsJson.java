package concurrencyclaims.report;

import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;

/** The one mapping between {@link Results} and results.json: the harness writes through it, the reports read. */
public final class ResultsJson {
    static final ObjectMapper JSON = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(SerializationFeature.INDENT_OUTPUT)
            // A newer harness's fields are skipped, not an error.
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            // "1.5" is not a number, nor 1 a text: a damaged file is named, not read as something else.
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
            .withConfigOverride(List.class, o -> o.setSetterInfo(JsonSetter.Value.forContentNulls(Nulls.FAIL)))
            .addModule(new SimpleModule("unknown numbers")
                    .addSerializer(Double.class, new UnknownAsNull())
                    .addSerializer(double.class, new UnknownAsNull())
                    .addDeserializer(double.class, new NullAsUnknown()))
            .build();

    private ResultsJson() {
    }

    /** Writes {@code results} to {@code file} whole or not at all: a reader never sees half a file. */
    public static void write(Path file, Results results) throws IOException {
        Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
        JSON.writeValue(temporary.toFile(), results);
        try {
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** A harness object (a claim's assertion) as the map the file holds: the names and values it is written with. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> toMap(Object value) {
        return value == null ? null : JSON.convertValue(value, Map.class);
    }

    /** A number nobody could tell (NaN, or a ratio over nothing) is null in the file. */
    private static final class UnknownAsNull extends StdSerializer<Double> {
        UnknownAsNull() {
            super(Double.class);
        }

        @Override
        public void serialize(Double value, JsonGenerator out, SerializerProvider provider) throws IOException {
            if (Double.isFinite(value)) {
                out.writeNumber(value);
            } else {
                out.writeNull();
            }
        }
    }

    /**
     * A number the file leaves out or gives as null reads as NaN, as does "NaN": version 1 wrote an unknown number
     * so. Anything else that is not a number is an error naming the field.
     */
    private static final class NullAsUnknown extends StdScalarDeserializer<Double> {
        NullAsUnknown() {
            super(double.class);
        }

        @Override
        public Double deserialize(JsonParser in, DeserializationContext context) throws IOException {
            if (in.currentToken().isNumeric()) {
                return in.getDoubleValue();
            }
            if (in.currentToken() == JsonToken.VALUE_STRING && in.getText().equals("NaN")) {
                return Double.NaN;
            }
            return (Double) context.handleUnexpectedToken(double.class, in);
        }

        @Override
        public Double getNullValue(DeserializationContext context) {
            return Double.NaN;
        }

        @Override
        public Object getAbsentValue(DeserializationContext context) {
            return Double.NaN;
        }
    }
}
