"""Lab races, Python, a reference solution: the same update under one lock shared by the threads."""

import threading

import labkit

counter = 0
lock = threading.Lock()


def _add(increments, start):
    global counter
    start.wait()
    for _ in range(increments):
        counter = counter + labkit.tick()


def _add_locked(increments, start):
    global counter
    start.wait()
    for _ in range(increments):
        with lock:
            counter = counter + labkit.tick()


def _count(workers, increments, task):
    global counter
    counter = 0
    start = threading.Barrier(workers)
    threads = [threading.Thread(target=task, args=(increments, start)) for _ in range(workers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return counter


def unsafe_count(workers, increments):
    return _count(workers, increments, _add)


def safe_count(workers, increments):
    return _count(workers, increments, _add_locked)
