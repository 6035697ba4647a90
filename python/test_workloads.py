"""Self-checks of the issue-4 workloads and of the driver's parameters, the cheap ones in-process.

Run with: python3 -m unittest discover -s python -p 'test_*.py'
"""

import asyncio
import contextlib
import errno
import json
import multiprocessing
import multiprocessing.connection
import os
import resource
import socket
import subprocess
import sys
import threading
import time
import unittest
from unittest import mock

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import driver  # noqa: E402
import models  # noqa: E402
import workloads  # noqa: E402
from workloads import Job, WorkloadFailed, file_io, idle_memory, many_waits, message_passing, tcp_echo  # noqa: E402


class LineEchoServer(object):
    """The protocol of Java's EchoServer ("<delay_ms> <payload>" echoed after delay_ms), or a twisted version."""

    def __init__(self, alter=False):
        self.alter = alter
        self.listener = socket.socket()
        self.listener.bind(("127.0.0.1", 0))
        self.listener.listen(256)
        self.port = self.listener.getsockname()[1]
        threading.Thread(target=self._accept, name="echo-server", daemon=True).start()

    def _accept(self):
        while True:
            try:
                connection, _ = self.listener.accept()
            except OSError:
                return
            threading.Thread(target=self._serve, args=(connection,), name="echo-server", daemon=True).start()

    def _serve(self, connection):
        with connection, connection.makefile("rb") as lines:
            for line in lines:
                time.sleep(int(line.split(b" ")[0]) / 1000.0)
                connection.sendall(line.upper() if self.alter else line)

    def close(self):
        # shutdown() first: a plain close() leaves the socket listening while _accept is blocked in accept().
        with contextlib.suppress(OSError):
            self.listener.shutdown(socket.SHUT_RDWR)
        self.listener.close()


def run_job(workload, model, workers, units, iterations, params=None):
    return workloads.run(models.offered_models()[model](), Job(workload, model, workers, units, iterations, params or {}))


class TcpEchoTest(unittest.TestCase):
    def setUp(self):
        self.server = LineEchoServer()
        self.addCleanup(self.server.close)

    def test_one_connection_per_chunk_counts_the_correct_echoes(self):
        self.assertEqual(tcp_echo.chunk(3, 7, 1, {"echo_port": self.server.port}), 4)

    def test_asyncio_sends_all_units_at_once(self):
        started = time.perf_counter()
        echoes = asyncio.run(tcp_echo.chunk_async(0, 8, 200, {"echo_port": self.server.port}))
        self.assertEqual(echoes, 8)
        self.assertLess(time.perf_counter() - started, 8 * 0.2 / 2)

    def test_a_wrong_echo_is_not_counted(self):
        altered = LineEchoServer(alter=True)
        self.addCleanup(altered.close)
        self.assertEqual(tcp_echo.chunk(0, 3, 0, {"echo_port": altered.port}), 0)
        self.assertEqual(asyncio.run(tcp_echo.chunk_async(0, 3, 0, {"echo_port": altered.port})), 0)

    def test_no_server_is_a_clear_failure(self):
        self.server.close()
        with self.assertRaisesRegex(WorkloadFailed, "cannot connect to the echo server at 127.0.0.1:%d" % self.server.port):
            tcp_echo.chunk(0, 1, 0, {"echo_port": self.server.port})
        with self.assertRaisesRegex(WorkloadFailed, "cannot connect"):
            asyncio.run(tcp_echo.chunk_async(0, 2, 0, {"echo_port": self.server.port}))


class FileIoTest(unittest.TestCase):
    def test_files_are_read_back_and_the_folder_removed(self):
        with file_io.prepare({}) as params:
            folder = params["folder"]
            self.assertEqual(file_io.chunk(2, 5, 3, params), 3)
            self.assertEqual(sorted(os.listdir(folder)), ["unit-2.bin", "unit-3.bin", "unit-4.bin"])
            self.assertEqual(os.path.getsize(os.path.join(folder, "unit-3.bin")), 3 * 1024)
        self.assertFalse(os.path.exists(folder))

    def test_the_folder_is_removed_on_failure_too(self):
        with self.assertRaises(RuntimeError):
            with file_io.prepare({}) as params:
                folder = params["folder"]
                raise RuntimeError("failed mid-run")
        self.assertFalse(os.path.exists(folder))

    def test_content_differs_between_units(self):
        self.assertEqual(len(file_io.content(1, 2)), 2048)
        self.assertNotEqual(file_io.content(1, 1), file_io.content(2, 1))


