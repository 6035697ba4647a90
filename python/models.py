"""Concurrency models: ways of running a workload's chunks on N workers.

Every model is a function (workload, chunks, iterations) -> Outcome, where chunks is a list of (first, stop) unit
ranges, one per worker. The driver times the whole call, so whatever a model does to get its workers going and to
wait for them (creating threads, starting processes or a forkserver, joining) counts as the model's cost.
"""

import concurrent.futures
import functools
import multiprocessing
import multiprocessing.connection
import os
import resource
import signal
import sys
import threading
import time
import traceback
from collections import namedtuple

from workloads import run_chunk

# untracked_*: usage of workers that the driver's RUSAGE_CHILDREN never sees (forkserver workers are the
# forkserver's children, not ours), as the workers reported it themselves.
# work_span_s: for process models, from the first worker starting its chunk to the last one finishing it, on the
# machine-wide monotonic clock; the wall time also holds starting the processes (or a forkserver), which is
# overhead rather than a measure of parallel execution.
Outcome = namedtuple(
    "Outcome",
    ["chunk_sums", "start_method", "untracked_cpu_s", "untracked_peak_rss_kib", "work_span_s"],
    defaults=(None, 0.0, 0, None),
)

# Runs on the calling thread, so there is nothing to spread over more workers.
SINGLE_WORKER_MODELS = ("sequential",)

PROCESS_MODEL_PREFIX = "multiprocessing-"

_PR_SET_PDEATHSIG = 1


class WorkerFailed(Exception):
    """A worker process raised, or died, before delivering its chunk's result."""


def offered_models():
    """Model name -> function, for the models this interpreter can run."""
    models = {
        "sequential": run_sequential,
        "threading": run_threads,
        "thread-pool": run_thread_pool,
    }
    for start_method in multiprocessing.get_all_start_methods():
        models[PROCESS_MODEL_PREFIX + start_method] = functools.partial(run_processes, start_method)
    models["process-pool"] = run_process_pool
    return models


def rusage(who):
    """(user + system CPU seconds, peak RSS in KiB) for resource.RUSAGE_SELF or RUSAGE_CHILDREN."""
    usage = resource.getrusage(who)
    peak_rss_kib = usage.ru_maxrss // 1024 if sys.platform == "darwin" else usage.ru_maxrss  # macOS counts bytes
    return usage.ru_utime + usage.ru_stime, peak_rss_kib


def run_sequential(workload, chunks, iterations):
    return Outcome([run_chunk(workload, first, stop, iterations) for first, stop in chunks])


