package concurrencyclaims.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The result every language driver (python/driver.py, js/driver.js) reports as one JSON object: {@code checksum},
 * {@code wall_s}, {@code cpu_s}, {@code peak_rss_kib}, a few facts about the run and a {@code details} object of the
 * workload's own figures; where workers timed their own work, their {@code work_intervals} (at the top or in the
 * details), from which {@link Sample#workDetails(Object)} makes the work's figures. Read here, once, into a
 * {@link Sample}.
 */
public final class DriverReport {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Facts a driver reports beside the figures, kept in the sample's details. */
    private static final List<String> RUN_FACTS = List.of("version", "gil_enabled", "start_method",
            Sample.WORK_INTERVALS, Sample.PROCESS_CPU);

    private DriverReport() {
    }

    /** {@code report} as a Sample, with {@code extra} added to its details; one line naming {@code what} if it is not one. */
    public static Sample toSample(JsonNode report, Map<String, Object> extra, String what) throws MeasurementException {
        if (!report.has("checksum") || !report.has("wall_s")) {
            throw new MeasurementException(what + " reported no checksum or wall_s: " + abbreviate(report.toString()));
        }
        Map<String, Object> details = new LinkedHashMap<>();
        RUN_FACTS.forEach(key -> put(details, key, report.get(key)));
        report.path("details").properties().forEach(e -> put(details, e.getKey(), e.getValue()));
        if (details.containsKey(Sample.WORK_INTERVALS)) {
            // A driver reports its workers' intervals, never figures made of them: those are computed here, once.
            try {
                details.putAll(Sample.workDetails(details.get(Sample.WORK_INTERVALS)));
            } catch (IllegalArgumentException e) {
                throw new MeasurementException(what + ": " + e.getMessage());
            }
        }
        details.putAll(extra);
        return new Sample(report.get("wall_s").asDouble(), report.path("cpu_s").asDouble(-1),
                report.get("checksum").asLong(), report.path("peak_rss_kib").asLong(-1), details);
    }

    /** Whole numbers as Long and the others as Double, whatever size the JSON number had, so figures compare alike. */
    private static void put(Map<String, Object> details, String key, JsonNode value) {
        if (value == null || value.isNull()) {
            return;
        }
        details.put(key, value.isIntegralNumber() ? (Object) value.longValue()
                : value.isNumber() ? (Object) value.doubleValue()
                : JSON.convertValue(value, Object.class));
    }

    private static String abbreviate(String text) {
        return text.length() > 300 ? text.substring(0, 300) + "…" : text;
    }
}
