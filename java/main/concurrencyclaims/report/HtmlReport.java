package concurrencyclaims.report;

import concurrencyclaims.report.ReportModel.Block;
import concurrencyclaims.report.ReportModel.BulletList;
import concurrencyclaims.report.ReportModel.Cell;
import concurrencyclaims.report.ReportModel.Chart;
import concurrencyclaims.report.ReportModel.Entry;
import concurrencyclaims.report.ReportModel.Heading;
import concurrencyclaims.report.ReportModel.Paragraph;
import concurrencyclaims.report.ReportModel.Part;
import concurrencyclaims.report.ReportModel.Table;

import java.util.List;
import java.util.Locale;

import static concurrencyclaims.report.Format.xml;

/** index.html: one self-contained page (inline CSS and SVG, no script, no network) that also prints well. */
public final class HtmlReport {
    private HtmlReport() {
    }

    public static String render(ReportModel model) {
        StringBuilder html = new StringBuilder();
        html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>").append(xml(model.title())).append("</title>\n<style>\n").append(STYLE).append("</style>\n</head>\n<body>\n")
                .append("<header><h1>").append(xml(model.title())).append("</h1>\n<p class=\"subtitle\">")
                .append(xml(model.subtitle())).append("</p>\n<nav>");
        for (Block block : model.blocks()) {
            if (block instanceof Heading heading) {
                html.append("<a href=\"#").append(xml(heading.anchor())).append("\">").append(xml(heading.text())).append("</a> ");
            }
        }
        html.append("</nav></header>\n<main>\n");
        for (Block block : model.blocks()) {
            switch (block) {
                case Heading heading -> html.append("<h2 id=\"").append(xml(heading.anchor())).append("\">")
                        .append(xml(heading.text())).append("</h2>\n");
                case Paragraph paragraph -> html.append("<p>").append(xml(paragraph.text())).append("</p>\n");
                case BulletList list -> {
                    html.append("<ul class=\"warnings\">\n");
                    list.items().forEach(item -> html.append("<li>").append(xml(item)).append("</li>\n"));
                    html.append("</ul>\n");
                }
                case Table table -> table(html, table);
                case Chart chart -> {
                    html.append("<figure class=\"chart-figure\">\n").append(chart.chart().svg())
                            .append("<details><summary>Numbers behind this chart</summary>\n");
                    table(html, chart.data());
                    html.append("</details>\n</figure>\n");
                }
            }
        }
        return html.append("</main>\n</body>\n</html>\n").toString();
    }

    private static void table(StringBuilder html, Table table) {
        html.append("<div class=\"table-scroll\"><table id=\"").append(xml(table.id())).append("\">\n<thead><tr>");
        for (Cell header : table.headers()) {
            html.append("<th scope=\"col\">").append(cell(header)).append("</th>");
        }
        html.append("</tr></thead>\n<tbody>\n");
        for (List<Cell> row : table.rows()) {
            html.append("<tr>");
            for (int i = 0; i < row.size(); i++) {
                String tag = i == 0 ? "th scope=\"row\"" : "td";
                html.append('<').append(tag).append('>').append(cell(row.get(i))).append("</").append(i == 0 ? "th" : "td").append('>');
            }
            html.append("</tr>\n");
        }
        html.append("</tbody></table></div>\n");
    }

    private static String cell(Cell cell) {
        if (cell.entries().size() == 1) {
            return parts(cell.entries().getFirst());
        }
        StringBuilder html = new StringBuilder();
        for (Entry entry : cell.entries()) {
            html.append("<div class=\"entry\">").append(parts(entry)).append("</div>");
        }
        return html.toString();
    }

    private static String parts(Entry entry) {
        StringBuilder html = new StringBuilder();
        for (Part part : entry.parts()) {
            String title = part.detail() == null || part.detail().isEmpty() ? "" : " title=\"" + xml(part.detail()) + "\"";
            String text = xml(part.text() == null ? "" : part.text());
            html.append(switch (part.kind()) {
                case TEXT -> "<span" + title + ">" + text + "</span>";
                case NAME -> "<code>" + text + "</code>";
                case QUOTE -> "<q>" + text + "</q>";
                case OUTCOME -> "<span class=\"verdict " + part.outcome().name().toLowerCase(Locale.ROOT) + "\"" + title + ">" + text + "</span>";
                case NUMBER -> "<span class=\"number\"" + title + ">" + text + "</span>";
                case NOTE -> "<span class=\"note\">" + text + "</span>";
                case MINOR -> "<span class=\"minor\">" + text + "</span>";
                case LINK -> "<a class=\"note\" href=\"" + text + "\">" + text + "</a>";
                case RUN -> "<span class=\"run\">" + text + "</span>";
                case CHANGED -> "<span class=\"changed\">" + text + "</span>";
            }).append(' ');
        }
        return html.toString().stripTrailing();
    }

