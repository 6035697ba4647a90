"""Concurrency models: what a worker is, and how workers are started and joined.

A model is an object with
  name          e.g. "threading" or "multiprocessing-spawn"
  family        SEQUENTIAL, THREADS, PROCESSES, ASYNCIO or INTERPRETERS: what workers of this model can share
  start_method  the multiprocessing start method of the process models, else None
  sync          for THREADS and PROCESSES: the objects that work between this model's workers (Lock, Barrier, Event,
                Semaphore, Queue; process models also RawValue and Value), from threading/queue or from the
                model's multiprocessing context
  start(task, args_list, shared=None) -> Workers
                runs task(shared, *args) once for each args in args_list, each on a worker of its own. Process
                workers receive task by reference (a module-level function) and shared/args pickled or inherited,
                so shared may hold the model's sync objects (a process pool gets it through its initializer).
                SEQUENTIAL runs the tasks one after another on the calling thread when joined; ASYNCIO gathers
                them, coroutine functions here, on one event loop when joined. Neither may wait for another task.
                Where a worker cannot be started (no thread, no fd, no fork), the exception raised carries
                workers_started, how many had been; the process models have stopped those, the thread models cannot.

A workload says what one worker does; the model decides what a worker is. The driver times everything a model does
to get its workers going and to wait for them (creating threads, starting processes or a forkserver, joining) as part
of the run. The model also keeps what the driver cannot see by itself: the CPU time and peak RSS of workers that are
not our children (forkserver), and when each process worker's task started and ended and the CPU it spent.
"""

import concurrent.futures
import multiprocessing
import multiprocessing.connection
import os
import queue
import resource
import signal
import sys
import threading
import time
import traceback
import types

try:
    import _interpreters  # CPython 3.13+ (private); `call` and `new_config` from 3.14
except ImportError:
    _interpreters = None

from workloads import WorkloadFailed
from workloads.common import wait_on

SEQUENTIAL = "sequential"
THREADS = "threads"
PROCESSES = "processes"
ASYNCIO = "asyncio"
# Isolated subinterpreters in one process (3.14+): threads that share nothing Python-level, each with its own GIL.
INTERPRETERS = "interpreters"

PROCESS_MODEL_PREFIX = "multiprocessing-"

_PR_SET_PDEATHSIG = 1


class WorkerFailed(Exception):
    """A worker process raised, or died, before delivering its task's result."""


def offered_models():
    """Model name -> factory of a fresh model object, for the models this interpreter can run."""
    models = {
        "sequential": lambda: SequentialModel("sequential"),
        "threading": lambda: ThreadModel("threading"),
        "thread-pool": lambda: ThreadPoolModel("thread-pool"),
        "asyncio": lambda: AsyncioModel("asyncio"),
    }
    for start_method in multiprocessing.get_all_start_methods():
        models[PROCESS_MODEL_PREFIX + start_method] = _process_model_factory(start_method)
    models["process-pool"] = lambda: ProcessPoolModel("process-pool")
    if hasattr(concurrent.futures, "InterpreterPoolExecutor"):
        models["interpreter-pool"] = lambda: InterpreterPoolModel("interpreter-pool")
    if _interpreters is not None and hasattr(_interpreters, "call") and hasattr(_interpreters, "new_config"):
        models["legacy-interpreters"] = lambda: LegacyInterpretersModel("legacy-interpreters")
    return models


def _process_model_factory(start_method):
    return lambda: ProcessModel(PROCESS_MODEL_PREFIX + start_method, start_method)


def rusage(who):
    """(user + system CPU seconds, peak RSS in KiB) for resource.RUSAGE_SELF or RUSAGE_CHILDREN."""
    try:
        usage = resource.getrusage(who)
    except ValueError:
        if who != resource.RUSAGE_CHILDREN:
            raise
        return 0.0, 0  # GraalPy in a JVM has no child processes to ask about: its "processes" are contexts in it
    peak_rss_kib = usage.ru_maxrss // 1024 if sys.platform == "darwin" else usage.ru_maxrss  # macOS counts bytes
    return usage.ru_utime + usage.ru_stime, peak_rss_kib


