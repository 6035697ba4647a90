package concurrencyclaims.report;

import concurrencyclaims.report.ReportModel.Block;
import concurrencyclaims.report.ReportModel.BulletList;
import concurrencyclaims.report.ReportModel.Cell;
import concurrencyclaims.report.ReportModel.Chart;
import concurrencyclaims.report.ReportModel.Heading;
import concurrencyclaims.report.ReportModel.Paragraph;
import concurrencyclaims.report.ReportModel.Part;
import concurrencyclaims.report.ReportModel.Table;

import java.util.List;
import java.util.stream.Collectors;

/** report.md: GitHub-flavoured Markdown for a README, an issue or a lab hand-in; charts appear as their numbers. */
public final class MarkdownReport {
    private MarkdownReport() {
    }

    public static String render(ReportModel model) {
        StringBuilder md = new StringBuilder();
        md.append("# ").append(inline(model.title())).append("\n\n").append(inline(model.subtitle())).append("\n");
        for (Block block : model.blocks()) {
            md.append('\n');
            switch (block) {
                case Heading heading -> md.append("## ").append(inline(heading.text())).append('\n');
                case Paragraph paragraph -> md.append(inline(paragraph.text())).append('\n');
                case BulletList list -> list.items().forEach(item -> md.append("- ").append(inline(item)).append('\n'));
                case Table table -> table(md, table);
                case Chart chart -> {
                    md.append("### ").append(inline(chart.chart().title()))
                            .append(chart.chart().isLog() ? " (log scale in the HTML report)" : "").append("\n\n");
                    table(md, chart.data());
                }
            }
        }
        return md.toString();
    }

    private static void table(StringBuilder md, Table table) {
        md.append(row(table.headers())).append('\n');
        md.append(table.headers().stream().map(h -> "---").collect(Collectors.joining(" | ", "| ", " |"))).append('\n');
        for (List<Cell> row : table.rows()) {
            md.append(row(row)).append('\n');
        }
    }

    private static String row(List<Cell> cells) {
        return cells.stream().map(MarkdownReport::cell).collect(Collectors.joining(" | ", "| ", " |"));
    }

    private static String cell(Cell cell) {
        return cell.entries().stream()
                .map(entry -> entry.parts().stream().map(MarkdownReport::part).collect(Collectors.joining(" ")))
                .collect(Collectors.joining("<br>"));
    }

    private static String part(Part part) {
        String text = inline(part.text() == null ? "" : part.text());
        return switch (part.kind()) {
            case TEXT, NUMBER -> text;
            case NAME -> text.isEmpty() ? "" : "`" + part.text().replace("|", "\\|").replace("`", "") + "`";
            case QUOTE -> "*“" + text + "”*";
            case OUTCOME, CHANGED -> "**" + text + "**";
            case NOTE, MINOR -> text.isEmpty() ? "" : "<sub>" + text + "</sub>";
            case LINK -> "<" + part.text() + ">";
            case RUN -> "**" + text + ":**";
        };
    }

    /** Text that must not turn into Markdown or break a table. */
    private static String inline(String text) {
        return text.replace("\\", "\\\\").replace("|", "\\|").replace("*", "\\*").replace("_", "\\_")
                .replace("<", "&lt;").replace("\n", " ");
    }
}