    private static final String STYLE = """
            :root { --ink: #1b1f24; --muted: #57606a; --rule: #d0d7de; --soft: #f6f8fa; }
            * { box-sizing: border-box; }
            body { margin: 0; overflow-wrap: break-word; font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif; color: var(--ink); background: #fff; }
            header { padding: 20px 32px 12px; border-bottom: 1px solid var(--rule); background: var(--soft); }
            h1 { margin: 0 0 4px; font-size: 24px; }
            h2 { margin: 32px 0 10px; font-size: 19px; border-bottom: 1px solid var(--rule); padding-bottom: 4px; }
            .subtitle { margin: 0 0 8px; color: var(--muted); }
            nav a { margin-right: 14px; color: #0969da; text-decoration: none; }
            main { padding: 0 32px 40px; max-width: 1500px; }
            .table-scroll { overflow-x: auto; }
            table { border-collapse: collapse; margin: 8px 0 16px; }
            th, td { border: 1px solid var(--rule); padding: 6px 9px; vertical-align: top; text-align: left; }
            thead th { background: var(--soft); position: sticky; top: 0; }
            tbody th { font-weight: normal; }
            #matrix tbody th { min-width: 260px; max-width: 420px; }
            #matrix td { min-width: 130px; max-width: 260px; }
            #interpreter-matrix td { min-width: 170px; max-width: 320px; }
            #sweeps td { white-space: nowrap; }
            .entry + .entry { margin-top: 5px; }
            q { font-style: italic; }
            code { font: 12.5px ui-monospace, "DejaVu Sans Mono", monospace; background: var(--soft); padding: 0 3px; border-radius: 3px; }
            .note { display: block; color: var(--muted); font-size: 12.5px; }
            .minor { display: block; color: var(--muted); font-size: 12px; font-variant-numeric: tabular-nums; }
            a.note { color: #0969da; overflow-wrap: anywhere; }
            .number { font-variant-numeric: tabular-nums; }
            .verdict { display: inline-block; padding: 1px 7px; border-radius: 10px; font-size: 12px; font-weight: 600; letter-spacing: .02em; }
            .verdict.confirmed { background: #dafbe1; color: #116329; border: 1px solid #4ac26b; }
            .verdict.refuted { background: #ffebe9; color: #a40e26; border: 1px solid #ff8182; }
            .verdict.inconclusive { background: #fff8c5; color: #7d4e00; border: 1px solid #d4a72c; }
            .verdict.unavailable { background: #eaeef2; color: #424a53; border: 1px solid #afb8c1; }
            .verdict.error { background: #a40e26; color: #ffffff; border: 1px solid #82071e; }
            .run { font-weight: 600; font-size: 12px; color: var(--muted); margin-right: 2px; }
            .changed { color: #a40e26; font-weight: 700; font-size: 12px; }
            figure.chart-figure { margin: 12px 0 24px; }
            svg.chart { max-width: 100%; height: auto; background: #fff; border: 1px solid var(--rule); border-radius: 6px; }
            svg.chart text { font: 12px system-ui, "DejaVu Sans", sans-serif; fill: var(--ink); }
            svg.chart .chart-title { font-size: 14px; font-weight: 600; }
            svg.chart .end { text-anchor: end; } svg.chart .middle { text-anchor: middle; } svg.chart .start { text-anchor: start; }
            svg.chart .tick, svg.chart .ref { fill: var(--muted); font-size: 11px; }
            svg.chart .grid { stroke: #eaeef2; } svg.chart .axis { stroke: #8c959f; }
            svg.chart .reference { stroke: #6e7781; stroke-dasharray: 4 4; stroke-width: 1.3; }
            svg.chart .small, svg.chart .row-text { font-size: 11px; }
            details { margin-top: 4px; } summary { cursor: pointer; color: var(--muted); font-size: 13px; }
            ul.warnings li { margin: 3px 0; }
            @media (max-width: 600px) {
              header { padding: 14px 12px 8px; } main { padding: 0 12px 32px; }
              h1 { font-size: 20px; } h2 { font-size: 17px; }
              #matrix tbody th { min-width: 170px; } #matrix td { min-width: 120px; }
            }
            @media print {
              body { font-size: 11px; } header { background: none; } nav { display: none; }
              main { padding: 0 8px; } thead th { position: static; }
              tr, figure, svg { break-inside: avoid; }
              details { display: none; }
              * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
            }
            """;
}