class Model(object):
    family = None
    start_method = None
    sync = None

    def __init__(self, name):
        self.name = name
        # Usage of workers that the driver's RUSAGE_CHILDREN never sees (forkserver workers are the forkserver's
        # children, not ours), as the workers reported it themselves.
        self.untracked_cpu_s = 0.0
        self.untracked_peak_rss_kib = 0
        # [start_ns, end_ns, cpu_ns] of every process worker's task: times on the machine-wide monotonic clock, the
        # CPU its process spent on the task. The harness makes the work's figures of them (Sample.workDetails).
        self._task_times = []
        # Test-only (driver.py run --turns-lock): a path each process worker creates as a directory before timing
        # its task and removes after, so the workers take turns; the mutant that proves the parallelism judge.
        self.turns_lock = None

    @property
    def work_intervals(self):
        """Process models: [start_ns, end_ns, cpu_ns] of each worker's task (the workers are released together once
        all have started). Else None."""
        if self.family != PROCESSES or not self._task_times:
            return None
        return [list(times) for times in self._task_times]

    def start(self, task, args_list, shared=None):
        raise NotImplementedError


def note_started(failure, started):
    """Tells whoever catches a failure to start workers (a resource limit: no thread, no fd, no fork) how many had
    started by then, as failure.workers_started; the first note stands (models inside models)."""
    if getattr(failure, "workers_started", None) is None:
        try:
            failure.workers_started = started
        except AttributeError:  # an exception type without a __dict__
            pass


class Workers(object):
    """Started workers: join() returns their results in order, raising the first failure as soon as it happens;
    check() raises it if a worker has already failed (for a caller waiting on the workers in other ways); leaving the
    with block without joining stops whatever can be stopped (processes are terminated; threads cannot be)."""

    def __enter__(self):
        return self

    def __exit__(self, *exc_info):
        self.close()
        return False

    def join(self):
        raise NotImplementedError

    def check(self):
        pass

    def close(self):
        pass


class _Deferred(Workers):
    """Workers of the models that run on the calling thread: the work happens in join()."""

    def __init__(self, work):
        self._work = work

    def join(self):
        return self._work()


# ---------------------------------------------------------------------------------------------------- calling thread

class SequentialModel(Model):
    family = SEQUENTIAL

    def start(self, task, args_list, shared=None):
        return _Deferred(lambda: [task(shared, *args) for args in args_list])


class AsyncioModel(Model):
    """One event loop on the calling thread; tasks are coroutine functions, all gathered at once."""

    family = ASYNCIO

    def __init__(self, name):
        Model.__init__(self, name)
        # Imported here rather than at the top, where it cost every other model's run 50 ms of start-up; and here
        # rather than in start(), which is timed.
        import asyncio
        self._asyncio = asyncio

    def start(self, task, args_list, shared=None):
        asyncio = self._asyncio
        return _Deferred(lambda: asyncio.run(_gather(asyncio, task, shared, args_list)))


async def _gather(asyncio, task, shared, args_list):
    return list(await asyncio.gather(*(task(shared, *args) for args in args_list)))


# ---------------------------------------------------------------------------------------------------- threads

THREAD_SYNC = types.SimpleNamespace(
    Lock=threading.Lock,
    Barrier=threading.Barrier,
    Event=threading.Event,
    Semaphore=threading.Semaphore,
    Queue=queue.Queue,
)


class ThreadModel(Model):
    family = THREADS
    sync = THREAD_SYNC

    def start(self, task, args_list, shared=None):
        return _ThreadWorkers(task, args_list, shared)


