"""Lab races, Python: a counter shared by threads.

unsafe_count() is given: `workers` threads each add 1 to a shared counter `increments` times, without any
synchronisation, and it returns what the counter says at the end. Run it: it falls short of workers * increments.
Your task is safe_count(): the same threads and increments, but no update may be lost.
"""

import threading

counter = 0


def one():
    return 1


def _add(increments, start):
    global counter
    start.wait()
    for _ in range(increments):
        # A read, a call, a write: another thread may run between the read and the write, and its update is lost.
        counter = counter + one()


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
    # TODO: make this exact. Keep the threads and the per-increment update `counter = counter + one()`, but guard
    # it with a threading.Lock shared by all the threads, so that no two threads are ever between the read and the
    # write at once. As it stands it is unsafe_count() again.
    return unsafe_count(workers, increments)
