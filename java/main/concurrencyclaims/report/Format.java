package concurrencyclaims.report;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.List;
import java.util.Locale;

/** Number and text formatting shared by every exporter, so a number reads the same in HTML, Markdown and CSV. */
final class Format {
    private Format() {
    }

    /** Three significant digits, no exponent for the values a report shows (1e-3 … 1e7). */
    static String number(double value) {
        if (Double.isNaN(value)) {
            return "–";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "∞" : "-∞";
        }
        double magnitude = Math.abs(value);
        if (magnitude >= 1000) {
            // Narrow no-break space: groups digits without letting a line wrap inside the number.
            return String.format(Locale.ROOT, "%,.0f", value).replace(",", "\u202f");
        }
        if (magnitude < 1) {
            return new BigDecimal(value).round(new MathContext(magnitude < 0.01 ? 2 : 3)).stripTrailingZeros().toPlainString();
        }
        int decimals = magnitude >= 100 ? 0 : magnitude >= 10 ? 1 : 2;
        return String.format(Locale.ROOT, "%." + decimals + "f", value);
    }

    /** Axis ticks: 0.001, 0.5, 20, 50k, 2M — short enough that neighbours never overlap. */
    static String compact(double value) {
        double magnitude = Math.abs(value);
        if (magnitude >= 1e6) {
            return new BigDecimal(value / 1e6).round(new MathContext(3)).stripTrailingZeros().toPlainString() + "M";
        }
        if (magnitude >= 1e4) {
            return new BigDecimal(value / 1e3).round(new MathContext(3)).stripTrailingZeros().toPlainString() + "k";
        }
        return magnitude >= 1 ? new BigDecimal(value).round(new MathContext(4)).stripTrailingZeros().toPlainString() : number(value);
    }

    /** "1.01× (95% CI 0.99–1.02)" or "45.2 ms". */
    static String estimate(Results.Estimate estimate) {
        String text = withUnit(estimate.median(), estimate.unit());
        if (estimate.hasInterval()) {
            text += " (" + number(estimate.ciLow()) + "–" + number(estimate.ciHigh()) + ")";
        }
        return text;
    }

    /**
     * The statistic a verdict was decided on, as every table and chart shows it: "work_parallelism 1.94× (97% CI
     * 1.80–2.00), claim > 1.5". The interval is the decision rule's at its last look, at that look's level.
     */
    static String decided(String statistic, Results.Estimate estimate, Results.Decision decision) {
        StringBuilder text = new StringBuilder(statistic);
        if (estimate != null) {
            text.append(' ').append(withUnit(estimate.median(), estimate.unit()));
        }
        List<Double> interval = decision.interval().size() == 2 ? decision.interval()
                : estimate != null && estimate.hasInterval() ? List.of(estimate.ciLow(), estimate.ciHigh()) : List.of();
        if (!interval.isEmpty()) {
            text.append(" (").append(Double.isNaN(decision.level()) ? "" : percent(decision.level()) + " CI ")
                    .append(number(interval.get(0))).append('–').append(number(interval.get(1))).append(')');
        }
        return text.append(", claim ").append(bound(decision)).toString();
    }

    /** "> 1.5", "< 1.15", "in 0.5–2": the claim's side of its bound, the bound as the claim file gives it. */
    static String bound(Results.Decision decision) {
        List<Double> bound = decision.bound();
        String side = decision.side() == null ? "" : decision.side();
        return switch (side) {
            case "above" -> "> " + exact(bound.getFirst());
            case "below" -> "< " + exact(bound.getLast());
            default -> bound.size() == 2 ? "in " + exact(bound.get(0)) + "–" + exact(bound.get(1))
                    : exact(bound.getFirst());
        };
    }

    /** A figure a person wrote (a bound): its own digits, up to four significant, no padding zeros. */
    static String exact(double value) {
        return new BigDecimal(value).round(new MathContext(4)).stripTrailingZeros().toPlainString();
    }

    /** A confidence level: "97%", "99.7%". */
    static String percent(double fraction) {
        return new BigDecimal(fraction * 100).round(new MathContext(3)).stripTrailingZeros().toPlainString() + "%";
    }

    static String withUnit(double value, String unit) {
        if (unit == null || unit.isEmpty()) {
            return number(value);
        }
        return number(value) + (unit.equals("×") || unit.equals("%") ? "" : " ") + unit;
    }

    /** A metric key as a heading: "start_ms" reads "start ms", known ones get their proper names. */
    static String metricName(String metric) {
        return switch (metric) {
            case "speedup" -> "speedup";
            case "utilisation" -> "utilisation";
            case "control_speedup" -> "control speedup";
            case "wall_speedup" -> "wall-time speed-up";
            case "ratio_to_control" -> "ratio to control";
            case "start_ms" -> "start-up cost";
            case "cost_ratio" -> "cost ratio";
            case "mib_per_worker" -> "memory per worker";
            case "messages_per_s" -> "message throughput";
            default -> metric.replace('_', ' ');
        };
    }

    /** Plain CSV field quoting (RFC 4180): quote when needed, double inner quotes. */
    static String csv(String field) {
        if (field == null) {
            return "";
        }
        if (field.indexOf(',') >= 0 || field.indexOf('"') >= 0 || field.indexOf('\n') >= 0 || field.indexOf('\r') >= 0) {
            return '"' + field.replace("\"", "\"\"") + '"';
        }
        return field;
    }

    static String csvNumber(double value) {
        if (Double.isNaN(value)) {
            return "";
        }
        // Full precision, no grouping: the CSV is read by programs.
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value) : Double.toString(value);
    }

    static String xml(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