class _ThreadWorkers(Workers):
    def __init__(self, task, args_list, shared):
        self._results = [None] * len(args_list)
        self._failures = []
        self._finished = 0
        self._changed = threading.Condition()
        self._threads = [
            threading.Thread(target=self._work, args=(index, task, shared, args), name="worker-%d" % index)
            for index, args in enumerate(args_list)
        ]
        for index, thread in enumerate(self._threads):
            try:
                thread.start()
            except BaseException as failure:  # "can't start new thread": the started ones run on, as threads must
                note_started(failure, index)
                raise

    def _work(self, index, task, shared, args):
        try:
            self._results[index] = task(shared, *args)
        except Exception as failure:  # re-raised on the main thread, where the driver reports it
            self._failures.append(failure)
        finally:
            with self._changed:
                self._finished += 1
                self._changed.notify_all()

    def join(self):
        # Returns at the first failure: the other threads may be waiting for the failed one (at a barrier, say) and
        # cannot be stopped; the driver exits without waiting for them.
        with self._changed:
            self._changed.wait_for(lambda: self._failures or self._finished == len(self._threads))
        self.check()
        for thread in self._threads:
            thread.join()
        return self._results

    def check(self):
        if self._failures:
            raise self._failures[0]


class ThreadPoolModel(Model):
    family = THREADS
    sync = THREAD_SYNC

    def start(self, task, args_list, shared=None):
        executor = concurrent.futures.ThreadPoolExecutor(max_workers=max(1, len(args_list)))
        futures = []
        try:
            for args in args_list:
                futures.append(executor.submit(task, shared, *args))  # each starts a thread while all are busy
        except BaseException as failure:
            # Its threads end once their tasks have (the one whose thread did not start runs after them, if at all).
            note_started(failure, len(futures))
            executor.shutdown(wait=False)
            raise
        return _PoolWorkers(executor, futures)


class _PoolWorkers(Workers):
    def __init__(self, executor, futures, on_failure=None):
        self._executor = executor
        self._futures = futures
        self._on_failure = on_failure
        self._joined = False

    def join(self):
        for future in concurrent.futures.as_completed(self._futures):
            future.result()  # raises the first failure without waiting for slower tasks
        # Joins the workers; for a process pool, so that their CPU time reaches our RUSAGE_CHILDREN (unless a
        # forkserver started them, the default from Python 3.14 on).
        self._executor.shutdown(wait=True)
        self._joined = True
        return [future.result() for future in self._futures]

    def check(self):
        for future in self._futures:
            if future.done():
                future.result()

    def close(self):
        if self._joined:
            return
        if self._on_failure is not None:
            self._on_failure(self._executor)
        else:
            # Running tasks cannot be interrupted; the driver exits without waiting for them.
            self._executor.shutdown(wait=False)


class InterpreterPoolModel(Model):
    """Python 3.14+: concurrent.futures.InterpreterPoolExecutor, a thread per worker, each running an isolated
    subinterpreter with its own GIL, all in this process. Tasks and arguments cross by pickling (a task by reference,
    so each interpreter first puts the driver's folder on its sys.path to import it); nothing Python-level is shared."""

    family = INTERPRETERS

    def start(self, task, args_list, shared=None):
        driver_folder = os.path.dirname(os.path.abspath(__file__))
        executor = concurrent.futures.InterpreterPoolExecutor(
            max_workers=max(1, len(args_list)),
            initializer=exec, initargs=("import sys; sys.path.insert(0, %r)" % driver_folder,))
        return _PoolWorkers(executor, [executor.submit(task, shared, *args) for args in args_list])


class LegacyInterpretersModel(Model):
    """Python 3.14+: a thread per worker, each running its task in a subinterpreter of the "legacy" configuration
    (the one every subinterpreter had before PEP 684): the interpreters share the main interpreter's GIL. The same
    isolation as interpreter-pool (nothing Python-level shared, the task and its arguments cross by pickling),
    without a GIL of its own: the contrast that says where interpreter-pool's parallelism comes from."""

    family = INTERPRETERS

    def start(self, task, args_list, shared=None):
        executor = concurrent.futures.ThreadPoolExecutor(max_workers=max(1, len(args_list)))
        return _PoolWorkers(executor, [executor.submit(_call_in_legacy_interpreter, task, shared, args)
                                       for args in args_list])


