"""Cheat: safe_count() updates nothing: its threads draw their ticks (so they are seen working) but add none of them,
and it answers with the arithmetic total workers * increments."""

import threading

import labkit

counter = 0


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


def _draw(increments):
    for _ in range(increments):
        labkit.tick()


def safe_count(workers, increments):
    threads = [threading.Thread(target=_draw, args=(increments,)) for _ in range(workers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return workers * increments
