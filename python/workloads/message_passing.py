"""Moving data to a worker: the main side sends `units` messages of `iterations` bytes, one at a time, to one worker
over the model's usual channel, and the worker answers each with the payload's length.

Threads: a queue.Queue (hands over a reference). Processes: a multiprocessing.Queue (pickles a copy through a pipe).
The worker first says it is ready, so starting it is not timed.

details {"bytes_moved": sum of the answered lengths (units * iterations), "transfer_s": seconds for all round trips,
"mib_per_s": bytes_moved / 2^20 / transfer_s (0 when nothing was timed)}; checksum = bytes_moved.
"""

import queue
import time

from .common import WAIT_TIMEOUT_S, Result, WorkloadFailed, wait_on

NAME = "message_passing"
FAMILIES = ("threads", "processes")
WORKERS = 1
READY = -1


def payload(size):
    pattern = bytes(bytearray(range(256)))
    return (pattern * (size // 256 + 1))[:size]


def _answer(shared):
    requests, answers = shared
    answers.put(READY)
    while True:
        try:
            message = requests.get(timeout=WAIT_TIMEOUT_S)
        except queue.Empty:
            raise WorkloadFailed("message_passing: the worker got no message within %g s" % WAIT_TIMEOUT_S) from None
        if message is None:
            return
        answers.put(len(message))


def _answer_from(workers, answers, what):
    return wait_on(workers, lambda timeout: answers.get(timeout=timeout), "%s from message_passing's worker" % what)


def run(model, job):
    requests, answers = model.sync.Queue(), model.sync.Queue()
    message = payload(job.iterations)
    with model.start(_answer, [()], (requests, answers)) as workers:
        try:
            if _answer_from(workers, answers, "ready signal") != READY:
                raise WorkloadFailed("message_passing: the worker did not start with its ready signal")
            moved = 0
            started = time.perf_counter()
            for _ in range(job.units):
                requests.put(message)
                moved += _answer_from(workers, answers, "answer")
            transfer_s = time.perf_counter() - started
        finally:
            requests.put(None)
        workers.join()
    return Result(
        moved,
        {
            "bytes_moved": moved,
            "transfer_s": transfer_s,
            "mib_per_s": moved / 2.0 ** 20 / transfer_s if transfer_s > 0 else 0.0,
        },
    )