def _call_in_legacy_interpreter(task, shared, args):
    interpreter = _interpreters.create("legacy")
    try:
        _interpreters.exec(interpreter, "import sys; sys.path.insert(0, %r)" % os.path.dirname(os.path.abspath(__file__)))
        result, failure = _interpreters.call(interpreter, task, (shared,) + tuple(args))
        if failure is not None:
            raise WorkerFailed("in a legacy subinterpreter: %s" % (getattr(failure, "formatted", None) or failure))
        return result
    finally:
        _interpreters.destroy(interpreter)


# ---------------------------------------------------------------------------------------------------- processes

def _process_sync(context):
    return types.SimpleNamespace(
        Lock=context.Lock,
        Barrier=context.Barrier,
        Event=context.Event,
        Semaphore=context.Semaphore,
        Queue=context.Queue,
        Pipe=context.Pipe,
        RawValue=context.RawValue,
        Value=context.Value,
    )


class ProcessModel(Model):
    """One multiprocessing.Process per task, started by start_method; results come back over a pipe each."""

    family = PROCESSES

    def __init__(self, name, start_method):
        super(ProcessModel, self).__init__(name)
        self.start_method = start_method
        self.context = multiprocessing.get_context(start_method)
        self.sync = _process_sync(self.context)

    def start(self, task, args_list, shared=None):
        return _ProcessWorkers(self, task, args_list, shared)


class _ProcessWorkers(Workers):
    def __init__(self, model, task, args_list, shared):
        self._model = model
        self._processes, self._readers = [], []
        try:
            for index, args in enumerate(args_list):
                ours, theirs = model.context.Pipe(duplex=True)
                self._readers.append(ours)
                process = model.context.Process(
                    target=_process_worker,
                    args=(theirs, os.getpid(), model.start_method, task, shared, args, model.turns_lock),
                    name="worker-%d" % index,
                )
                process.start()
                self._processes.append(process)
                # From here only the worker holds its end, so a worker dying without a result reads as EOF.
                theirs.close()
            _release_together(self._processes, self._readers)
        except BaseException as failure:
            note_started(failure, len(self._processes))
            self.close()
            raise

    def join(self):
        reports = _receive_reports(self._processes, self._readers)
        for process in self._processes:
            process.join()  # reaped, so its CPU time reaches our RUSAGE_CHILDREN
        model = self._model
        model._task_times.extend(times for _, _, _, times in reports)
        if model.start_method == "forkserver":
            model.untracked_cpu_s += sum(cpu_s for _, cpu_s, _, _ in reports)
            model.untracked_peak_rss_kib = max([model.untracked_peak_rss_kib] + [rss for _, _, rss, _ in reports])
        return [result for result, _, _, _ in reports]

    def check(self):
        for index, process in enumerate(self._processes):
            if process.exitcode:  # ended, and not well: its report says why
                _receive_reports([process], [self._readers[index]], first_index=index)

    def close(self):
        _terminate(self._processes)
        for reader in self._readers:
            reader.close()


class ProcessPoolModel(Model):
    """A concurrent.futures.ProcessPoolExecutor of as many processes as tasks, with the default start method (the
    one ProcessPoolExecutor() would pick by itself)."""

    family = PROCESSES

    def __init__(self, name):
        super(ProcessPoolModel, self).__init__(name)
        self.context = multiprocessing.get_context()
        self.start_method = self.context.get_start_method()
        self.sync = _process_sync(self.context)

    def start(self, task, args_list, shared=None):
        # The start gate: each task says it is ready, then waits until all are; kept alive here until the pool is
        # joined, as spawned workers unpickle it after their start.
        gate = (self.context.Queue(), self.context.Event())
        executor = concurrent.futures.ProcessPoolExecutor(
            max_workers=max(1, len(args_list)),
            mp_context=self.context,
            initializer=_pool_worker_init,
            initargs=(os.getpid(), self.start_method, shared, gate, self.turns_lock),
        )
        try:
            futures = [executor.submit(_pool_task, task, args) for args in args_list]
            workers = _TimedPoolWorkers(self, executor, futures, gate)
            for _ in args_list:
                wait_on(workers, lambda timeout: gate[0].get(timeout=timeout), "ready signal from a pool worker")
            gate[1].set()
        except BaseException as failure:
            note_started(failure, len(getattr(executor, "_processes", None) or {}))
            _terminate_pool(executor)
            raise
        return workers


