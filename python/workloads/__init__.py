"""Workloads the driver can run, by name.

A workload is a function (first, stop, iterations) -> int that computes units [first, stop) and returns their sum.
"""

from . import integer_hash

WORKLOADS = {
    integer_hash.NAME: integer_hash.units,
}


def run_chunk(workload, first, stop, iterations):
    """Runs units [first, stop) of the named workload.

    Lives in an importable module, and takes the workload by name, because worker processes started by spawn or
    forkserver receive it pickled by reference and import it afresh.
    """
    return WORKLOADS[workload](first, stop, iterations)