@unittest.skipUnless(os.path.exists("/proc/self/status"), "needs Linux /proc")
class IdleMemoryTest(unittest.TestCase):
    def test_smaps_lines_are_summed(self):
        text = ["Rss:                1000 kB\n", "Pss:                 600 kB\n", "Pss_Anon:            400 kB\n",
                "Rss:                  24 kB\n", "Pss:                  12 kB\n"]
        self.assertEqual(idle_memory.parse_smaps(text), (612, 1024))

    def test_descendants_include_grandchildren(self):
        # A shell whose own child sleeps: both are our descendants.
        child = subprocess.Popen(["sh", "-c", "sleep 30 & wait"])
        self.addCleanup(child.wait)
        self.addCleanup(child.kill)
        deadline = time.time() + 10
        while time.time() < deadline:
            found = idle_memory.descendants(os.getpid())
            if len(found) >= 2:
                break
            time.sleep(0.05)
        self.assertIn(child.pid, found)
        self.assertEqual(len(found), 2, found)
        grandchild = [pid for pid in found if pid != child.pid][0]
        subprocess.run(["kill", str(grandchild)])

    def test_the_tree_of_this_process_has_memory(self):
        tree = idle_memory.tree_memory(os.getpid())
        self.assertGreater(tree.pss_kib, 0)
        self.assertGreaterEqual(tree.rss_kib, tree.pss_kib)

    def test_idle_threads_are_measured_in_this_process(self):
        details = run_job("idle_memory", "threading", 4, 1, 0).details
        self.assertEqual(details["processes_measured"], 1)
        self.assertEqual(details["rss_kib_per_worker"] * 4, details["rss_kib_during"] - details["rss_kib_before"])


class CooperatingWorkloadsTest(unittest.TestCase):
    def test_shared_state_threads_see_it_fork_does_not(self):
        self.assertEqual(run_job("shared_state", "threading", 1, 1, 0).details, {"main_saw_worker_mutation": True})
        if "fork" in multiprocessing.get_all_start_methods():
            self.assertEqual(
                run_job("shared_state", "multiprocessing-fork", 1, 1, 0).details, {"main_saw_worker_mutation": False}
            )

    def test_shared_counter_exact_under_a_lock(self):
        result = run_job("shared_counter", "threading", 3, 3, 2000)
        self.assertEqual(result.details["expected"], 6000)
        self.assertEqual(result.details["exact_total"], 6000)
        self.assertEqual(result.checksum, 6000)
        self.assertLessEqual(result.details["racy_total"], 6000)

    def test_shared_counter_restores_the_switch_interval(self):
        before = sys.getswitchinterval()
        run_job("shared_counter", "thread-pool", 2, 2, 100)
        self.assertEqual(sys.getswitchinterval(), before)

    def test_deadlock_both_second_locks_time_out(self):
        started = time.perf_counter()
        self.assertEqual(run_job("deadlock", "threading", 2, 2, 100).details, {"deadlocked": True})
        self.assertGreaterEqual(time.perf_counter() - started, 0.1)

    def test_message_passing_counts_the_bytes(self):
        result = run_job("message_passing", "threading", 1, 5, 1000)
        self.assertEqual(result.checksum, 5000)
        self.assertEqual(result.details["bytes_moved"], 5000)
        self.assertAlmostEqual(result.details["mib_per_s"], 5000 / 2.0 ** 20 / result.details["transfer_s"])
        self.assertEqual(len(message_passing.payload(300)), 300)

    def test_sleep_wait_checksum_and_overlap(self):
        started = time.perf_counter()
        self.assertEqual(run_job("sleep_wait", "asyncio", 1, 6, 100).checksum, 6)
        self.assertLess(time.perf_counter() - started, 0.4)


