package concurrencyclaims.report;

import concurrencyclaims.judge.Outcome;

import java.util.List;

/**
 * What a report says, before it is formatted: headings, tables, charts and lists. Every exporter renders this one
 * model, so the matrix and the tables are built once and read the same in HTML, Markdown and on the console.
 */
public record ReportModel(String title, String subtitle, List<Block> blocks) {

    public sealed interface Block permits Heading, Paragraph, Table, Chart, BulletList {
    }

    public record Heading(String text, String anchor) implements Block {
    }

    public record Paragraph(String text) implements Block {
    }

    public record BulletList(List<String> items) implements Block {
    }

    /** {@code id} is stable ("matrix", "environment", …) so styles and tests can find a table. */
    public record Table(String id, List<Cell> headers, List<List<Cell>> rows) implements Block {
    }

    /** A chart and the numbers it draws, for formats that cannot draw (Markdown, console) and for screen readers. */
    public record Chart(SvgChart chart, Table data) implements Block {
    }

    /** A table cell: entries stacked vertically (one per model, say), each a run of parts. */
    public record Cell(List<Entry> entries) {
        public static Cell of(Part... parts) {
            return new Cell(List.of(new Entry(List.of(parts))));
        }

        public static Cell text(String text) {
            return of(Part.text(text));
        }
    }

    public record Entry(List<Part> parts) {
    }

    /**
     * One styled piece of text. {@code outcome} is set for OUTCOME parts, {@code detail} is extra text a format may
     * show on hover (HTML title) or leave out.
     */
    public record Part(Kind kind, String text, Outcome outcome, String detail) {
        public enum Kind {
            /** ordinary text */ TEXT,
            /** the claim id, a model or runtime name: code-like */ NAME,
            /** the quoted claim sentence */ QUOTE,
            /** the verdict, shown as a badge */ OUTCOME,
            /** the key number */ NUMBER,
            /** a reason or source: smaller, may wrap */ NOTE,
            /** numbers beside the one judged: smaller; the console leaves them out */ MINOR,
            /** a link; text is the URL */ LINK,
            /** a run's label in a comparison */ RUN,
            /** marks a changed verdict or a significant difference */ CHANGED
        }

        public static Part text(String text) {
            return new Part(Kind.TEXT, text, null, null);
        }

        public static Part of(Kind kind, String text) {
            return new Part(kind, text, null, null);
        }

        public static Part outcome(Outcome outcome, String reason) {
            return new Part(Kind.OUTCOME, outcome.name(), outcome, reason);
        }
    }
}
