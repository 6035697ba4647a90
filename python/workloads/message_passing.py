"""Moving data to a worker: the main side sends `units` messages of `iterations` bytes, one at a time, to one worker
and the worker answers each with the payload's length.

channel=message (the default) uses the model's usual channel: threads a queue.Queue (hands over a reference),
processes a multiprocessing.Queue (pickles a copy through a pipe, by a feeder thread). For processes only:
channel=pipe sends over a multiprocessing.Pipe (a Connection: pickled and written by the caller itself);
channel=shared-memory writes each payload into a multiprocessing.shared_memory block that the worker copies out, and
only its sequence number goes through the queue. The worker first says it is ready, so starting it is not timed, and
WARMUP_MESSAGES untimed round trips go first (not counted either), as in the Java and JavaScript versions.

details {"bytes_moved": sum of the answered lengths (units * iterations), "transfer_s": seconds for all round trips,
"mib_per_s": bytes_moved / 2^20 / transfer_s (0 when nothing was timed), "channel"}; checksum = bytes_moved.
"""

import queue
import time

from .common import WAIT_TIMEOUT_S, Result, WorkloadFailed, wait_on

NAME = "message_passing"
FAMILIES = ("threads", "processes")
WORKERS = 1
READY = -1
# Untimed round trips before the timed ones, so a cold worker (its first buffers and pages) is not what is measured.
WARMUP_MESSAGES = 3
CHANNELS = ("message", "pipe", "shared-memory")


def channel(text):
    if text not in CHANNELS:
        raise ValueError("expected one of %s" % ", ".join(CHANNELS))
    return text


PARAMETERS = {"channel": (channel, "|".join(CHANNELS), "message")}


def payload(size):
    pattern = bytes(bytearray(range(256)))
    return (pattern * (size // 256 + 1))[:size]


def _next_request(requests):
    try:
        return requests.get(timeout=WAIT_TIMEOUT_S)
    except queue.Empty:
        raise WorkloadFailed("message_passing: the worker got no message within %g s" % WAIT_TIMEOUT_S) from None


def _answer(shared):
    requests, answers = shared[:2]
    answers.put(READY)
    while True:
        message = _next_request(requests)
        if message is None:
            return
        answers.put(len(message))


def _answer_from_shared_memory(shared):
    from multiprocessing import shared_memory

    requests, answers, block_name, size = shared
    block = shared_memory.SharedMemory(name=block_name)
    try:
        answers.put(READY)
        while _next_request(requests) is not None:
            answers.put(len(bytes(block.buf[:size])))
    finally:
        block.close()


class _PipeEnd(object):
    """One end of a multiprocessing.Pipe with the put / get(timeout) of a queue."""

    def __init__(self, connection):
        self.connection = connection

    def put(self, message):
        self.connection.send(message)

    def get(self, timeout):
        if not self.connection.poll(timeout):
            raise queue.Empty
        return self.connection.recv()


class _SharedBlock(object):
    """The main side's shared_memory block of `size` bytes, unlinked on exit."""

    def __init__(self, size):
        from multiprocessing import shared_memory

        self.block = shared_memory.SharedMemory(create=True, size=size)

    def __enter__(self):
        return self.block

    def __exit__(self, *exc_info):
        self.block.close()
        self.block.unlink()


def _answer_from(workers, answers, what):
    return wait_on(workers, lambda timeout: answers.get(timeout=timeout), "%s from message_passing's worker" % what)


def run(model, job):
    chosen = job.params.get("channel", "message")
    if chosen != "message" and model.family != "processes":
        raise WorkloadFailed("message_passing: channel=%s is for process models; %s shares memory anyway"
                             % (chosen, model.name))
    requests, answers = model.sync.Queue(), model.sync.Queue()
    message = payload(job.iterations)
    if chosen == "shared-memory":
        with _SharedBlock(max(1, len(message))) as block:

            def write_then_announce(unit):
                block.buf[: len(message)] = message
                return unit

            moved, transfer_s = _round_trips(model, job, _answer_from_shared_memory,
                                             (requests, answers, block.name, len(message)), (requests, answers),
                                             write_then_announce)
    elif chosen == "pipe":
        main_end, worker_end = model.sync.Pipe()
        worker = _PipeEnd(worker_end)
        main = _PipeEnd(main_end)
        moved, transfer_s = _round_trips(model, job, _answer, (worker, worker), (main, main), lambda unit: message)
    else:
        moved, transfer_s = _round_trips(model, job, _answer, (requests, answers), (requests, answers),
                                         lambda unit: message)
    return Result(
        moved,
        {
            "bytes_moved": moved,
            "transfer_s": transfer_s,
            "mib_per_s": moved / 2.0 ** 20 / transfer_s if transfer_s > 0 else 0.0,
            "channel": chosen,
        },
    )


def _round_trips(model, job, task, shared, main_ends, send):
    """Starts task on one worker, waits for its ready signal on main's (requests, answers) ends, makes WARMUP_MESSAGES
    round trips, then times `units` more: put send(unit) and take the answer. Returns (bytes moved, seconds)."""
    requests, answers = main_ends
    with model.start(task, [()], shared) as workers:
        try:
            if _answer_from(workers, answers, "ready signal") != READY:
                raise WorkloadFailed("message_passing: the worker did not start with its ready signal")
            for unit in range(WARMUP_MESSAGES):
                requests.put(send(unit))
                _answer_from(workers, answers, "answer")
            moved = 0
            started = time.perf_counter()
            for unit in range(WARMUP_MESSAGES, WARMUP_MESSAGES + job.units):
                requests.put(send(unit))
                moved += _answer_from(workers, answers, "answer")
            transfer_s = time.perf_counter() - started
        finally:
            requests.put(None)
        workers.join()
    return moved, transfer_s
