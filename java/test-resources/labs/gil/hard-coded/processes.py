"""Cheat: returns a number written down in advance, from a child process."""

import multiprocessing

import labkit


def with_processes(first, stop, iterations, workers):
    with multiprocessing.get_context("fork").Pool(workers) as pool:
        pool.starmap(labkit.work, [(first, first + 1, 1)] * workers)
    return 27182818284