@unittest.skipUnless(os.path.exists("/proc/self/status"), "needs Linux /proc")
class ManyWaitsTest(unittest.TestCase):
    """The in-process models (and fork); every model, through the driver, in CPythonWorkloadsTest."""

    MODELS = ["threading", "thread-pool", "asyncio"] + (
        ["multiprocessing-fork"] if "fork" in multiprocessing.get_all_start_methods() else [])

    def setUp(self):
        self.server = LineEchoServer()
        self.addCleanup(self.server.close)
        self.threads_before = set(threading.enumerate())

    def run_many(self, model, tasks, wait_ms, wait="sleep", echo_port=None):
        return run_job("many_waits", model, tasks, tasks, wait_ms, {"wait": wait, "echo_port": echo_port})

    def assertNothingLeftRunning(self):
        # The echo server's threads (one a connection) end when it notices the client hung up: not ours to count.
        left = [thread for thread in threading.enumerate()
                if thread not in self.threads_before and not thread.name.startswith("echo-server")]
        self.assertEqual(left, [])
        self.assertEqual(multiprocessing.active_children(), [])
        self.assertEqual(idle_memory.descendants(os.getpid()), [])

    def assertSane(self, result, tasks, wait_ms, processes=1):
        details = result.details
        self.assertEqual(result.checksum, tasks, details)
        self.assertEqual((details["tasks"], details["wait_ms"]), (tasks, wait_ms))
        self.assertGreater(details["startup_s"], 0)
        self.assertGreaterEqual(details["waits_s"], wait_ms / 1000.0)
        self.assertGreater(details["pss_kib_before"], 0)
        self.assertGreater(details["pss_kib_during"], 0)
        self.assertGreaterEqual(details["processes_during"], processes)
        self.assertAlmostEqual(details["pss_kib_per_task"] * tasks,
                               details["pss_kib_during"] - details["pss_kib_before"])
        self.assertAlmostEqual(details["rss_kib_per_task"] * tasks,
                               details["rss_kib_during"] - details["rss_kib_before"])
        self.assertNotIn("limit_raised", details)  # 10 tasks need no more fds than any soft limit allows

    def test_every_model_sleeps_and_echoes(self):
        for model in self.MODELS:
            processes = 11 if model.startswith("multiprocessing-") else 1
            with self.subTest(model=model, wait="sleep"):
                self.assertSane(self.run_many(model, 10, 50), 10, 50, processes)
            with self.subTest(model=model, wait="tcp"):
                self.assertSane(self.run_many(model, 10, 50, "tcp", self.server.port), 10, 50, processes)
        self.assertNothingLeftRunning()

    def test_a_hundred_threads_wake_together(self):
        details = self.run_many("threading", 100, 200).details
        self.assertEqual(details["tasks"], 100)
        self.assertLess(details["waits_s"], 2 * 0.2, "one after another would take 20 s")
        self.assertGreater(details["pss_kib_per_task"], 0)
        self.assertNothingLeftRunning()

    def test_a_wrong_echo_is_not_counted(self):
        altered = LineEchoServer(alter=True)
        self.addCleanup(altered.close)
        for model in ("threading", "asyncio"):
            self.assertEqual(self.run_many(model, 3, 0, "tcp", altered.port).checksum, 0, model)

    def test_no_server_is_an_ordinary_failure_and_ends_every_task(self):
        self.server.close()
        for model in self.MODELS:
            with self.assertRaisesRegex(WorkloadFailed, "^many_waits: cannot connect to the echo server at "
                                                        "127.0.0.1:%d" % self.server.port):
                self.run_many(model, 5, 0, "tcp", self.server.port)
        self.assertNothingLeftRunning()

    def test_tcp_needs_the_echo_port(self):
        with self.assertRaisesRegex(WorkloadFailed, "needs --param echo_port="):
            self.run_many("threading", 2, 0, "tcp")

    def test_limit_kinds(self):
        self.assertEqual(many_waits.limit_kind(OSError(errno.EMFILE, "Too many open files"), None), "file descriptors")
        self.assertEqual(many_waits.limit_kind(OSError(errno.ENFILE, "File table overflow"), "threads"),
                         "file descriptors")
        self.assertEqual(many_waits.limit_kind(OSError(errno.ENOMEM, "Cannot allocate memory"), "processes"), "memory")
        self.assertEqual(many_waits.limit_kind(MemoryError(), None), "memory")
        self.assertEqual(many_waits.limit_kind(BlockingIOError(errno.EAGAIN, "Resource temporarily unavailable"),
                                               "processes"), "processes")
        self.assertEqual(many_waits.limit_kind(RuntimeError("can't start new thread"), "threads"), "threads")
        self.assertIsNone(many_waits.limit_kind(ConnectionRefusedError(errno.ECONNREFUSED, "refused"), None))
        self.assertIsNone(many_waits.limit_kind(BlockingIOError(errno.EAGAIN, "would block"), None))

    def test_a_thread_that_cannot_start_is_a_threads_limit_and_the_started_ones_end(self):
        real_start = threading.Thread.start
        started = []

        def start(thread):
            if thread.name == "many_waits-warm-up":  # one thread started and ended before the tasks
                return real_start(thread)
            if len(started) == 7:
                raise RuntimeError("can't start new thread")
            started.append(thread)
            real_start(thread)

        for model in ("threading", "thread-pool"):
            del started[:]
            with mock.patch.object(threading.Thread, "start", start):
                with self.assertRaisesRegex(WorkloadFailed, r"^limit: threads: 7 of 20 tasks started: "
                                                            r"can't start new thread$"):
                    self.run_many(model, 20, 0)
            self.assertNothingLeftRunning()

    def test_a_connection_without_an_fd_is_an_fd_limit_and_every_task_ends(self):
        real_connect = many_waits._connect
        calls = []

        def connect(echo_port):
            calls.append(echo_port)
            if len(calls) > 6:
                raise OSError(errno.EMFILE, "Too many open files")
            return real_connect(echo_port)

        for model in ("threading", "thread-pool"):
            del calls[:]
            with mock.patch.object(many_waits, "_connect", connect):
                with self.assertRaisesRegex(WorkloadFailed, r"^limit: file descriptors: \d+ of 20 tasks started: "
                                                            r"\[Errno 24\] Too many open files$"):
                    self.run_many(model, 20, 0, "tcp", self.server.port)
            self.assertNothingLeftRunning()

    @unittest.skipUnless("fork" in multiprocessing.get_all_start_methods(), "needs fork")
    def test_a_process_without_a_pipe_is_an_fd_limit_and_the_started_ones_are_stopped(self):
        real_pipe = multiprocessing.connection.Pipe
        pipes = []

        def pipe(duplex=True):
            pipes.append(duplex)
            if len(pipes) > 2 + 4:  # the workload's ready and gate pipes, then one a process
                raise OSError(errno.EMFILE, "Too many open files")
            return real_pipe(duplex)

        with mock.patch.object(multiprocessing.connection, "Pipe", pipe):
            with self.assertRaisesRegex(WorkloadFailed, r"^limit: file descriptors: 4 of 10 tasks started: "
                                                        r"\[Errno 24\] Too many open files$"):
                self.run_many("multiprocessing-fork", 10, 0)
        self.assertNothingLeftRunning()

    @unittest.skipUnless("fork" in multiprocessing.get_all_start_methods(), "needs fork")
    def test_processes_that_would_leave_too_little_memory_are_not_started(self):
        available = [8 << 20, 2 << 20]  # KiB: 6 GiB gone with the first 3 processes, 2 GiB left

        def memory_kib(field):
            return 20 << 20 if field == "MemTotal" else available.pop(0)

        with mock.patch.object(many_waits, "PROCESS_BATCH", 3), mock.patch.object(many_waits, "_memory_kib", memory_kib):
            with self.assertRaisesRegex(WorkloadFailed, r"^limit: memory: 3 of 5 tasks started: MemAvailable 2048 MiB "
                                                        r"of 20480 MiB; 2 more processes at 2048.0 MiB each would "
                                                        r"leave less than 10 % of it"):
                self.run_many("multiprocessing-fork", 5, 0)
        self.assertNothingLeftRunning()

    @unittest.skipUnless("fork" in multiprocessing.get_all_start_methods(), "needs fork")
    def test_processes_are_started_in_batches(self):
        with mock.patch.object(many_waits, "PROCESS_BATCH", 3):
            result = self.run_many("multiprocessing-fork", 7, 10)
        self.assertEqual(result.checksum, 7)
        self.assertEqual(result.details["processes_during"], 8)
        self.assertNothingLeftRunning()


