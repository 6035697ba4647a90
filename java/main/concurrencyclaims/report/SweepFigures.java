package concurrencyclaims.report;

import concurrencyclaims.report.Results.Measurement;
import concurrencyclaims.report.Results.Sweep;
import concurrencyclaims.report.Results.SweepPoint;
import concurrencyclaims.measure.LinearFit;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * The figures of a concurrency sweep, from its raw samples: what the harness fits when it writes a sweep and what the
 * reports draw when they read one, so the two cannot disagree. Per sample: the tasks' memory (the whole process
 * tree's PSS while all tasks are held, less the same before they started), their start-up (from the first start to
 * the last task ready), the CPU of the whole sample, the waits (from releasing the tasks to the last one done) and
 * the wall time of the sample.
 */
public final class SweepFigures {
    public static final String MEMORY = "pss_kib";
    public static final String STARTUP = "startup_ms";
    public static final String CPU = "cpu_ms";
    public static final String WALL = "wall_s";
    /** Waits overlap while all of them end within this many waits of their release. */
    public static final double OVERLAP_WAITS = 2;

    private SweepFigures() {
    }

    /** A model whose every task is a process of its own. */
    public static boolean isProcessModel(String model) {
        return model.contains("process") || model.startsWith("multiprocessing");
    }

    public static double pssGrowthKiB(Measurement m) {
        return detail(m, "pss_kib_during") - detail(m, "pss_kib_before");
    }

    public static double startupMs(Measurement m) {
        return detail(m, "startup_s") * 1000;
    }

    public static double waitsSeconds(Measurement m) {
        return detail(m, "waits_s");
    }

    public static double cpuMs(Measurement m) {
        return m.cpuSeconds() * 1000;
    }

    /** The tasks' whole time: starting them all and their waits (not the memory readings between). */
    public static double tasksWallSeconds(Measurement m) {
        return detail(m, "startup_s") + detail(m, "waits_s");
    }

    private static double detail(Measurement m, String name) {
        return m.details().get(name) instanceof Number n ? n.doubleValue() : Double.NaN;
    }

    /** The median of {@code figure} over a point's samples, NaN when none has it. */
    public static double median(SweepPoint point, ToDoubleFunction<Measurement> figure) {
        double[] values = point.samples().stream().mapToDouble(figure).filter(Double::isFinite).sorted().toArray();
        if (values.length == 0) {
            return Double.NaN;
        }
        int mid = values.length / 2;
        return values.length % 2 == 1 ? values[mid] : (values[mid - 1] + values[mid]) / 2;
    }

    /** The sweep with its growth laws fitted and the largest numbers of tasks at which its waits overlapped. */
    public static Sweep summarise(Sweep sweep) {
        List<Results.Fit> fits = List.of(
                fit(sweep, MEMORY, "KiB", SweepFigures::pssGrowthKiB),
                fit(sweep, STARTUP, "ms", SweepFigures::startupMs),
                fit(sweep, CPU, "ms", SweepFigures::cpuMs),
                fit(sweep, WALL, "s", SweepFigures::tasksWallSeconds));
        double limit = OVERLAP_WAITS * sweep.waitMs() / 1000;
        Integer waits = null;
        Integer wall = null;
        for (SweepPoint point : sweep.points()) {
            if (median(point, SweepFigures::waitsSeconds) <= limit) {
                waits = point.tasks();
            }
            if (median(point, SweepFigures::tasksWallSeconds) <= limit) {
                wall = point.tasks();
            }
        }
        return new Sweep(sweep.runtime(), sweep.language(), sweep.model(), sweep.workload(), sweep.waitKind(),
                sweep.waitMs(), sweep.parameters(), sweep.points(), sweep.stop(), fits, waits, wall);
    }

    private static Results.Fit fit(Sweep sweep, String metric, String unit, ToDoubleFunction<Measurement> figure) {
        List<double[]> xy = new ArrayList<>();
        for (SweepPoint point : sweep.points()) {
            for (Measurement m : point.samples()) {
                xy.add(new double[]{point.tasks(), figure.applyAsDouble(m)});
            }
        }
        return LinearFit.of(metric, unit, xy.stream().mapToDouble(p -> p[0]).toArray(),
                xy.stream().mapToDouble(p -> p[1]).toArray());
    }
}
