"""Lab gil, part 2, a reference solution: a pool of forked processes, one part of the units each."""

import multiprocessing

import labkit


def parts(first, stop, workers):
    """`workers` contiguous (start, end) ranges that cover [first, stop) exactly once."""
    size = stop - first
    return [(first + k * size // workers, first + (k + 1) * size // workers) for k in range(workers)]


def with_processes(first, stop, iterations, workers):
    with multiprocessing.get_context("fork").Pool(workers) as pool:
        sums = pool.starmap(labkit.work, [(start, end, iterations) for start, end in parts(first, stop, workers)])
    return sum(sums)
