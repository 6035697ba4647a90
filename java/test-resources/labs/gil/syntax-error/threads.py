"""A submission with a syntax error on line 8; its processes.py is fine and must still be graded."""

import threading

import labkit


def with_threads(first, stop, iterations, workers)
    return labkit.work(first, stop, iterations)
