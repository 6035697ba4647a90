"""Waiting on the disk: each unit writes `iterations` KiB to a file of its own, fsyncs it and reads it back.

The files go to a fresh temporary folder (tempfile's default place, so $TMPDIR), removed at the end also on
failure. Chunks per worker as for sleep_wait. checksum = the number of files read back unchanged.
"""

import contextlib
import os
import shutil
import tempfile

NAME = "file_io"
FAMILIES = ("sequential", "threads", "processes")


@contextlib.contextmanager
def prepare(params):
    folder = tempfile.mkdtemp(prefix="concurrency-claims-file_io-")
    try:
        yield dict(params, folder=folder)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def content(unit, kib):
    """`kib` KiB of bytes that depend on the unit."""
    block = bytes(bytearray((unit * 251 + i * 7) & 0xFF for i in range(1024)))
    return block * kib


def chunk(first, stop, iterations, params):
    unchanged = 0
    for unit in range(first, stop):
        path = os.path.join(params["folder"], "unit-%d.bin" % unit)
        data = content(unit, iterations)
        with open(path, "wb") as file:
            file.write(data)
            file.flush()
            os.fsync(file.fileno())
        with open(path, "rb") as file:
            unchanged += file.read() == data
    return unchanged
