"""Lost updates: `workers` workers each add 1 to a shared counter `iterations` times, first racily, then
synchronised, each phase opened by a barrier so the workers overlap.

Threads (threading, thread-pool) share module globals: racy = `racy_counter = racy_counter + one()`, exact = the
same under a threading.Lock. The call to one() between the read and the write matters: from 3.10 on the eval loop
only switches threads at calls and backward jumps, never inside `counter += 1`. The parameter increment=plus-equals
makes the racy phase a bare `racy_counter += 1` instead, the textbook race (lost on 3.9 and earlier, hidden by that
detail of the eval loop on 3.10 and later default builds, lost again without the GIL).
Processes (multiprocessing-*, process-pool) share nothing by default: racy = a multiprocessing RawValue('q') with
`v.value = v.value + one()`, exact = a multiprocessing Value('q') under its get_lock().

details {"expected": workers*iterations, "racy_total": n, "exact_total": n, "racy_update": the statement the racy
phase ran}; checksum = exact_total.
"""

import sys

from .common import WAIT_TIMEOUT_S, Result, join_all

NAME = "shared_counter"
FAMILIES = ("threads", "processes")

# During the racy phase of the thread models only, threads are asked to switch this often instead of every 5 ms:
# with a switch only every 5 ms a thread hardly ever stops between its read and its write. None keeps the default.
RACY_SWITCH_INTERVAL_S = None

racy_counter = 0
exact_counter = 0


def _increment(text):
    if text not in ("call", "plus-equals"):
        raise ValueError("increment must be 'call' (c = c + one()) or 'plus-equals' (c += 1)")
    return text


PARAMETERS = {"increment": (_increment, "the racy phase's update of a thread-shared counter: call or plus-equals",
                            "call")}


def one():
    return 1


def run(model, job):
    racy, exact = _BY_FAMILY[model.family](model, job)
    # Which racy update the threads ran, so that a result can be told from the other one's.
    update = "racy_counter += 1" if model.family == "threads" and job.params.get("increment") == "plus-equals" \
        else ("racy_counter = racy_counter + one()" if model.family == "threads" else "v.value = v.value + one()")
    return Result(exact, {"expected": job.workers * job.iterations, "racy_total": racy, "exact_total": exact,
                          "racy_update": update})


def _phase(model, task, job, *shared):
    """Runs task on `workers` workers, all released together by a barrier."""
    barrier = model.sync.Barrier(job.workers, timeout=WAIT_TIMEOUT_S)
    join_all(model, task, [(job.iterations,)] * job.workers, (barrier,) + shared)


# -------------------------------------------------------------------------------------------- threads: module globals

def _add_racily_to_global(shared, iterations):
    global racy_counter
    shared[0].wait()
    for _ in range(iterations):
        racy_counter = racy_counter + one()


def _add_one_racily_to_global(shared, iterations):
    global racy_counter
    shared[0].wait()
    for _ in range(iterations):
        racy_counter += 1


def _add_to_global_under_lock(shared, iterations):
    global exact_counter
    barrier, lock = shared
    barrier.wait()
    for _ in range(iterations):
        with lock:
            exact_counter = exact_counter + one()


def _threads(model, job):
    global racy_counter, exact_counter
    racy_counter = exact_counter = 0
    switch_interval = sys.getswitchinterval()
    if RACY_SWITCH_INTERVAL_S is not None:
        sys.setswitchinterval(RACY_SWITCH_INTERVAL_S)
    try:
        racy_task = _add_one_racily_to_global if job.params.get("increment") == "plus-equals" else _add_racily_to_global
        _phase(model, racy_task, job)
    finally:
        sys.setswitchinterval(switch_interval)
    _phase(model, _add_to_global_under_lock, job, model.sync.Lock())
    return racy_counter, exact_counter


# -------------------------------------------------------------------------------- processes: shared-memory values

def _add_racily_to_raw_value(shared, iterations):
    barrier, counter = shared
    barrier.wait()
    for _ in range(iterations):
        counter.value = counter.value + one()


def _add_to_value_under_its_lock(shared, iterations):
    barrier, counter = shared
    lock = counter.get_lock()
    barrier.wait()
    for _ in range(iterations):
        with lock:
            counter.value = counter.value + one()


def _processes(model, job):
    racy = model.sync.RawValue("q", 0)
    exact = model.sync.Value("q", 0)
    _phase(model, _add_racily_to_raw_value, job, racy)
    _phase(model, _add_to_value_under_its_lock, job, exact)
    return racy.value, exact.value


_BY_FAMILY = {"threads": _threads, "processes": _processes}
