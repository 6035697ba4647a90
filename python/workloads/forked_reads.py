"""What a forked child copies when it only reads: the parent builds `iterations` MiB of data, forks one worker, and
the worker reads all of it (never writing it) while its private memory is measured before and after the read.

Fork shares the parent's pages copy-on-write, so reading should copy nothing. That holds for one large bytes
object (parameter objects=bytes: C code reads it, one header written). It does not hold for Python objects
(objects=floats, the default: a list of floats, 24 bytes each): iterating over them takes and drops a reference to
each, a write to its reference count, so every page holding them is copied into the child.

details {"copied_kib": growth of the child's Private_Dirty over the read, "data_kib": growth of the parent's while it
built the data (what the data takes in memory: for floats, a 32-byte block each and the list's array of pointers),
"objects": "floats" or "bytes"}; checksum 0. Linux only; the fork start method only (the child must inherit the
parent's objects, not receive a pickled copy).
"""

import os

from .common import Result, WorkloadFailed, join_all

NAME = "forked_reads"
FAMILIES = ("processes",)
WORKERS = 1
FLOAT_BYTES = 24  # sys.getsizeof(1.0) on 64-bit CPython


def _objects(text):
    if text not in ("floats", "bytes"):
        raise ValueError("objects must be floats or bytes")
    return text


PARAMETERS = {"objects": (_objects, "what the child reads: floats (a list of Python floats) or bytes (one buffer)",
                          "floats")}


def _private_dirty_kib():
    with open("/proc/self/smaps_rollup") as file:
        return sum(int(line.split()[1]) for line in file if line.startswith("Private_Dirty:"))


def _read_all(shared):
    data, = shared
    before = _private_dirty_kib()
    if isinstance(data, bytes):
        seen = data.count(b"\x01")
    else:
        seen = 0
        for value in data:
            if value >= 0.0:
                seen += 1
    return _private_dirty_kib() - before, seen


def run(model, job):
    if model.start_method != "fork":
        raise WorkloadFailed("forked_reads needs the fork start method (multiprocessing-fork): its child must inherit "
                             "the parent's objects, and %s would pickle them across" % model.name)
    if not os.path.exists("/proc/self/smaps_rollup"):
        raise WorkloadFailed("forked_reads needs Linux /proc/<pid>/smaps_rollup (Linux 4.14+)")
    data_bytes = job.iterations << 20
    objects = job.params["objects"]
    before = _private_dirty_kib()
    if objects == "bytes":
        data = b"\x01" * data_bytes  # filled, so its pages are really there to share (bytes(n) maps zero pages)
    else:
        data = [float(i) for i in range(data_bytes // FLOAT_BYTES)]
    data_kib = _private_dirty_kib() - before
    (copied_kib, seen), = join_all(model, _read_all, [()], (data,))
    expected = data_bytes if objects == "bytes" else len(data)
    if seen != expected:
        raise WorkloadFailed("forked_reads: the child read %d of %d values" % (seen, expected))
    return Result(0, {"copied_kib": copied_kib, "data_kib": data_kib, "objects": objects})