@unittest.skipUnless(os.path.exists("/proc/self/status"), "needs Linux /proc")
class ManyWaitsRealLimitsTest(unittest.TestCase):
    """The driver in a child whose RLIMIT_NOFILE is 64 (soft and hard, or soft only)."""

    def setUp(self):
        self.server = LineEchoServer()
        self.addCleanup(self.server.close)

    def drive(self, model, tasks, hard, *params):
        def lower():
            resource.setrlimit(resource.RLIMIT_NOFILE, (64, 64 if hard else resource.getrlimit(resource.RLIMIT_NOFILE)[1]))

        command = [sys.executable, driver.__file__, "run", "--workload", "many_waits", "--model", model,
                   "--workers", str(tasks), "--units", str(tasks), "--iterations", "0"]
        for param in params:
            command += ["--param", param]
        return subprocess.run(command, preexec_fn=lower, capture_output=True, text=True, timeout=60)

    def test_out_of_fds_is_a_limit(self):
        tcp = ("wait=tcp", "echo_port=%d" % self.server.port)
        cases = [("threading", 100, tcp), ("asyncio", 100, tcp)]
        if "fork" in multiprocessing.get_all_start_methods():
            cases.append(("multiprocessing-fork", 40, ()))
        for model, tasks, params in cases:
            run = self.drive(model, tasks, True, *params)
            self.assertEqual(run.returncode, 1, run.stderr)
            self.assertRegex(run.stderr.splitlines()[-1], r"^error: limit: file descriptors: \d+ of %d tasks started: "
                                                          r"\[Errno 24\] Too many open files$" % tasks)

    def test_a_soft_fd_limit_is_raised_to_the_hard_one(self):
        hard = resource.getrlimit(resource.RLIMIT_NOFILE)[1]
        if hard != resource.RLIM_INFINITY and hard < 300:
            self.skipTest("the hard fd limit, %d, leaves nothing to raise" % hard)
        run = self.drive("threading", 100, False, "wait=tcp", "echo_port=%d" % self.server.port)
        self.assertEqual(run.returncode, 0, run.stderr)
        report = json.loads(run.stdout)
        self.assertEqual(report["checksum"], 100)
        self.assertEqual(report["details"]["limit_raised"], "RLIMIT_NOFILE 64 -> %d" % hard)