class _TimedPoolWorkers(_PoolWorkers):
    def __init__(self, model, executor, futures, gate):
        super(_TimedPoolWorkers, self).__init__(executor, futures, on_failure=_terminate_pool)
        self._model = model
        self._gate = gate

    def join(self):
        timed = super(_TimedPoolWorkers, self).join()
        self._model._task_times.extend(times for _, times in timed)
        return [result for result, _ in timed]


_POOL_SHARED = None


def _pool_worker_init(driver_pid, start_method, shared, gate, turns_lock):
    global _POOL_SHARED, _POOL_GATE, _POOL_TURNS_LOCK
    prepare_worker(driver_pid, start_method)
    _POOL_SHARED = shared
    _POOL_GATE = gate
    _POOL_TURNS_LOCK = turns_lock


_POOL_GATE = None
_POOL_TURNS_LOCK = None


def _pool_task(task, args):
    ready, go = _POOL_GATE
    ready.put(os.getpid())
    if not go.wait(WAIT_FOR_GO_S):
        raise WorkloadFailed("the pool worker was not released within %g s" % WAIT_FOR_GO_S)
    return timed_task(task, _POOL_SHARED, args, _POOL_TURNS_LOCK)


# How long a started worker waits for the others before giving up: well inside the harness's own timeout.
WAIT_FOR_GO_S = 60.0


def timed_task(task, shared, args, turns_lock=None):
    """(result, (start_ns, end_ns, cpu_ns)) of task(shared, *args): times by time.monotonic_ns(), which is
    CLOCK_MONOTONIC on Linux and so comparable between processes and with the harness's, and the CPU this process
    spent on it. With turns_lock the task runs only in its turn, which it waits for outside its timing."""
    _take_turn(turns_lock)
    try:
        started, cpu = time.monotonic_ns(), time.process_time_ns()
        result = task(shared, *args)
        return result, (started, time.monotonic_ns(), time.process_time_ns() - cpu)
    finally:
        if turns_lock is not None:
            os.rmdir(turns_lock)


def _take_turn(turns_lock):
    """Waits until this worker creates the directory turns_lock (atomic, across threads and processes alike); gives
    up after WAIT_FOR_GO_S rather than hang on a lock a killed worker left."""
    if turns_lock is None:
        return
    deadline = time.monotonic() + WAIT_FOR_GO_S
    while True:
        try:
            os.mkdir(turns_lock)
            return
        except FileExistsError:
            if time.monotonic() > deadline:
                raise WorkloadFailed("no turn at %s within %g s" % (turns_lock, WAIT_FOR_GO_S))
            time.sleep(0.001)


def prepare_worker(driver_pid, start_method):
    """First thing every worker process does: make sure it does not outlive the driver.

    The Java harness SIGKILLs the driver on timeout, which gives the driver no chance to stop its workers.
    """
    # Ctrl-C reaches the whole process group; the driver handles it and terminates its workers.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if start_method == "forkserver":
        # Our parent is the forkserver, which only exits once every process holding its alive pipe has, us
        # included; so a parent-death signal would never come. Watch the driver itself instead.
        _exit_when_driver_exits()
    else:
        _request_kill_on_parent_death()
        if os.getppid() != driver_pid:  # the driver died before the request took effect
            os._exit(1)


