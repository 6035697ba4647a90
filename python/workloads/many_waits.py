"""Many tasks, each waiting once: `workers` = N concurrent tasks, one a worker (thread, pool thread, asyncio task on
one loop, process); `iterations` = the wait in ms; `units` is ignored.

Each task (wait=tcp: first opens its own connection to the run's echo server on 127.0.0.1:<echo_port>) says it is
ready and holds at a gate. Once all N are ready the tree's memory is measured (this process and every descendant,
as idle_memory does it), then the gate opens and each task does one wait: sleeps `iterations` ms, or sends
"<iterations> task-<k>\\n", reads the echo, compares it and closes its connection. checksum = the tasks whose wait
completed correctly = N.

details {"tasks", "wait_ms", "startup_s" (start of the first task to all N ready), "waits_s" (gate open to every task
ended and joined), "pss_kib_before", "pss_kib_during", "rss_kib_before", "rss_kib_during", "processes_during",
"pss_kib_per_task" = (during - before) / N, "rss_kib_per_task" likewise}, and "limit_raised" (a string such as
"RLIMIT_NOFILE 1024 -> 20000") when the soft fd limit had to be raised to its hard one for N.

Where task k cannot be started for want of a resource (a thread, a process, a file descriptor, memory), every task
started so far is released and ended, and the run fails with one line beginning
"limit: <threads|processes|file descriptors|memory>: <k> of <N> tasks started: <the error's own text>".
Processes are started 50 at a time, and a batch that would leave less than 10 % of MemTotal available is not (a
limit: memory, with MemAvailable in the text): past that, Linux's OOM killer, not ENOMEM, would end the sample.

The gates release the tasks without a lock convoy (10,000 threads on one threading.Event take 16-31 s to wake, each
needing the GIL and the lock that set() holds; a multiprocessing Event's set() waits for each sleeper in turn).
Processes, and threads without a GIL (free-threaded builds), poll the read end of a pipe whose only write end the
main side closes: EOF wakes every poller at once (it also comes should the main side die). Threads that share a GIL
would then all queue for it at once, which costs far more than the GIL's own serialising (see _hold_in_turn): they
block in read() on the pipe instead, and the one byte the main side writes wakes one of them, which passes it on as
soon as it holds the GIL, and so on. asyncio tasks await one asyncio.Event. Ready signals are one byte each on
another pipe (a task-count of them, read in bulk). Linux only (/proc, poll, exclusive pipe readers).
"""

import asyncio
import errno
import os
import resource
import select
import socket
import sys
import threading
import time
import types

from .common import POLL_S, WAIT_TIMEOUT_S, Result, WorkloadFailed
from .idle_memory import PROC, tree_memory
from .tcp_echo import HOST, TIMEOUT_S, port

NAME = "many_waits"
FAMILIES = ("threads", "processes", "asyncio")
# Memory is the whole tree's, during - before. A forked copy of the harness's kept interpreter shares its pages with
# that interpreter, which is outside the tree: the copy's share of them grows when a gc pass, or a forked worker,
# touches or maps them between before and during, a few MB that at N = 10 would read as hundreds of KiB a task.
# So, as idle_memory: an interpreter started for each sample (its start-up is outside every figure here).
FRESH_INTERPRETER = True

WAITS = ("sleep", "tcp")


def wait_kind(text):
    if text not in WAITS:
        raise ValueError("one of: %s" % ", ".join(WAITS))
    return text


PARAMETERS = {
    "wait": (wait_kind, "what each task waits on once: sleep (default) or tcp (an echo)", "sleep"),
    "echo_port": (port, "TCP port of the echo server on 127.0.0.1, for wait=tcp", None),
}

# A task waits at the gate for at most this long; the gate opens anyway when the main side dies (EOF), so this is
# only a backstop, long enough for the slowest start of N workers the harness would wait for.
GATE_TIMEOUT_S = 10 * WAIT_TIMEOUT_S
READY, FAILED, GO = b"r", b"!", b"g"
# File descriptors the main side holds for each task while all are held: its connection (threads, asyncio, with
# wait=tcp); a process's pipe to the model and popen's two (a few more while it starts).
_FDS_PER_TASK = {("threads", "tcp"): 1, ("asyncio", "tcp"): 1, ("processes", "sleep"): 4, ("processes", "tcp"): 4}
_CHILD_LIMIT = "many_waits limit in a worker process\n"  # a child's limit, which the main side words with k of N


