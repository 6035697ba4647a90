"""What a lab gives the student's Python code: the CPU-bound work, and a record of which threads and processes did it.

work(first, stop, iterations) is the suite's own integer_hash workload (python/workloads/integer_hash.py), the sum
of units [first, stop). Each thread of each process that calls it adds one line "pid thread" to the file the
harness names in LAB_TRACE, so that the harness can tell threads from processes from neither.
"""

import os
import threading

from workloads.integer_hash import units

_traced = set()


def work(first, stop, iterations):
    """Sum of the integer_hash results of units [first, stop), each of `iterations` iterations."""
    _trace()
    return units(first, stop, iterations)


def _trace():
    trace = os.environ.get("LAB_TRACE")
    caller = (os.getpid(), threading.get_ident())
    if not trace or caller in _traced:
        return
    _traced.add(caller)
    with open(trace, "a") as out:
        out.write("%d %d\n" % caller)
