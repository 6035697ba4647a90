package concurrencyclaims.results;

import java.util.List;
import java.util.Map;

/** The verdicts as a plain-text table, the last thing a run prints. */
public final class VerdictTable {
    private VerdictTable() {
    }

    public static String render(List<Map<String, Object>> verdicts) {
        StringBuilder out = new StringBuilder();
        String format = "%-13s %-44s %-22s %-24s %s%n";
        out.append(String.format(format, "VERDICT", "CLAIM", "RUNTIME", "MODEL", "KEY NUMBER"));
        for (Map<String, Object> v : verdicts) {
            Object claim = v.get("claim");
            String id = claim instanceof concurrencyclaims.catalog.Claim c ? c.id() : String.valueOf(claim);
            out.append(String.format(format, v.get("outcome"), id, v.get("runtime"), v.get("model"), keyNumber(v)));
        }
        return out.toString();
    }

    @SuppressWarnings("unchecked")
    private static String keyNumber(Map<String, Object> verdict) {
        Object key = verdict.get("key_number");
        Object numbers = verdict.get("numbers");
        if (key == null || !(numbers instanceof Map<?, ?> map) || !(map.get(key) instanceof Map<?, ?> number)) {
            String reason = String.valueOf(verdict.get("reason"));
            return reason.length() > 70 ? reason.substring(0, 70) + "…" : reason;
        }
        Map<String, Object> n = (Map<String, Object>) number;
        return key + " " + concurrencyclaims.measure.Stats.format((Double) n.get("median")) + n.get("unit") + " ["
                + concurrencyclaims.measure.Stats.format((Double) n.get("ci_low")) + "–"
                + concurrencyclaims.measure.Stats.format((Double) n.get("ci_high")) + "]";
    }
}