class _Limit(Exception):
    def __init__(self, kind, started, failure):
        Exception.__init__(self, kind, started, failure)
        self.kind, self.started, self.failure = kind, started, failure


def limit_kind(failure, starting):
    """The limit failure is a sign of ("threads", "processes", "file descriptors", "memory"), or None for any other
    failure; starting is what was being started when it came ("threads", "processes"; None: neither)."""
    if isinstance(failure, MemoryError):
        return "memory"
    if isinstance(failure, OSError):
        if failure.errno in (errno.EMFILE, errno.ENFILE):
            return "file descriptors"
        if failure.errno == errno.ENOMEM:
            return "memory"
        if failure.errno == errno.EAGAIN and starting is not None:  # fork or clone: out of pids / RLIMIT_NPROC
            return starting
    if isinstance(failure, RuntimeError) and "can't start new thread" in str(failure):
        return "threads"
    return None


def limit_message(kind, started, tasks, failure):
    text = str(failure) or type(failure).__name__
    return "limit: %s: %d of %d tasks started: %s" % (kind, started, tasks, text)


def request(k, wait_ms):
    return ("%d task-%d\n" % (wait_ms, k)).encode("ascii")


def _connect(echo_port):
    connection = socket.create_connection((HOST, echo_port), timeout=TIMEOUT_S)
    try:
        connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    except OSError:
        connection.close()
        raise
    return connection


def _connect_failed(echo_port, failure):
    return WorkloadFailed("many_waits: cannot connect to the echo server at %s:%d: %s"
                          % (HOST, echo_port, failure or "timed out"))


def _echo(connection, k, wait_ms, echo_port):
    """1 if the echo of the task's request is the request, else 0."""
    line = request(k, wait_ms)
    try:
        with connection.makefile("rb") as replies:
            connection.sendall(line)
            echo = replies.readline()
    except OSError as failure:  # socket.timeout included
        raise WorkloadFailed("many_waits: no echo (within %g s) from the echo server at %s:%d: %s"
                             % (TIMEOUT_S, HOST, echo_port, failure or "timed out")) from None
    return int(echo == line)


def _has_a_gil():
    is_gil_enabled = getattr(sys, "_is_gil_enabled", None)  # 3.13+
    return True if is_gil_enabled is None else is_gil_enabled()


def _hold_in_turn(gate_r, gate_w):
    """The gate of threads that share a GIL: returns once this thread has read the gate's one byte, which the main
    side writes once and each thread passes on as soon as it runs again, holding the GIL. Readers of a pipe wait
    exclusively (Linux 5.5+), so each byte wakes one thread: the threads come back one at a time, at the pace at
    which the GIL takes them anyway. Woken all at once (EOF, or one Event), N threads would all queue for the GIL at
    the gate, each waking every switch interval (5 ms) to ask for it, and the last of 2,000 threads was past it
    4.9 s after it opened here (2 cores); through this relay the last was past it after 40 ms, and all began their
    waits together. (The same herd then forms when their waits end together: the model's own cost, in waits_s.)
    No timeout: the main side, in this process, opens the gate whatever happens, before it joins the threads."""
    if os.read(gate_r, 1):
        os.write(gate_w, GO)


def _hold(gate_fd):
    """Returns once the gate's write end is closed everywhere (POLLHUP)."""
    poller = select.poll()
    poller.register(gate_fd, select.POLLIN)
    if not poller.poll(GATE_TIMEOUT_S * 1000):
        raise WorkloadFailed("many_waits: timed out: a task was not released within %g s" % GATE_TIMEOUT_S)


def _wait_once(wait, k, wait_ms, echo_port, connection):
    if wait == "sleep":
        time.sleep(wait_ms / 1000.0)
        return 1
    return _echo(connection, k, wait_ms, echo_port)


# ---------------------------------------------------------------------------------------------------- the task

