"""Waiting on the disk: each unit writes `iterations` KiB to a file of its own, 4 KiB at a time with each block
forced to the device (fdatasync, as a log that syncs every record does), then reads it back.

The files go to a fresh temporary folder (tempfile's default place, so $TMPDIR), removed at the end also on
failure. Chunks per worker as for sleep_wait. checksum = the number of files read back unchanged.
"""

import contextlib
import os
import shutil
import tempfile

NAME = "file_io"
# Bytes written between two syncs: one page, the smallest write a device is asked to make durable.
SYNC_BLOCK = 4096
_sync = getattr(os, "fdatasync", os.fsync)  # fdatasync is not on every platform
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
        with open(path, "wb", buffering=0) as file:
            for offset in range(0, len(data), SYNC_BLOCK):
                file.write(data[offset:offset + SYNC_BLOCK])
                _sync(file.fileno())
        with open(path, "rb") as file:
            unchanged += file.read() == data
    return unchanged
