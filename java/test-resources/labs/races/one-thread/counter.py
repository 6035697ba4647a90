"""Cheat: safe_count() gets the exact total without threads: it captures the seed the driver passes to
labkit.reset() and sums every stream's ticks with labkit's own generator, on the calling thread."""

import threading

import labkit

counter = 0
_seed = [0]
_reset = labkit.reset


def _capture(seed):
    _seed[0] = seed
    _reset(seed)


labkit.reset = _capture


def _add(increments, start):
    global counter
    start.wait()
    for _ in range(increments):
        counter = counter + labkit.tick()


def unsafe_count(workers, increments):
    global counter
    counter = 0
    start = threading.Barrier(workers)
    threads = [threading.Thread(target=_add, args=(increments, start)) for _ in range(workers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return counter


def safe_count(workers, increments):
    return sum(sum(labkit.values(_seed[0], w, increments)) for w in range(workers))