def _thread_task(state, k):
    """One task on a thread: never raises (a failure is put in state.failures, and a task that fails before it is
    ready says so on the ready pipe), so that the model's join waits for all of them."""
    state.threads.append(threading.current_thread())
    connection = None
    try:
        if state.aborted:  # a thread-pool task queued behind a thread that could not start
            return 0
        if state.wait == "tcp":
            try:
                connection = _connect(state.echo_port)
            except Exception as failure:
                is_limit = limit_kind(failure, None) is not None
                state.failures.append((k, failure if is_limit else _connect_failed(state.echo_port, failure)))
                os.write(state.ready_w, FAILED)
                return 0
        os.write(state.ready_w, READY)
        if state.relay:
            _hold_in_turn(state.gate_r, state.gate_w)
        else:
            _hold(state.gate_r)
        if state.aborted:
            return 0
        return _wait_once(state.wait, k, state.wait_ms, state.echo_port, connection)
    except Exception as failure:
        state.failures.append((k, failure))
        return 0
    finally:
        if connection is not None:
            connection.close()


def _process_task(shared, k):
    """One task in a worker process (a module-level function: spawn and forkserver workers import it by name)."""
    ready_w, gate_r, gate_w, wait, wait_ms, echo_port = shared
    gate_w.close()  # the main side's must be the only write end left: this one was inherited (fork) or passed
    connection = None
    try:
        if wait == "tcp":
            try:
                connection = _connect(echo_port)
            except OSError as failure:
                kind = limit_kind(failure, None)
                if kind is not None:
                    raise WorkloadFailed("%s%s\n%d\n%s" % (_CHILD_LIMIT, kind, k, failure)) from None
                raise _connect_failed(echo_port, failure) from None
        os.write(ready_w.fileno(), READY)
        _hold(gate_r.fileno())
        return _wait_once(wait, k, wait_ms, echo_port, connection)
    finally:
        if connection is not None:
            connection.close()


# ---------------------------------------------------------------------------------------------------- the sample

def run(model, job):
    if not os.path.exists(os.path.join(PROC, str(os.getpid()), "status")):
        raise WorkloadFailed("many_waits needs Linux /proc")
    wait, echo_port = job.params["wait"], job.params["echo_port"]
    if wait == "tcp" and echo_port is None:
        raise WorkloadFailed("many_waits with wait=tcp needs --param echo_port=<TCP port of the echo server>")
    limits = _raise_fd_limit(_FDS_PER_TASK.get((model.family, wait), 0) * job.workers)
    try:
        if model.family == "asyncio":
            workers = model.start(_asyncio_sample, [(job.workers, job.iterations, wait, echo_port)])
            figures = workers.join()[0]
        else:
            figures = _sample(model, job, wait, echo_port)
    finally:
        if limits is not None:
            resource.setrlimit(resource.RLIMIT_NOFILE, (limits[0], limits[1]))
    correct, (t0, t1, t2, t3), before, during = figures
    details = {
        "tasks": job.workers,
        "wait_ms": job.iterations,
        "startup_s": t1 - t0,
        "waits_s": t3 - t2,
        "pss_kib_before": before.pss_kib,
        "pss_kib_during": during.pss_kib,
        "rss_kib_before": before.rss_kib,
        "rss_kib_during": during.rss_kib,
        "processes_during": during.processes,
        "pss_kib_per_task": (during.pss_kib - before.pss_kib) / job.workers,
        "rss_kib_per_task": (during.rss_kib - before.rss_kib) / job.workers,
    }
    if limits is not None:
        details["limit_raised"] = "RLIMIT_NOFILE %d -> %d" % limits
    return Result(correct, details)


