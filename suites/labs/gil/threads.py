"""Lab gil, part 1: run CPU-bound Python on threads.

Fill in with_threads(). The harness calls it with the units to work on, first to stop - 1, and how many threads to
use; it must return the sum of labkit.work over all of them, each unit worked on exactly once.
"""

import labkit  # noqa: F401  (the work itself: labkit.work(first, stop, iterations) -> int)


def with_threads(first, stop, iterations, workers):
    # TODO: split the units [first, stop) into `workers` contiguous parts of (about) equal size, give each part to a
    # threading.Thread of its own that calls labkit.work on it, start them all, join them all, and return the sum of
    # their results. Until you do, this works on one thread only, and the check says so.
    return labkit.work(first, stop, iterations)
