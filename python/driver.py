"""CPython side of concurrency-claims: runs a workload under one concurrency model and reports it as JSON.

The Java harness starts this file by absolute path from another working directory and reads exactly one line of
JSON from stdout. Everything else (errors, tracebacks) goes to stderr.
"""

import os
import sys

# Java runs us from elsewhere, and spawn/forkserver workers re-import this file as __mp_main__ and then import
# our modules by name, so this folder must be importable whatever the working directory.
_HERE = os.path.dirname(os.path.abspath(__file__))
if _HERE not in sys.path:
    sys.path.insert(0, _HERE)

import argparse  # noqa: E402
import json  # noqa: E402
import multiprocessing  # noqa: E402
import platform  # noqa: E402
import resource  # noqa: E402
import sysconfig  # noqa: E402
import time  # noqa: E402
import traceback  # noqa: E402

import models  # noqa: E402
import workloads  # noqa: E402
from workloads import WORKLOADS, Job, WorkloadFailed  # noqa: E402

EXIT_RUN_FAILED = 1
EXIT_USAGE = 2
EXIT_INTERRUPTED = 130

DESCRIPTION = """\
Runs a workload under one concurrency model of this Python interpreter and prints the measurements as
one line of JSON on stdout. Meant to be driven by the concurrency-claims Java harness.

exit codes: 0 ok; 1 the run failed (a traceback on stderr, or for a known cause such as an unreachable echo server
one line starting with "error: "); 2 bad arguments, including a workload the model does not support (one line on
stderr starting with "error: "); 130 interrupted by Ctrl-C."""

DESCRIBE_HELP = """\
Prints what this interpreter offers: implementation, version, executable, gil_enabled, jit (whether it compiles
Python to machine code; null if unknown), free_threaded_build, start_methods, default_start_method, models,
workloads, workload_models (the models each workload runs under here), workload_info (what each declares: sized_by_time, fresh_interpreter, parameters, its file), platform,
cpu_count, switch_interval."""

RUN_EPILOG = """\
For workloads of independent units (integer_hash, sleep_wait, tcp_echo, file_io) the units are split into --workers
contiguous chunks of equal size (worker k gets units [k*U/N, (k+1)*U/N)), so --units must be a multiple of
--workers. Some workloads take a --param name=value (tcp_echo needs echo_port; message_passing takes
channel=message|pipe|shared-memory). The JSON line has these fields:
  workload, model, workers, units, iterations  as requested
  checksum       sum over all units of the workload's result; the same for every model
  wall_s         seconds of wall-clock time for the whole model, including starting and joining its
                 threads, processes or pools (not interpreter start-up or imports)
  cpu_s          user + system CPU seconds of this process and its worker processes in that time
                 (forkserver workers, which are not our children, report their own)
  peak_rss_kib   largest resident set of this process or any single worker process, in KiB
  version        Python version, e.g. 3.11.7
  gil_enabled    whether the GIL is on (null if unknown)
  start_method   multiprocessing start method of the process models, else null
  work_intervals process models: [start_ns, end_ns, cpu_ns] of each worker's chunk, its start and end on the
                 machine-wide monotonic clock (the workers start together once all are up) and the CPU its
                 process spent on it, else null; the harness makes the work's span, CPU and parallelism of them
  details        the workload's own figures, e.g. {"deadlocked": true}; {} when it has none"""


SERVE_HELP = """\
For an interpreter kept across runs: GraalPy in a JVM, slow to start and fast once warm (its JIT keeps what it
compiled); and, with --fork, CPython and PyPy, whose start-up and imports (100 to 200 ms) would otherwise be paid by
every sample: each request then runs in a forked copy of the server, which itself never runs a workload, so that
every run starts from the same fresh interpreter, as a program of its own would, without starting one; its report
then also has process_cpu_s, the CPU seconds of the whole copy (its untimed parts too) and its reaped descendants.
Reads requests from stdin, one a line, each a JSON array of the arguments of describe or run (["run", "--workload",
"integer_hash", ...]), and answers each with one line of JSON on stdout: {"report": <what the command prints>}, or
{"error": <one line>, "exit_code": 1 or 2}. Without --fork a failed run is answered and then ends the server (its
worker threads may still be running); a usage error is answered and the server goes on. Ends at the end of stdin."""


class UsageError(Exception):
    """Bad command-line arguments: reported as a single line on stderr, exit code 2."""


