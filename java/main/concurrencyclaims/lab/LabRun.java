package concurrencyclaims.lab;

import concurrencyclaims.ClaimRun;
import concurrencyclaims.catalog.Catalog;
import concurrencyclaims.catalog.CatalogException;
import concurrencyclaims.catalog.Claim;
import concurrencyclaims.judge.Outcome;
import concurrencyclaims.report.ResultsReader;
import concurrencyclaims.runtime.MeasurementException;
import concurrencyclaims.measure.Settings;
import concurrencyclaims.runtime.CPythonRuntime;
import concurrencyclaims.runtime.NodeRuntime;
import concurrencyclaims.runtime.Runtime;
import concurrencyclaims.runtime.Runtimes;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code mvn verify -Dlab=<lab> [-Dlab.submission=<dir>]}: the lab's claims judged on the student's code (the lab
 * folder's own files, or a submission folder's), then the scorecards. A lab run measures like any other: the same
 * decision rule, the control; only its defaults differ ({@link #LAB_DEFAULTS}): a timeout per measurement of
 * {@value #DEFAULT_TIMEOUT_SECONDS} s, since a student's infinite loop should cost a minute, not five, and a larger
 * budget per check.
 */
public final class LabRun {
    public static final String LAB = "lab";
    public static final String SUBMISSION = "lab.submission";
    /** {@code -Dlab.unsandboxed=accept}: grades count even where the student's code cannot be sandboxed. */
    public static final String UNSANDBOXED = "lab.unsandboxed";
    /** Where the run's folder goes (relative to the project or absolute); reports/ unless a test says otherwise. */
    static final String REPORTS = "lab.reports";
    static final int DEFAULT_TIMEOUT_SECONDS = 60;
    /**
     * A lab run's defaults where the command line gives none: a shorter timeout, and a larger budget per check (20
     * rounds or 60 s instead of 8 or 15): a lab has a few checks, a grade decided is worth a minute more, and a
     * student's samples each start a sandboxed child of their own.
     */
    private static final java.util.Map<String, String> LAB_DEFAULTS = java.util.Map.of(
            "timeout.seconds", Integer.toString(DEFAULT_TIMEOUT_SECONDS), "max.rounds", "20", "max.seconds", "60");

    private final Lab lab;
    private final Path submission;
    private final ClaimRun claims;
    private final Scorecard.Isolation isolation;

    private LabRun(Lab lab, Path submission, ClaimRun claims, Scorecard.Isolation isolation) {
        this.lab = lab;
        this.submission = submission;
        this.claims = claims;
        this.isolation = isolation;
    }

    /** Whether the properties ask for a lab run. */
    public static boolean requested(Properties properties) {
        String lab = properties.getProperty(LAB);
        return lab != null && !lab.isBlank();
    }

    /** Loads the lab and the submission and discovers the runtimes; a mistake is one line naming what to fix. */
    public static LabRun start(Path projectRoot, Properties properties, PrintStream out) {
        Lab lab = Lab.load(projectRoot, properties.getProperty(LAB).strip());
        Path submission = submission(projectRoot, lab, properties.getProperty(SUBMISSION));
        boolean acceptUnsandboxed = acceptsUnsandboxed(properties.getProperty(UNSANDBOXED));
        Properties withDefaults = new Properties();
        withDefaults.putAll(properties);
        LAB_DEFAULTS.forEach((key, value) -> {
            String given = properties.getProperty(key);
            if (given == null || given.isBlank()) {
                withDefaults.setProperty(key, value);
            }
        });
        Settings settings = Settings.from(withDefaults);
        Sandbox sandbox = Sandbox.probe(Sandbox.DEFAULT_MEMORY_MIB);
        Set<String> kinds = lab.claims().stream().map(Lab::kindOf).collect(Collectors.toSet());
        out.println("concurrency-claims: lab " + lab.name() + " (" + lab.title() + "), grading " + submission);
        if (!sandbox.isolated()) {
            out.println("concurrency-claims: the student's code runs WITHOUT a sandbox (" + sandbox.summary() + "); "
                    + (acceptUnsandboxed ? "accepted by -D" + UNSANDBOXED + "=accept" : "the run will not be gradable"
                    + " (-D" + UNSANDBOXED + "=accept to grade it anyway)"));
        }
        ClaimRun claims = new ClaimRun(projectRoot, settings, Catalog.of(lab.claims()), properties.getProperty("claims"),
                () -> Runtimes.forStudents(projectRoot, properties.getProperty("python"), kinds,
                        trusted -> student(trusted, projectRoot, lab, submission, sandbox)),
                projectRoot.resolve(properties.getProperty(REPORTS, "reports")), out);
        claims.gate((claim, outcomes) -> lab.checks().stream().filter(c -> c.claim().equals(claim.id()))
                .map(Lab.Check::after).filter(java.util.Objects::nonNull)
                .filter(after -> outcomes.get(after) != Outcome.CONFIRMED).findFirst()
                .map(after -> "not measured: it builds on the check '" + after + "', which did not pass"));
        return new LabRun(lab, submission, claims, Scorecard.Isolation.of(sandbox, acceptUnsandboxed));
    }

    /**
     * Judges every claim of the lab on the student's code, one after the other, as the claims tests do, and returns
     * the scorecard; a student's error is that check's ERROR, never an exception.
     */
    public Scorecard gradeAll() throws IOException {
        for (Claim claim : lab.claims()) {
            String kind = Lab.kindOf(claim);
            if (!claims.claimsFor(kind).contains(claim)) {
                continue;  // narrowed away by -Dclaims
            }
            for (Runtime runtime : claims.runtimesFor(claim, kind)) {
                try {
                    claims.judge(claim, runtime, Lab.modelOf(claim));
                } catch (MeasurementException e) {
                    // Recorded as the check's ERROR with its message; the other checks still run.
                }
            }
        }
        Path folder = claims.finish();
        return scorecard(ResultsReader.read(folder.resolve("results.json")));
    }

    /** The scorecard of this run's results, saying whether the student's code ran sandboxed. */
    public Scorecard scorecard(concurrencyclaims.report.Results results) {
        return Scorecard.of(lab, submission, results, isolation);
    }

    private static boolean acceptsUnsandboxed(String given) {
        if (given == null || given.isBlank()) {
            return false;
        }
        if (given.strip().equals("accept")) {
            return true;
        }
        throw new CatalogException("-D" + UNSANDBOXED + "=" + given + ": the only value is 'accept' (grades count "
                + "where the student's code cannot be sandboxed)");
    }

    private static Path submission(Path projectRoot, Lab lab, String given) {
        if (given == null || given.isBlank()) {
            return lab.folder();
        }
        Path folder = projectRoot.resolve(given.strip()).toAbsolutePath().normalize();
        if (!Files.isDirectory(folder)) {
            throw new CatalogException("-D" + SUBMISSION + "=" + given + ": no such folder (give the folder that holds "
                    + "the student's files, relative to the project or absolute)");
        }
        try {
            return folder.toRealPath();
        } catch (IOException e) {
            return folder;
        }
    }

    private static Runtime student(Runtime trusted, Path projectRoot, Lab lab, Path submission, Sandbox sandbox) {
        return switch (trusted.kind()) {
            case "cpython" -> new PythonStudentRuntime((CPythonRuntime) trusted, projectRoot, lab, submission, sandbox);
            case NodeRuntime.KIND -> new NodeStudentRuntime((NodeRuntime) trusted, projectRoot, lab, submission, sandbox);
            default -> new JavaStudentRuntime(trusted, lab, submission, sandbox);
        };
    }

    public ClaimRun claims() {
        return claims;
    }

    public Lab lab() {
        return lab;
    }

    public Path submission() {
        return submission;
    }
}