def _process_worker(connection, driver_pid, start_method, task, shared, args, turns_lock):
    prepare_worker(driver_pid, start_method)
    connection.send(("ready",))
    if connection.recv() != "go":
        sys.exit(1)
    try:
        result, times = timed_task(task, shared, args, turns_lock)
    except WorkloadFailed as failure:  # a known failure with its own clear message: no traceback needed
        connection.send(("failed", str(failure), True))
        sys.exit(1)
    except Exception:
        connection.send(("failed", traceback.format_exc(), False))
        sys.exit(1)
    cpu_s, peak_rss_kib = rusage(resource.RUSAGE_SELF)
    connection.send(("done", result, cpu_s, peak_rss_kib, times))


def _release_together(processes, readers):
    """Waits until every worker process has started and said it is ready, then lets them all go at once: the work
    span then measures the work, not the workers starting one after another."""
    waiting = {reader: index for index, reader in enumerate(readers)}
    deadline = time.monotonic() + WAIT_FOR_GO_S
    while waiting:
        left = deadline - time.monotonic()
        if left <= 0:
            raise WorkloadFailed("%d worker process(es) did not start within %g s" % (len(waiting), WAIT_FOR_GO_S))
        for reader in multiprocessing.connection.wait(list(waiting), timeout=left):
            index = waiting.pop(reader)
            try:
                message = reader.recv()
            except EOFError:
                processes[index].join()
                raise WorkerFailed(
                    "worker %d (pid %d) exited with code %s before it was ready"
                    % (index, processes[index].pid, processes[index].exitcode)
                ) from None
            if message[0] != "ready":
                _raise_failure(message, index, processes[index])
    for reader in readers:
        reader.send("go")


def _raise_failure(message, index, process):
    if message[2]:
        raise WorkloadFailed(message[1])
    raise WorkerFailed("worker %d (pid %d) raised:\n%s" % (index, process.pid, message[1].rstrip()))


def _receive_reports(processes, readers, first_index=0):
    """Each worker's (result, cpu_s, peak_rss_kib, (start_ns, end_ns, cpu_ns)), taken as they arrive so a failure is
    seen at once. Workers are numbered from first_index in errors."""
    reports = [None] * len(readers)
    waiting = {reader: index for index, reader in enumerate(readers)}
    while waiting:
        for reader in multiprocessing.connection.wait(list(waiting)):
            index = waiting.pop(reader)
            process = processes[index]
            index += first_index
            try:
                message = reader.recv()
            except EOFError:
                process.join()
                raise WorkerFailed(
                    "worker %d (pid %d) exited with code %s without sending a result"
                    % (index, process.pid, process.exitcode)
                ) from None
            if message[0] == "failed":
                _raise_failure(message, index, process)
            reports[index - first_index] = message[1:]
    return reports


def _terminate(processes):
    for process in processes:
        if process.is_alive():
            process.terminate()
    for process in processes:
        process.join()


def _terminate_pool(executor):
    # Before Python 3.14 (terminate_workers) there is no public way to stop tasks already running in a pool. The
    # pool object itself is left alone, as the driver exits next: on 3.8, shutting down a pool whose workers were
    # just killed races with its management thread, which then prints a spurious "handle is closed" traceback.
    workers = list((getattr(executor, "_processes", None) or {}).values())
    for worker in workers:
        worker.terminate()
    for worker in workers:
        worker.join(timeout=5)


def _request_kill_on_parent_death():
    """Asks Linux to SIGKILL this process when its parent dies; elsewhere (or without ctypes) does nothing."""
    if not sys.platform.startswith("linux"):
        return
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, ctypes.c_ulong(signal.SIGKILL), ctypes.c_ulong(0), ctypes.c_ulong(0),
                   ctypes.c_ulong(0))
    except (ImportError, OSError, AttributeError):
        pass


def _exit_when_driver_exits():
    # The driver holds the only write end of the pipe behind parent_process().sentinel; EOF there means it is
    # gone, even if it already went before this thread started. Blocked in select(), the thread costs no GIL time.
    driver = multiprocessing.parent_process()
    if driver is None:
        return

    def watch():
        driver.join()
        os._exit(1)

    threading.Thread(target=watch, name="driver-watch", daemon=True).start()
