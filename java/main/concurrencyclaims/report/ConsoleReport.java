package concurrencyclaims.report;

import concurrencyclaims.report.ReportModel.Cell;
import concurrencyclaims.report.ReportModel.Entry;
import concurrencyclaims.report.ReportModel.Part;
import concurrencyclaims.report.ReportModel.Part.Kind;
import concurrencyclaims.report.ReportModel.Table;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** The end of a console run: the claims matrix as plain text, the reasons as footnotes, then where the page is. */
public final class ConsoleReport {
    private static final int MAX_COLUMN_WIDTH = 30;
    private static final Set<Kind> SHOWN = Set.of(Kind.NAME, Kind.OUTCOME, Kind.NUMBER, Kind.RUN, Kind.CHANGED, Kind.TEXT);

    private ConsoleReport() {
    }

    /** The matrix of {@code results} and the path of its index.html, ready to print. */
    public static String render(Results results, Path indexHtml) {
        return render(ReportBuilder.build(List.of(results)), indexHtml);
    }

    public static String render(ReportModel model, Path indexHtml) {
        Table matrix = model.blocks().stream().filter(b -> b instanceof Table t && t.id().equals("matrix"))
                .map(Table.class::cast).findFirst().orElseThrow();
        List<String> footnotes = new ArrayList<>();
        List<List<List<String>>> grid = new ArrayList<>();
        grid.add(matrix.headers().stream().map(h -> lines(h, footnotes, true)).toList());
        for (List<Cell> row : matrix.rows()) {
            List<List<String>> cells = new ArrayList<>();
            // The claim column gives just the id: the quote is for the page.
            cells.add(row.getFirst().entries().stream().flatMap(e -> e.parts().stream())
                    .filter(p -> p.kind() == Kind.NAME).map(Part::text).toList());
            row.stream().skip(1).forEach(cell -> cells.add(lines(cell, footnotes, false)));
            grid.add(cells);
        }
        int columns = grid.getFirst().size();
        int[] widths = new int[columns];
        for (List<List<String>> row : grid) {
            for (int c = 0; c < columns; c++) {
                for (String line : row.get(c)) {
                    widths[c] = Math.max(widths[c], line.length());
                }
            }
        }
        StringBuilder out = new StringBuilder();
        out.append(model.title()).append('\n');
        String rule = rule(widths);
        out.append(rule);
        for (int r = 0; r < grid.size(); r++) {
            List<List<String>> row = grid.get(r);
            int height = row.stream().mapToInt(List::size).max().orElse(1);
            for (int l = 0; l < height; l++) {
                StringBuilder line = new StringBuilder("|");
                for (int c = 0; c < columns; c++) {
                    String text = l < row.get(c).size() ? row.get(c).get(l) : "";
                    line.append(' ').append(text).append(" ".repeat(widths[c] - text.length())).append(" |");
                }
                out.append(line).append('\n');
            }
            out.append(rule);
        }
        for (int i = 0; i < footnotes.size(); i++) {
            out.append('[').append(i + 1).append("] ").append(footnotes.get(i)).append('\n');
        }
        return out.append("Report: ").append(indexHtml.toAbsolutePath()).append('\n').toString();
    }

    private static List<String> lines(Cell cell, List<String> footnotes, boolean header) {
        List<String> lines = new ArrayList<>();
        for (Entry entry : cell.entries()) {
            StringBuilder line = new StringBuilder();
            for (Part part : entry.parts()) {
                if (part.kind() == Kind.NOTE && !header && !part.text().isEmpty() && !part.text().equals("—")) {
                    footnotes.add(part.text());
                    line.append(" [").append(footnotes.size()).append(']');
                } else if (SHOWN.contains(part.kind()) || header || part.text().equals("—")) {
                    line.append(line.isEmpty() ? "" : " ").append(part.kind() == Kind.RUN ? part.text() + ":" : part.text());
                }
            }
            lines.addAll(wrap(line.toString().strip()));
        }
        return lines;
    }

    private static List<String> wrap(String text) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : text.split(" ")) {
            if (!line.isEmpty() && line.length() + 1 + word.length() > MAX_COLUMN_WIDTH) {
                lines.add(line.toString());
                line.setLength(0);
            }
            line.append(line.isEmpty() ? "" : " ").append(word);
        }
        lines.add(line.toString());
        return lines;
    }

    private static String rule(int[] widths) {
        StringBuilder rule = new StringBuilder("+");
        for (int width : widths) {
            rule.append("-".repeat(width + 2)).append('+');
        }
        return rule.append('\n').toString();
    }
}
