"""Lab gil, part 2: run the same CPU-bound Python on processes.

Fill in with_processes(). Same contract as with_threads() in threads.py: return the sum of labkit.work over the
units first to stop - 1, each unit worked on exactly once, now by `workers` child processes.
"""

import labkit  # noqa: F401  (the work itself: labkit.work(first, stop, iterations) -> int)


def with_processes(first, stop, iterations, workers):
    # TODO: split the units into `workers` parts as in threads.py and have a pool of `workers` processes run
    # labkit.work on them (multiprocessing.get_context("fork").Pool, or concurrent.futures.ProcessPoolExecutor with
    # that context), then return the sum. Until you do, this works in this process only, and the check says so.
    return labkit.work(first, stop, iterations)
