"""Lock-order deadlock: worker 0 takes lock A then B, worker 1 takes B then A, a barrier making sure each holds its
first lock before it tries the second. The second acquisition waits at most `iterations` ms, and a second barrier
keeps both first locks held until both tries are over, so the outcome does not depend on which timeout fires first.
Nothing stays stuck: every acquisition and barrier has a timeout.

details {"deadlocked": bool} (true when both second acquisitions timed out); checksum 0.
"""

from .common import WAIT_TIMEOUT_S, Result, WorkloadFailed, join_all

NAME = "deadlock"
FAMILIES = ("threads", "processes")
WORKERS = 2


def _take_both(shared, index, timeout_s):
    """True when this worker's second lock timed out."""
    locks, holding, tried = shared
    first, second = locks[index], locks[1 - index]
    if not first.acquire(timeout=WAIT_TIMEOUT_S):
        raise WorkloadFailed("deadlock: worker %d could not take its first lock within %g s" % (index, WAIT_TIMEOUT_S))
    try:
        holding.wait()
        got_second = second.acquire(timeout=timeout_s)
        if got_second:
            second.release()
        tried.wait()
    finally:
        first.release()
    return not got_second


def run(model, job):
    sync = model.sync
    timeout_s = job.iterations / 1000.0
    holding = sync.Barrier(2, timeout=WAIT_TIMEOUT_S)
    tried = sync.Barrier(2, timeout=WAIT_TIMEOUT_S + timeout_s)
    shared = ((sync.Lock(), sync.Lock()), holding, tried)
    timed_out = join_all(model, _take_both, [(0, timeout_s), (1, timeout_s)], shared)
    return Result(0, {"deadlocked": all(timed_out)})