class DriverArgumentsTest(unittest.TestCase):
    def plan(self, *words):
        return driver.plan(driver.build_parser().parse_args(["run"] + list(words)))

    def assertUsageError(self, pattern, *words):
        with self.assertRaisesRegex(driver.UsageError, pattern):
            self.plan(*words)

    def test_params_are_converted(self):
        _, job = self.plan("--workload", "tcp_echo", "--model", "threading", "--workers", "2", "--units", "4",
                           "--iterations", "1", "--param", "echo_port=4321")
        self.assertEqual(job.params, {"echo_port": 4321})

    def test_bad_params_are_usage_errors(self):
        base = ["--workload", "tcp_echo", "--model", "threading", "--workers", "2", "--units", "4", "--iterations", "1"]
        self.assertUsageError(r"tcp_echo needs --param echo_port=<", *base)
        self.assertUsageError(r"unknown parameter 'port' for tcp_echo \(it takes: echo_port\)", *base,
                              "--param", "port=1")
        self.assertUsageError(r"--param needs NAME=VALUE, got 'echo_port'", *base, "--param", "echo_port")
        self.assertUsageError(r"bad value '70000' for parameter echo_port", *base, "--param", "echo_port=70000")
        self.assertUsageError(r"given more than once", *base, "--param", "echo_port=1", "--param", "echo_port=2")

    def test_many_waits_waits_on_sleep_or_tcp(self):
        base = ["--workload", "many_waits", "--model", "asyncio", "--workers", "3", "--units", "3", "--iterations", "1"]
        self.assertEqual(self.plan(*base)[1].params, {"wait": "sleep", "echo_port": None})
        self.assertEqual(self.plan(*base, "--param", "wait=tcp", "--param", "echo_port=4321")[1].params,
                         {"wait": "tcp", "echo_port": 4321})
        self.assertUsageError(r"bad value 'poll' for parameter wait of many_waits: one of: sleep, tcp", *base,
                              "--param", "wait=poll")

    def test_unsupported_pairs_name_the_supported_models(self):
        self.assertUsageError(
            r"^deadlock is not supported under asyncio \(supported: threading, thread-pool, multiprocessing-",
            "--workload", "deadlock", "--model", "asyncio", "--workers", "2", "--units", "2", "--iterations", "1",
        )

    def test_worker_counts_the_workload_needs(self):
        self.assertUsageError(r"sleep_wait under asyncio needs --workers 1, got 3", "--workload", "sleep_wait",
                              "--model", "asyncio", "--workers", "3", "--units", "3", "--iterations", "1")
        self.assertUsageError(r"deadlock under threading needs --workers 2, got 3", "--workload", "deadlock",
                              "--model", "threading", "--workers", "3", "--units", "3", "--iterations", "1")
        # Workloads without chunks take any number of units.
        _, job = self.plan("--workload", "idle_memory", "--model", "threading", "--workers", "5", "--units", "12",
                           "--iterations", "0")
        self.assertEqual(job.workers, 5)

    def test_describe_lists_asyncio_and_each_workloads_models(self):
        description = driver.describe_interpreter(None)
        self.assertIn("asyncio", description["models"])
        self.assertIn("asyncio", description["workload_models"]["integer_hash"])
        self.assertNotIn("asyncio", description["workload_models"]["file_io"])
        # CPython and PyPy know whether they compile; only GraalPy leaves it to its JVM.
        self.assertIsInstance(description["jit"], bool)

    def test_the_json_line_has_details(self):
        report = driver.run_workload(driver.build_parser().parse_args(
            ["run", "--workload", "integer_hash", "--model", "asyncio", "--workers", "2", "--units", "4",
             "--iterations", "10"]))
        self.assertEqual(report["details"], {})
        self.assertEqual(report["checksum"], workloads.integer_hash.units(0, 4, 10))


if __name__ == "__main__":
    unittest.main()
