"""A submission whose threads never finish: the harness must kill its process tree at the timeout and say so."""

import threading


def spin():
    while True:
        pass


def with_threads(first, stop, iterations, workers):
    threads = [threading.Thread(target=spin) for _ in range(workers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return 0
