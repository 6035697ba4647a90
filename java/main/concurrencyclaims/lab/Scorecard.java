package concurrencyclaims.lab;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import concurrencyclaims.report.Results;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A lab's grades, made from a run's verdicts: a check passes when its claim is CONFIRMED on the student's code, fails
 * when it is REFUTED or cannot be measured (the student's error, with their file and line), and is not gradable when
 * the machine cannot decide right now (INCONCLUSIVE) or lacks the runtime (UNAVAILABLE): then it gets none of its
 * points but says to re-run, and the whole attempt is marked not gradable, never a silent zero or a lucky pass.
 * A run whose student code could not be sandboxed is not gradable either, unless the instructor accepted that
 * ({@code -Dlab.unsandboxed=accept}): a grade is only worth what the grader can guarantee.
 * Written as scorecard.md and scorecard.json, and in the formats Gradescope and PrairieLearn read.
 */
public record Scorecard(String lab, String title, String submission, double executionSeconds, List<Graded> checks,
                        Isolation isolation) {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public enum Status {
        PASSED, FAILED, NOT_GRADABLE;

        String label() {
            return switch (this) {
                case PASSED -> "pass";
                case FAILED -> "fail";
                case NOT_GRADABLE -> "not gradable";
            };
        }
    }

    /** One check: the claim it grades, what it says, the points it got of its points, why, and a hint on failure. */
    public record Graded(String name, String description, Status status, int points, int maxPoints, String message,
                         String hint) {
    }

    /**
     * What ran the student's code: {@code sandbox} as {@link Sandbox#describe} says it, whether it isolated the code
     * (bubblewrap), and whether the instructor accepted a run without it.
     */
    public record Isolation(String sandbox, boolean isolated, boolean accepted) {
        static Isolation of(Sandbox sandbox, boolean accepted) {
            return new Isolation(sandbox.summary(), sandbox.isolated(), accepted);
        }

        /** Whether the grades count: sandboxed, or an unsandboxed run the instructor accepted. */
        public boolean counts() {
            return isolated || accepted;
        }

        String explanation() {
            return isolated ? "the submission ran in the sandbox (" + sandbox + ")" : accepted
                    ? "the submission ran WITHOUT a sandbox (" + sandbox + "), accepted by -D" + LabRun.UNSANDBOXED
                    + "=accept" : "NOT GRADED: the submission could not be sandboxed on this grading machine ("
                    + sandbox + "); the checks below were measured, but no grade counts. Instructor: install "
                    + "bubblewrap where user namespaces are allowed and re-run, or accept unsandboxed runs with -D"
                    + LabRun.UNSANDBOXED + "=accept";
        }
    }

    public static Scorecard of(Lab lab, Path submission, Results results, Isolation isolation) {
        Map<String, Results.Verdict> verdicts = new HashMap<>();
        results.verdicts().forEach(v -> verdicts.putIfAbsent(v.claim().id(), v));
        Map<String, Status> statuses = new HashMap<>();
        List<Graded> graded = new ArrayList<>();
        for (Lab.Check check : lab.checks()) {
            Results.Verdict verdict = verdicts.get(check.claim());
            Status status;
            String message;
            if (verdict == null) {
                status = Status.NOT_GRADABLE;
                message = "not run (narrowed away by -Dclaims or -Dgroups?): run the whole lab to grade it";
            } else {
                status = switch (verdict.outcome()) {
                    case CONFIRMED -> Status.PASSED;
                    case REFUTED, ERROR -> Status.FAILED;
                    case INCONCLUSIVE, UNAVAILABLE -> Status.NOT_GRADABLE;
                };
                message = verdict.reason() + (status == Status.NOT_GRADABLE ? " — not gradable here and now (it cost"
                        + " you nothing): re-run on an idle machine with 2 CPUs or more" : "");
            }
            // A check that builds on another counts only once that one passes: it fails with it, and is not
            // gradable while that one is not.
            Status before = check.after() == null ? Status.PASSED : statuses.get(check.after());
            if (before == Status.FAILED || (before == Status.NOT_GRADABLE && status == Status.PASSED)) {
                status = before;
                message = "needs the check '" + check.after() + "' to pass first (" + message + ")";
            }
            statuses.put(check.claim(), status);
            graded.add(new Graded(check.claim(), lab.claim(check.claim()).quote(), status,
                    status == Status.PASSED ? check.points() : 0, check.points(), message,
                    status == Status.FAILED ? check.hint() : null));
        }
        return new Scorecard(lab.name(), lab.title(), submission.toString(), results.run().seconds(), graded,
                isolation);
    }

    public int score() {
        return checks.stream().mapToInt(Graded::points).sum();
    }

    public int maxScore() {
        return checks.stream().mapToInt(Graded::maxPoints).sum();
    }

    /** Whether every check could be decided, in a sandbox or accepted without: false makes PrairieLearn keep the attempt. */
    public boolean gradable() {
        return decided() && isolation.counts();
    }

    private boolean decided() {
        return checks.stream().noneMatch(c -> c.status() == Status.NOT_GRADABLE);
    }

    /** Writes scorecard.md, scorecard.json, gradescope/results.json and prairielearn/results.json into {@code folder}. */
    public void writeAll(Path folder) throws IOException {
        write(folder.resolve("scorecard.md"), markdown());
        write(folder.resolve("scorecard.json"), JSON.writeValueAsString(scorecardJson()));
        write(folder.resolve("gradescope/results.json"), JSON.writeValueAsString(gradescope()));
        write(folder.resolve("prairielearn/results.json"), JSON.writeValueAsString(prairieLearn()));
    }

    Map<String, Object> scorecardJson() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("lab", lab);
        out.put("title", title);
        out.put("submission", submission);
        out.put("score", score());
        out.put("max_score", maxScore());
        out.put("gradable", gradable());
        out.put("sandbox", isolation.sandbox());
        out.put("isolated", isolation.isolated());
        out.put("unsandboxed_accepted", isolation.accepted());
        List<Map<String, Object>> list = new ArrayList<>();
        for (Graded c : checks) {
            Map<String, Object> check = new LinkedHashMap<>();
            check.put("name", c.name());
            check.put("description", c.description());
            check.put("status", c.status().label());
            check.put("points", c.points());
            check.put("max_points", c.maxPoints());
            check.put("message", c.message());
            check.put("hint", c.hint());
            list.add(check);
        }
        out.put("checks", list);
        return out;
    }

    /**
     * Gradescope's autograder results (gradescope-autograders.readthedocs.io, "specs"). It has no "not gradable":
     * an unsandboxed run not accepted scores 0 everywhere and says why first in its output.
     */
    Map<String, Object> gradescope() {
        boolean counts = isolation.counts();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("score", counts ? score() : 0);
        out.put("execution_time", Math.round(executionSeconds));
        out.put("output", summary());
        out.put("output_format", "text");
        out.put("visibility", "visible");
        List<Map<String, Object>> tests = new ArrayList<>();
        for (Graded c : checks) {
            Map<String, Object> test = new LinkedHashMap<>();
            test.put("name", c.name());
            test.put("score", counts ? c.points() : 0);
            test.put("max_score", c.maxPoints());
            test.put("status", c.status() == Status.PASSED ? "passed" : "failed");
            test.put("output", (counts ? "" : "not graded (no sandbox), measured: ") + c.status().label() + ": " + c.message() + (c.hint() == null ? "" : "\nhint: " + c.hint()));
            test.put("visibility", "visible");
            tests.add(test);
        }
        out.put("tests", tests);
        return out;
    }

    /** PrairieLearn's external grader results (docs/externalGrading.md): score in 0–1, gradable, tests. */
    Map<String, Object> prairieLearn() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("gradable", gradable());
        out.put("score", maxScore() == 0 || !isolation.counts() ? 0.0 : (double) score() / maxScore());
        out.put("message", summary());
        List<Map<String, Object>> tests = new ArrayList<>();
        for (Graded c : checks) {
            Map<String, Object> test = new LinkedHashMap<>();
            test.put("name", c.name());
            test.put("description", c.description());
            test.put("points", c.points());
            test.put("max_points", c.maxPoints());
            test.put("message", c.status().label() + ": " + c.message());
            test.put("output", c.hint() == null ? "" : "hint: " + c.hint());
            tests.add(test);
        }
        out.put("tests", tests);
        return out;
    }

    private String summary() {
        return (isolation.counts() ? "" : isolation.explanation() + ".\n") + String.format(Locale.ROOT,
                "lab %s: %d of %d points%s", lab, score(), maxScore(), decided() ? ""
                : "; some checks could not be graded on this machine right now: re-run them when it is idle");
    }

    public String markdown() {
        StringBuilder md = new StringBuilder();
        md.append("# ").append(title).append("\n\n");
        md.append("Submission: `").append(submission).append("`  \n");
        md.append("**Score: ").append(score()).append(" / ").append(maxScore()).append("**")
                .append(isolation.counts() ? "" : " — not graded: no sandbox (below)")
                .append(decided() ? "" : " — not gradable yet: some checks could not be decided on this machine;"
                        + " re-run them when it is idle").append("\n\n");
        md.append(isolation.counts() ? "Sandbox: " : "**").append(isolation.explanation())
                .append(isolation.counts() ? "" : ".**").append("\n\n");
        md.append("| check | result | points | what was measured |\n|---|---|---|---|\n");
        for (Graded c : checks) {
            md.append("| `").append(c.name()).append("` | ").append(c.status().label()).append(" | ").append(c.points())
                    .append(" / ").append(c.maxPoints()).append(" | ").append(cell(c.message()))
                    .append(c.hint() == null ? "" : "<br>**hint:** " + cell(c.hint())).append(" |\n");
        }
        return md.toString();
    }

    private static String cell(String text) {
        return text == null ? "" : text.replace("|", "\\|").replace("\n", " ");
    }

    private static void write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(temporary, text, StandardCharsets.UTF_8);
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
