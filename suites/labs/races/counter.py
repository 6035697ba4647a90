"""Lab races, Python: a counter shared by threads.

unsafe_count() is given: `workers` threads each update a shared counter `increments` times, without any
synchronisation, and it returns what the counter says at the end. Each update adds labkit.tick(), a small whole
number from a stream of the thread's own that the harness seeds anew for every call: the right total is the sum of
every thread's ticks, which only doing every update gives. Run it: it falls short.
Your task is safe_count(): the same threads and updates, but no update may be lost.
"""

import threading

import labkit

counter = 0


def _add(increments, start):
    global counter
    start.wait()
    for _ in range(increments):
        # A read, a call, a write: another thread may run between the read and the write, and its update is lost.
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
    # TODO: make this exact. Keep the threads and the per-increment update `counter = counter + labkit.tick()`, but
    # guard it with a threading.Lock shared by all the threads, so that no two threads are ever between the read and
    # the write at once. As it stands it is unsafe_count() again.
    return unsafe_count(workers, increments)