def run_threads(workload, chunks, iterations):
    chunk_sums = [None] * len(chunks)
    failures = []

    def work(index, first, stop):
        try:
            chunk_sums[index] = run_chunk(workload, first, stop, iterations)
        except Exception as failure:  # re-raised on the main thread, where the driver reports it
            failures.append(failure)

    threads = [
        threading.Thread(target=work, args=(index, first, stop), name="worker-%d" % index)
        for index, (first, stop) in enumerate(chunks)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    if failures:
        raise failures[0]
    return Outcome(chunk_sums)


def run_thread_pool(workload, chunks, iterations):
    executor = concurrent.futures.ThreadPoolExecutor(max_workers=len(chunks))
    try:
        chunk_sums = _run_on_executor(executor, workload, chunks, iterations)
    except BaseException:
        # Running chunks cannot be interrupted; the driver exits without waiting for them.
        executor.shutdown(wait=False)
        raise
    executor.shutdown(wait=True)
    return Outcome(chunk_sums)


def run_process_pool(workload, chunks, iterations):
    context = multiprocessing.get_context()  # the default, which ProcessPoolExecutor() would pick by itself
    start_method = context.get_start_method()
    executor = concurrent.futures.ProcessPoolExecutor(
        max_workers=len(chunks),
        mp_context=context,
        initializer=prepare_worker,
        initargs=(os.getpid(), start_method),
    )
    try:
        timed = _run_on_executor(executor, workload, chunks, iterations, task=timed_chunk)
    except BaseException:
        _terminate_pool(executor)
        raise
    # Joins the workers, so their CPU time reaches our RUSAGE_CHILDREN (unless a forkserver started them, the
    # default from Python 3.14 on).
    executor.shutdown(wait=True)
    return Outcome([chunk_sum for chunk_sum, _, _ in timed], start_method, work_span_s=_span(timed))


def run_processes(start_method, workload, chunks, iterations):
    context = multiprocessing.get_context(start_method)
    processes, readers = [], []
    try:
        for index, (first, stop) in enumerate(chunks):
            reader, writer = context.Pipe(duplex=False)
            readers.append(reader)
            process = context.Process(
                target=_process_worker,
                args=(writer, os.getpid(), start_method, workload, first, stop, iterations),
                name="worker-%d" % index,
            )
            process.start()
            processes.append(process)
            # From here only the worker holds the write end, so a worker dying without a result reads as EOF.
            writer.close()
        results = _receive_results(processes, readers)
        for process in processes:
            process.join()  # reaped, so its CPU time reaches our RUSAGE_CHILDREN
    finally:
        _terminate(processes)
        for reader in readers:
            reader.close()
    chunk_sums = [chunk_sum for chunk_sum, _, _, _ in results]
    span = _span([(None, started, finished) for _, _, _, (started, finished) in results])
    if start_method != "forkserver":
        return Outcome(chunk_sums, start_method, work_span_s=span)
    return Outcome(
        chunk_sums,
        start_method,
        untracked_cpu_s=sum(cpu_s for _, cpu_s, _, _ in results),
        untracked_peak_rss_kib=max(peak_rss_kib for _, _, peak_rss_kib, _ in results),
        work_span_s=span,
    )


def timed_chunk(workload, first, stop, iterations):
    """(chunk sum, start, end) of one chunk, timed by time.monotonic(), which is CLOCK_MONOTONIC on Linux and so
    comparable between processes."""
    started = time.monotonic()
    chunk_sum = run_chunk(workload, first, stop, iterations)
    return chunk_sum, started, time.monotonic()


def _span(timed_chunks):
    return max(finished for _, _, finished in timed_chunks) - min(started for _, started, _ in timed_chunks)


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


def _process_worker(connection, driver_pid, start_method, workload, first, stop, iterations):
    prepare_worker(driver_pid, start_method)
    try:
        chunk_sum, started, finished = timed_chunk(workload, first, stop, iterations)
    except Exception:
        connection.send(("failed", traceback.format_exc()))
        sys.exit(1)
    cpu_s, peak_rss_kib = rusage(resource.RUSAGE_SELF)
    connection.send(("done", chunk_sum, cpu_s, peak_rss_kib, (started, finished)))


def _receive_results(processes, readers):
    """Each worker's (chunk_sum, cpu_s, peak_rss_kib, (started, finished)), taken as they arrive so a failure is
    seen at once."""
    results = [None] * len(readers)
    waiting = {reader: index for index, reader in enumerate(readers)}
    while waiting:
        for reader in multiprocessing.connection.wait(list(waiting)):
            index = waiting.pop(reader)
            process = processes[index]
            try:
                message = reader.recv()
            except EOFError:
                process.join()
                raise WorkerFailed(
                    "worker %d (pid %d) exited with code %s without sending a result"
                    % (index, process.pid, process.exitcode)
                ) from None
            if message[0] == "failed":
                raise WorkerFailed("worker %d (pid %d) raised:\n%s" % (index, process.pid, message[1].rstrip()))
            results[index] = message[1:]
    return results


def _run_on_executor(executor, workload, chunks, iterations, task=run_chunk):
    futures = [executor.submit(task, workload, first, stop, iterations) for first, stop in chunks]
    for future in concurrent.futures.as_completed(futures):
        future.result()  # raises the first failure without waiting for slower chunks
    return [future.result() for future in futures]


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