class ArgumentParser(argparse.ArgumentParser):
    def error(self, message):
        raise UsageError("%s (see --help)" % message)


def build_parser():
    parser = ArgumentParser(
        prog="driver.py", description=DESCRIPTION, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    commands.required = True

    describe = commands.add_parser("describe", help="describe this interpreter as JSON", description=DESCRIBE_HELP)
    describe.set_defaults(handler=describe_interpreter)

    run = commands.add_parser(
        "run",
        help="run a workload under a concurrency model and report it as JSON",
        description="Runs --units units of --workload, each of --iterations iterations, on --workers workers\n"
        "of --model, and prints one line of JSON.",
        epilog=RUN_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    run.add_argument("--workload", required=True, metavar="NAME", help="one of: " + ", ".join(WORKLOADS))
    run.add_argument(
        "--model", required=True, metavar="MODEL", help="one of: " + ", ".join(models.offered_models())
    )
    run.add_argument("--workers", required=True, type=int, metavar="N", help="number of threads or processes")
    run.add_argument("--units", required=True, type=int, metavar="U", help="total number of units, split evenly")
    run.add_argument("--iterations", required=True, type=int, metavar="I", help="iterations per unit")
    run.add_argument(
        "--param",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="a parameter of the workload; repeat for several",
    )
    run.add_argument(
        "--turns-lock",
        metavar="PATH",
        help="test only: the process models' workers take turns, each creating the directory PATH (which must not "
        "exist) before timing its chunk and removing it after: the mutant that proves the harness's parallelism "
        "statistic",
    )
    run.set_defaults(handler=run_workload)

    serve = commands.add_parser("serve", help="answer describe and run requests, one per line of stdin",
                                description=SERVE_HELP, formatter_class=argparse.RawDescriptionHelpFormatter)
    serve.add_argument("--fork", action="store_true",
                       help="run each request in a forked copy of this server, which itself runs nothing")
    serve.set_defaults(handler=None)
    return parser


def gil_enabled():
    if hasattr(sys, "_is_gil_enabled"):
        return sys._is_gil_enabled()
    # CPython before 3.13 always has one; so does PyPy (one lock around its interpreter, released for I/O), and
    # GraalPy ("GraalVM"), whose GIL is released for I/O and native code as in CPython.
    return True if platform.python_implementation() in ("CPython", "PyPy", "GraalVM") else None


def jit_enabled():
    implementation = platform.python_implementation()
    if implementation == "PyPy":
        # A PyPy built without its JIT has no pypyjit module.
        try:
            import pypyjit  # noqa: F401
        except ImportError:
            return False
        return True
    if implementation == "CPython":
        # 3.14's experimental JIT runs only when built in and switched on; before 3.14 there is none.
        jit = getattr(sys, "_jit", None)
        return bool(jit is not None and jit.is_enabled())
    # GraalPy: whether Truffle compiles is the JVM's to say (GraalPyRuntime fills it in).
    return None


def describe_interpreter(_args):
    return {
        "implementation": platform.python_implementation(),
        "version": platform.python_version(),
        "executable": os.path.realpath(sys.executable),
        "gil_enabled": gil_enabled(),
        "jit": jit_enabled(),
        "free_threaded_build": sysconfig.get_config_var("Py_GIL_DISABLED") == 1,
        "start_methods": multiprocessing.get_all_start_methods(),
        "default_start_method": multiprocessing.get_start_method(allow_none=False),
        "models": list(models.offered_models()),
        "workloads": list(WORKLOADS),
        "workload_models": {workload: supported_models(workload) for workload in WORKLOADS},
        "workload_info": {
            workload: {
                "sized_by_time": workloads.sized_by_time(workload),
                "fresh_interpreter": workloads.needs_fresh_interpreter(workload),
                "parameters": sorted(workloads.parameters(workload)),
                "file": os.path.join(_HERE, "workloads", workload + ".py"),
            }
            for workload in WORKLOADS
        },
        "platform": platform.platform(),
        "cpu_count": os.cpu_count(),
        "switch_interval": sys.getswitchinterval(),
    }


def supported_models(workload, offered=None):
    """Names of the models on this interpreter that the workload runs under."""
    offered = models.offered_models() if offered is None else offered
    return [name for name, create in offered.items() if create().family in workloads.families(workload)]


def plan(args):
    """The fresh model object and the Job, or UsageError."""
    if args.workload not in WORKLOADS:
        raise UsageError(
            "unknown workload %r: no %s (known: %s)"
            % (args.workload, os.path.join(_HERE, "workloads", "%s.py" % args.workload), ", ".join(WORKLOADS))
        )
    offered = models.offered_models()
    if args.model not in offered:
        if args.model.startswith(models.PROCESS_MODEL_PREFIX):
            raise UsageError(
                "model %r is not offered here: start method %r is not among this interpreter's start methods (%s); "
                "models on this interpreter: %s"
                % (
                    args.model,
                    args.model[len(models.PROCESS_MODEL_PREFIX):],
                    ", ".join(multiprocessing.get_all_start_methods()),
                    ", ".join(offered),
                )
            )
        raise UsageError("unknown model %r; models on this interpreter: %s" % (args.model, ", ".join(offered)))
    model = offered[args.model]()
    if model.family not in workloads.families(args.workload):
        raise UsageError(
            "%s is not supported under %s (supported: %s)"
            % (args.workload, args.model, ", ".join(supported_models(args.workload, offered)))
        )
    if args.workers < 1:
        raise UsageError("--workers must be at least 1, got %d" % args.workers)
    needed = workloads.required_workers(args.workload, model.family)
    if needed is None and model.family == models.SEQUENTIAL:
        needed = 1
    if needed is not None and args.workers != needed:
        raise UsageError(
            "%s under %s needs --workers %d, got %d" % (args.workload, args.model, needed, args.workers)
        )
    if args.units < 0 or args.iterations < 0:
        raise UsageError(
            "--units and --iterations must not be negative, got %d and %d" % (args.units, args.iterations)
        )
    if workloads.is_chunked(args.workload) and args.units % args.workers:
        raise UsageError(
            "--units %d cannot be split evenly among --workers %d (remainder %d)"
            % (args.units, args.workers, args.units % args.workers)
        )
    params = parse_params(args.workload, args.param)
    model.turns_lock = args.turns_lock
    return model, Job(args.workload, args.model, args.workers, args.units, args.iterations, params)


def parse_params(workload, given):
    """{name: converted value} from the --param NAME=VALUE texts (or the defaults); every parameter of the workload,
    and no other."""
    known = workloads.parameters(workload)
    takes = ", ".join(sorted(known)) if known else "none"
    params = {}
    for text in given:
        name, equals, value = text.partition("=")
        if not equals or not name:
            raise UsageError("--param needs NAME=VALUE, got %r" % text)
        if name not in known:
            raise UsageError("unknown parameter %r for %s (it takes: %s)" % (name, workload, takes))
        if name in params:
            raise UsageError("--param %s given more than once" % name)
        try:
            params[name] = known[name][0](value)
        except ValueError as error:
            raise UsageError("bad value %r for parameter %s of %s: %s" % (value, name, workload, error))
    for name, spec in known.items():
        if name not in params and len(spec) > 2:
            params[name] = spec[2]
    missing = [name for name in sorted(known) if name not in params]
    if missing:
        raise UsageError(
            "%s needs %s"
            % (workload, ", ".join("--param %s=<%s>" % (name, known[name][1]) for name in missing))
        )
    return params


def run_workload(args):
    model, job = plan(args)
    cpu_before = _cpu_s_with_children()
    started = time.perf_counter()
    result = workloads.run(model, job)
    wall_s = time.perf_counter() - started
    cpu_s = _cpu_s_with_children() - cpu_before + model.untracked_cpu_s
    return {
        "workload": args.workload,
        "model": args.model,
        "workers": args.workers,
        "units": args.units,
        "iterations": args.iterations,
        "checksum": result.checksum,
        "wall_s": wall_s,
        "cpu_s": cpu_s,
        "peak_rss_kib": max(
            _peak_rss_kib(),
            models.rusage(resource.RUSAGE_CHILDREN)[1],
            model.untracked_peak_rss_kib,
        ),
        "version": platform.python_version(),
        "gil_enabled": gil_enabled(),
        "start_method": model.start_method,
        "work_intervals": model.work_intervals,
        "details": dict(result.details),
    }


def _cpu_s_with_children():
    # getrusage rather than os.times(): the same user/system/children sums, but at microsecond rather than
    # clock-tick (10 ms) resolution.
    return models.rusage(resource.RUSAGE_SELF)[0] + models.rusage(resource.RUSAGE_CHILDREN)[0]


def _exit_now(code):
    # Skips interpreter shutdown, which would wait for worker threads still inside the workload: threads cannot be
    # interrupted. Worker processes have already been terminated by the model.
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)


def serve(fork_per_run):
    parser = build_parser()
    # Answers go to the real stdout, one a line; anything a workload prints goes to stderr instead of between them.
    answers, sys.stdout = sys.stdout, sys.stderr
    for line in sys.stdin:
        if not line.strip():
            continue
        try:
            argv = json.loads(line)
            if not isinstance(argv, list) or argv[:1] == ["serve"]:
                raise UsageError("a request is a JSON array of the arguments of describe or run, got %s" % line.strip())
            args = parser.parse_args([str(a) for a in argv])
            if fork_per_run and args.command == "run":
                answer = _answer_from_a_forked_copy(args)
            else:
                answer = _answer(args)
        except (UsageError, ValueError) as error:
            answer = {"error": str(error), "exit_code": EXIT_USAGE}
        except KeyboardInterrupt:
            _exit_now(EXIT_INTERRUPTED)
        print(json.dumps(answer), file=answers, flush=True)
        if answer.get("exit_code") == EXIT_RUN_FAILED and not fork_per_run:
            # Its worker threads may still be running; a forked copy's died with it.
            _exit_now(EXIT_RUN_FAILED)
    return 0


def _answer(args):
    """The answer to one request, run in this process: {"report": ...} or {"error": ..., "exit_code": ...}."""
    try:
        _reset_peak_rss()
        return {"report": args.handler(args)}
    except (UsageError, ValueError) as error:
        return {"error": str(error), "exit_code": EXIT_USAGE}
    except WorkloadFailed as error:
        return {"error": str(error), "exit_code": EXIT_RUN_FAILED}
    except Exception as error:
        traceback.print_exc()
        return {"error": "%s: %s" % (type(error).__name__, error), "exit_code": EXIT_RUN_FAILED}


def _answer_from_a_forked_copy(args):
    """Runs the request in a forked child, which sends its answer back through a pipe and exits: the server stays
    as it was, an interpreter that has imported the driver and run nothing."""
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:
        os.close(read_end)
        code = EXIT_RUN_FAILED
        try:
            answer = _answer(args)
            with os.fdopen(write_end, "w") as back:
                back.write(json.dumps(answer) + "\n")
            code = 0
        except KeyboardInterrupt:
            code = EXIT_INTERRUPTED
        finally:
            _exit_now(code)
    os.close(write_end)
    with os.fdopen(read_end) as back:
        line = back.readline()
    _, status, usage = os.wait4(pid, 0)
    if line.endswith("\n"):
        answer = json.loads(line)
        if "report" in answer:
            # All of the copy's CPU, its untimed parts too (importing the workload, exiting): the harness, which
            # does not reap it, would otherwise count them as another process's load.
            answer["report"]["process_cpu_s"] = usage.ru_utime + usage.ru_stime
        return answer
    how = ("killed by signal %d" % os.WTERMSIG(status)) if os.WIFSIGNALED(status) \
        else "exit code %d" % os.WEXITSTATUS(status)
    return {"error": "the run's process ended without a report (%s)" % how, "exit_code": EXIT_RUN_FAILED}


def _reset_peak_rss():
    """Starts this process's peak resident set size afresh (Linux's clear_refs), so that a served run reports its
    own peak rather than the largest of all the runs before it; elsewhere the peak stays the process's."""
    try:
        with open("/proc/self/clear_refs", "w") as clear_refs:
            clear_refs.write("5")
    except OSError:
        pass


def _peak_rss_kib():
    """This process's peak resident set size in KiB: VmHWM, which _reset_peak_rss resets, where Linux has it."""
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except (OSError, ValueError, IndexError):
        pass
    return models.rusage(resource.RUSAGE_SELF)[1]


def main(argv=None):
    try:
        args = build_parser().parse_args(argv)
        if args.command == "serve":
            return serve(args.fork and hasattr(os, "fork"))
        report = args.handler(args)
    except UsageError as error:
        print("error: %s" % error, file=sys.stderr)
        return EXIT_USAGE
    except WorkloadFailed as error:
        print("error: %s" % error, file=sys.stderr)
        _exit_now(EXIT_RUN_FAILED)
    except KeyboardInterrupt:
        _exit_now(EXIT_INTERRUPTED)
    except Exception:
        traceback.print_exc()
        _exit_now(EXIT_RUN_FAILED)
    print(json.dumps(report))
    return 0


if __name__ == "__main__":
    sys.exit(main())
