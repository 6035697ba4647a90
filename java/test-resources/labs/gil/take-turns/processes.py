"""Cheat: a pool of processes that take turns: the second part starts only once the first has finished, so the work
is in child processes, each doing its share, but never two at once."""

import multiprocessing

import labkit


def with_processes(first, stop, iterations, workers):
    size = stop - first
    parts = [(first + k * size // workers, first + (k + 1) * size // workers) for k in range(workers)]
    total = 0
    with multiprocessing.get_context("fork").Pool(workers) as pool:
        for start, end in parts:
            total += pool.apply(labkit.work, (start, end, iterations))
    return total
