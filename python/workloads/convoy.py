"""The convoy effect: how late a thread that wakes from a short wait gets back to running Python code while another
worker spins on the CPU (Python only; no Java or JS side).

`iterations` waits of 1 ms are timed twice: alone, then while a second worker runs a pure-Python loop. On a GIL build
the spinner is a thread that holds the GIL: the sleeper, woken by the OS on time, must wait for it to be dropped,
which the spinner does only when asked and a switch interval (sys.getswitchinterval(), 5 ms by default) has passed
(Beazley, "Understanding the GIL", 2010; bpo-7946). A spinner in another process holds no lock of ours; without the
GIL neither does a thread. The parameter switch_interval_ms sets the interval for the run.

details {"wake_delay_alone_ms", "wake_delay_beside_cpu_ms": the medians of how much later than 1 ms each wait
returned, "switch_interval_ms"}; checksum = the waits timed.
"""

import sys
import time

from .common import Result

NAME = "convoy"
FAMILIES = ("threads", "processes")
WORKERS = 2
WAIT_S = 0.001


def _interval(text):
    value = float(text)
    if not 0.01 <= value <= 100:
        raise ValueError("switch_interval_ms must be 0.01 to 100")
    return value


PARAMETERS = {"switch_interval_ms": (_interval, "sys.setswitchinterval for the run, in ms", 5.0)}


def _median(values):
    ordered = sorted(values)
    middle = len(ordered) // 2
    return ordered[middle] if len(ordered) % 2 else (ordered[middle - 1] + ordered[middle]) / 2


def _late_ms(waits):
    lateness = []
    for _ in range(waits):
        started = time.perf_counter()
        time.sleep(WAIT_S)
        lateness.append((time.perf_counter() - started - WAIT_S) * 1000)
    return _median(lateness)


def _spin(shared, _index):
    ready, stop = shared
    ready.set()
    x = 0
    while not stop.is_set():
        for _ in range(1000):
            x = (x * 1103515245 + 12345) & 0x7FFFFFFF
    return 0


def _sleep(shared, waits):
    ready, stop = shared
    try:
        ready.wait(30)
        time.sleep(0.02)  # the spinner is in its loop
        return _late_ms(waits)
    finally:
        stop.set()


def run(model, job):
    previous = sys.getswitchinterval()
    sys.setswitchinterval(job.params["switch_interval_ms"] / 1000)
    try:
        alone = _late_ms(job.iterations)
        shared = (model.sync.Event(), model.sync.Event())
        with model.start(_task, [("spin", 0), ("sleep", job.iterations)], shared) as workers:
            beside = workers.join()[1]
    finally:
        sys.setswitchinterval(previous)
    return Result(job.iterations, {
        "wake_delay_alone_ms": alone,
        "wake_delay_beside_cpu_ms": beside,
        "switch_interval_ms": job.params["switch_interval_ms"],
    })


def _task(shared, role, argument):
    # Module-level, so that process workers can receive it by reference.
    if role == "spin":
        return _spin(shared, argument)
    return _sleep(shared, argument)
