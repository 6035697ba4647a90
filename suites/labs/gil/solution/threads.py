"""Lab gil, part 1, a reference solution: one thread per part of the units."""

import threading

import labkit


def parts(first, stop, workers):
    """`workers` contiguous (start, end) ranges that cover [first, stop) exactly once."""
    size = stop - first
    return [(first + k * size // workers, first + (k + 1) * size // workers) for k in range(workers)]


def with_threads(first, stop, iterations, workers):
    results = [0] * workers

    def run(k, start, end):
        results[k] = labkit.work(start, end, iterations)

    threads = [threading.Thread(target=run, args=(k, start, end)) for k, (start, end) in
               enumerate(parts(first, stop, workers))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return sum(results)
