package concurrencyclaims.report;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Reads results.csv back with a strict RFC 4180 parser, as pandas, R and a spreadsheet would. */
class CsvReportTest {

    @Test
    void tidyOneRowPerMeasurement() throws Exception {
        Results a = Fixtures.runA();
        List<List<String>> rows = parse(CsvReport.render(List.of(a)));
        assertEquals(List.of("claim", "language", "runtime", "model", "workers", "metric", "value", "unit", "ci_low",
                "ci_high"), rows.getFirst().subList(0, 10));
        for (List<String> row : rows) {
            assertEquals(CsvReport.COLUMNS.size(), row.size(), row.toString());
        }
        long judged = a.verdicts().stream().mapToLong(v -> v.numbers().size()).sum();
        assertEquals(judged, rows.stream().filter(r -> r.get(11).equals("verdict")).count());
        for (List<String> row : rows.subList(1, rows.size())) {
            Double.parseDouble(row.get(6));
        }
        assertTrue(rows.stream().anyMatch(r -> r.get(5).equals("wall_s") && r.get(11).equals("baseline")));
    }

    @Test
    void quotesFieldsWithCommasAndQuotes() {
        assertEquals("\"a, \"\"b\"\"\"", Format.csv("a, \"b\""));
        assertEquals("plain", Format.csv("plain"));
        assertEquals(List.of(List.of("x", "a, \"b\"", "")), parse("x,\"a, \"\"b\"\"\",\r\n"));
    }

    static List<List<String>> parse(String csv) {
        List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < csv.length(); i++) {
            char c = csv.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < csv.length() && csv.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"') {
                assertEquals(0, field.length(), "quote inside an unquoted field at " + i);
                quoted = true;
            } else if (c == ',') {
                row.add(field.toString());
                field.setLength(0);
            } else if (c == '\r') {
                assertEquals('\n', csv.charAt(i + 1));
            } else if (c == '\n') {
                row.add(field.toString());
                field.setLength(0);
                rows.add(row);
                row = new ArrayList<>();
            } else {
                field.append(c);
            }
        }
        assertTrue(row.isEmpty() && field.isEmpty() && !quoted, "file must end with a line break");
        return rows;
    }
}
