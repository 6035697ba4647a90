"""What every workload module shares: the job it is given, the result it returns, its failure, its timeouts."""

from collections import namedtuple

import queue
import time

# Every wait on another party (a barrier, a lock, a queue, a reply) gives up after this long, so nothing hangs.
WAIT_TIMEOUT_S = 60.0
# How often the main side, waiting on its workers, looks whether one of them has failed.
POLL_S = 0.05


class WorkloadFailed(Exception):
    """The run failed for a known reason with a clear message (no echo server, no /proc): reported as one line."""


class Job(namedtuple("Job", ["workload", "model", "workers", "units", "iterations", "params"])):
    """What the driver was asked to run; params holds the converted --param values by name."""

    __slots__ = ()

    def chunks(self):
        """Each worker's (first, stop) unit range: worker k gets units [k*U/N, (k+1)*U/N)."""
        size = self.units // self.workers
        return [(k * size, (k + 1) * size) for k in range(self.workers)]


# checksum: an int, the same for every model; details: {name: JSON value}, the workload's own figures.
Result = namedtuple("Result", ["checksum", "details"])


def join_all(model, task, args_list, shared=None):
    """Starts task on one worker of model per args in args_list, and returns their results once all are done."""
    with model.start(task, args_list, shared) as workers:
        return workers.join()


def wait_on(workers, take, what):
    """Returns take(timeout) once it delivers; take raises queue.Empty (or returns False) when nothing came within
    timeout. Between tries, raises a worker's failure as soon as one has failed, and WorkloadFailed naming `what`
    after WAIT_TIMEOUT_S."""
    deadline = time.monotonic() + WAIT_TIMEOUT_S
    while True:
        try:
            value = take(POLL_S)
        except queue.Empty:
            value = False
        if value is not False:
            return value
        workers.check()
        if time.monotonic() > deadline:
            raise WorkloadFailed("no %s within %g s" % (what, WAIT_TIMEOUT_S))