def _raise_fd_limit(fds_for_tasks):
    """Raises the soft RLIMIT_NOFILE to the hard one where the tasks need more than it leaves (never touching the
    hard one); returns the limits to put back, or None if it left them."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    need = len(os.listdir("/proc/self/fd")) + fds_for_tasks + 64
    if soft == resource.RLIM_INFINITY or need <= soft or soft == hard:
        return None
    try:
        resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
    except (ValueError, OSError):  # a hard limit above what the kernel allows one process (nr_open)
        return None
    return soft, hard


def _sample(model, job, wait, echo_port):
    """Threads and processes: (correct, (t0, t1, t2, t3), before, during)."""
    tasks = job.workers
    processes = model.family == "processes"
    if processes:
        # Connections, so that spawn and forkserver pass the fds to their workers.
        (ready_r, ready_w), (gate_r, gate_w) = model.sync.Pipe(duplex=False), model.sync.Pipe(duplex=False)
        ends = [ready_r, ready_w, gate_r, gate_w]
        ready_fd = ready_r.fileno()
        state = None
        task, shared = _process_task, (ready_w, gate_r, gate_w, wait, job.iterations, echo_port)

        def release():
            gate_w.close()
    else:
        (ready_fd, ready_w), (gate_r, gate_w) = os.pipe(), os.pipe()
        ends = [ready_fd, ready_w, gate_r, gate_w]
        state = types.SimpleNamespace(ready_w=ready_w, gate_r=gate_r, gate_w=gate_w, relay=_has_a_gil(),
                                      wait=wait, wait_ms=job.iterations, echo_port=echo_port, failures=[],
                                      aborted=False, threads=[])
        # A thread that ends may need glibc to load libgcc_s (pthread_exit, Python 3.8), which it cannot do once the
        # tasks have taken every fd: the process would abort. One thread that ends first has it loaded.
        warm_up = threading.Thread(target=int, name="many_waits-warm-up")
        warm_up.start()
        warm_up.join()
        task, shared = _thread_task, state

        def release():
            if state.relay:
                if not state.released:
                    os.write(gate_w, GO)
            elif ends[3] is not None:
                os.close(gate_w)
                ends[3] = None
            state.released = True
        state.released = False
    threads_started = 0
    try:
        before = tree_memory(os.getpid())
        t0 = time.perf_counter()
        try:
            if processes:
                workers = _Batches(model, task, tasks, shared)
            else:
                workers = model.start(task, [(k,) for k in range(tasks)], shared)
        except _Limit:
            raise
        except Exception as failure:
            # The process models have stopped the processes they started; the threads end once released.
            kind = limit_kind(failure, "processes" if processes else "threads")
            started = getattr(failure, "workers_started", None)
            threads_started = started or 0
            if kind is None or started is None:
                raise
            raise _Limit(kind, started, failure) from None
        threads_started = tasks
        with workers:  # leaving it without a join stops the processes, and a thread pool once its tasks end
            _await_ready(ready_fd, tasks, workers, state)
            t1 = time.perf_counter()
            during = tree_memory(os.getpid())
            t2 = time.perf_counter()
            release()
            results = workers.join()
            t3 = time.perf_counter()
        if state is not None and state.failures:
            raise _as_workload_failed(state.failures[0][1])
        return sum(results), (t0, t1, t2, t3), before, during
    except BaseException as failure:
        # Release and end every task started: those at the gate return at once, those connecting once connected.
        if state is not None:
            state.aborted = True
        release()
        if state is not None and isinstance(failure, Exception):
            _join_threads(state, threads_started)
        if isinstance(failure, _Limit):
            raise WorkloadFailed(limit_message(failure.kind, failure.started, tasks, failure.failure)) from None
        raise
    finally:
        release()
        if state is not None and any(thread.is_alive() for thread in state.threads):
            del ends[2:]  # a task still to pass the relay on would write to whatever fd took the gate's number
        for end in ends:
            if end is None:
                continue
            if isinstance(end, int):
                os.close(end)
            else:
                end.close()


class _Batches(object):
    """Process workers, started by the model PROCESS_BATCH at a time (their tasks then wait at the gate), so that
    between batches the memory left can be looked at: processes that would leave less than MEMORY_FLOOR of the
    machine's memory available are not started (a limit: memory), rather than have the kernel's OOM killer pick
    some process to kill, here or elsewhere. The Workers interface over all the batches."""

    def __init__(self, model, task, tasks, shared):
        self._parts = []
        started = 0
        available_before = _memory_kib("MemAvailable")
        try:
            while started < tasks:
                size = min(PROCESS_BATCH, tasks - started)
                if started:
                    _check_memory(available_before, started, size, tasks)
                try:
                    self._parts.append(model.start(task, [(k,) for k in range(started, started + size)], shared))
                except BaseException as failure:
                    try:
                        failure.workers_started = started + (getattr(failure, "workers_started", None) or 0)
                    except AttributeError:
                        pass
                    raise
                started += size
        except BaseException:
            self.close()
            raise

    def __enter__(self):
        return self

    def __exit__(self, *exc_info):
        self.close()
        return False

    def check(self):
        for part in self._parts:
            part.check()

    def join(self):
        return [result for part in self._parts for result in part.join()]

    def close(self):
        for part in self._parts:
            part.close()


PROCESS_BATCH = 50
MEMORY_FLOOR = 0.10  # of MemTotal


def _memory_kib(field):
    """A field of /proc/meminfo in KiB, or None where there is none."""
    try:
        with open(os.path.join(PROC, "meminfo")) as meminfo:
            for line in meminfo:
                if line.startswith(field + ":"):
                    return int(line.split()[1])
    except (OSError, ValueError, IndexError):
        pass
    return None


def _check_memory(available_before, started, size, tasks):
    """Raises _Limit("memory") where `size` more processes, each costing what the `started` ones have on average
    (MemAvailable's drop since before them), would leave less than MEMORY_FLOOR of MemTotal available."""
    available, total = _memory_kib("MemAvailable"), _memory_kib("MemTotal")
    if None in (available_before, available, total):
        return
    each = max(0, available_before - available) / float(started)
    floor = MEMORY_FLOOR * total
    if available - each * size < floor:
        raise _Limit("memory", started, "MemAvailable %d MiB of %d MiB; %d more processes at %.1f MiB each would "
                     "leave less than %d %% of it (the OOM killer's territory)"
                     % (available // 1024, total // 1024, size, each / 1024, MEMORY_FLOOR * 100))


def _await_ready(ready_fd, tasks, workers, state):
    """Returns once all tasks have said they are ready; raises _Limit where one could not start for a limit, its
    failure or WorkloadFailed where it failed otherwise, or no task said it was ready for WAIT_TIMEOUT_S."""
    poller = select.poll()
    poller.register(ready_fd, select.POLLIN)
    ready, progress = 0, time.monotonic()
    while ready < tasks:
        if poller.poll(POLL_S * 1000):
            signals = os.read(ready_fd, 65536)
            ready += signals.count(READY)
            progress = time.monotonic()
        if state is not None:
            if state.failures:
                _raise_first(state.failures)
        else:
            try:
                workers.check()
            except WorkloadFailed as failure:
                if str(failure).startswith(_CHILD_LIMIT):
                    kind, k, text = str(failure)[len(_CHILD_LIMIT):].split("\n", 2)
                    raise _Limit(kind, int(k), text) from None
                raise
        if time.monotonic() - progress > WAIT_TIMEOUT_S:
            raise WorkloadFailed("many_waits: timed out: %d of %d tasks ready, and no more within %g s"
                                 % (ready, tasks, WAIT_TIMEOUT_S))


def _raise_first(failures):
    """Raises _Limit for the first task (by index) that failed for a limit, as tasks start in order: so many had
    started; else the first failure."""
    limits = [(k, failure) for k, failure in failures if limit_kind(failure, None) is not None]
    if limits:
        k, failure = min(limits, key=lambda limit: limit[0])
        raise _Limit(limit_kind(failure, None), k, failure)
    raise _as_workload_failed(failures[0][1])


def _as_workload_failed(failure):
    if isinstance(failure, WorkloadFailed):
        return failure
    if isinstance(failure, OSError) and failure.errno is not None:  # a connection refused, say
        return WorkloadFailed("many_waits: %s: %s" % (type(failure).__name__, failure))
    return failure


def _join_threads(state, started):
    """Joins the threads of the tasks (released after a failure), once the `started` threads have each begun a task,
    for at most WAIT_TIMEOUT_S in all. (A thread pool's threads end as their pool was shut down.)"""
    deadline = time.monotonic() + WAIT_TIMEOUT_S
    while len(state.threads) < started and time.monotonic() < deadline:
        time.sleep(POLL_S / 10)
    for thread in set(state.threads):
        thread.join(max(0.0, deadline - time.monotonic()))


# ---------------------------------------------------------------------------------------------------- asyncio

async def _async_task(state, k):
    writer = None
    try:
        if state.wait == "tcp":
            try:
                reader, writer = await asyncio.wait_for(asyncio.open_connection(HOST, state.echo_port), TIMEOUT_S)
            except (OSError, asyncio.TimeoutError) as failure:
                is_limit = limit_kind(failure, None) is not None
                state.failures.append((k, failure if is_limit else _connect_failed(state.echo_port, failure)))
                state.all_ready.set()
                return 0
        state.ready += 1
        if state.ready == state.tasks:
            state.all_ready.set()
        # No timeout of its own (wait_for would add a task to each): the main coroutine, on the same loop, always
        # opens the gate, and asyncio.run cancels what is left when it ends.
        await state.gate.wait()
        if state.aborted:
            return 0
        if state.wait == "sleep":
            await asyncio.sleep(state.wait_ms / 1000.0)
            return 1
        line = request(k, state.wait_ms)
        try:
            writer.write(line)
            await asyncio.wait_for(writer.drain(), TIMEOUT_S)
            echo = await asyncio.wait_for(reader.readline(), TIMEOUT_S)
        except (OSError, asyncio.TimeoutError) as failure:
            raise WorkloadFailed("many_waits: no echo (within %g s) from the echo server at %s:%d: %s"
                                 % (TIMEOUT_S, HOST, state.echo_port, failure or "timed out")) from None
        return int(echo == line)
    except Exception as failure:
        state.failures.append((k, failure))
        return 0
    finally:
        if writer is not None:
            writer.close()


async def _asyncio_sample(_shared, tasks, wait_ms, wait, echo_port):
    """All of a sample on one loop: (correct, (t0, t1, t2, t3), before, during)."""
    loop = asyncio.get_running_loop()
    state = types.SimpleNamespace(tasks=tasks, wait=wait, wait_ms=wait_ms, echo_port=echo_port, ready=0, failures=[],
                                  aborted=False, gate=asyncio.Event(), all_ready=asyncio.Event())
    all_ready = loop.create_task(state.all_ready.wait())
    running = []
    try:
        before = tree_memory(os.getpid())
        t0 = time.perf_counter()
        try:
            for k in range(tasks):
                running.append(loop.create_task(_async_task(state, k)))
            seen, progress = 0, time.monotonic()
            while not all_ready.done():
                await asyncio.wait({all_ready}, timeout=POLL_S)
                if state.ready > seen:
                    seen, progress = state.ready, time.monotonic()
                elif time.monotonic() - progress > WAIT_TIMEOUT_S:
                    raise WorkloadFailed("many_waits: timed out: %d of %d tasks ready, and no more within %g s"
                                         % (state.ready, tasks, WAIT_TIMEOUT_S))
            if state.failures:
                _raise_first(state.failures)
        except MemoryError as failure:
            raise _Limit("memory", len(running), failure) from None
        t1 = time.perf_counter()
        during = tree_memory(os.getpid())
        t2 = time.perf_counter()
        state.gate.set()
        _, pending = await asyncio.wait(running, timeout=TIMEOUT_S + wait_ms / 1000.0 + WAIT_TIMEOUT_S)
        t3 = time.perf_counter()
        if pending:
            raise WorkloadFailed("many_waits: timed out: %d of %d tasks had not ended %g s after the gate opened"
                                 % (len(pending), tasks, t3 - t2))
        if state.failures:
            raise _as_workload_failed(state.failures[0][1])
        return sum(task.result() for task in running), (t0, t1, t2, t3), before, during
    except BaseException as failure:
        # Release and end every task started: those at the gate return at once, those connecting once connected.
        state.aborted = True
        state.gate.set()
        if running:
            _, pending = await asyncio.wait(running, timeout=WAIT_TIMEOUT_S)
            for task in pending:
                task.cancel()
        if isinstance(failure, _Limit):
            raise WorkloadFailed(limit_message(failure.kind, failure.started, tasks, failure.failure)) from None
        raise
    finally:
        all_ready.cancel()
