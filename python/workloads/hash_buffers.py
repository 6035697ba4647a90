"""C code that may release the GIL: SHA-256 of a buffer, again and again (Python only; no Java or JS side).

CPython's hashlib releases the GIL while it hashes more than 2047 bytes at once ("For better multithreading
performance, the Python GIL is released for data larger than 2047 bytes at object creation or on update", the hashlib
documentation), so threads hashing large buffers run in parallel even on a GIL build; on small buffers the time goes
to the Python loop and the call, with the GIL held. The parameter block sets the buffer's size in bytes; a unit
hashes its buffer `iterations` times.
"""

import hashlib

NAME = "hash_buffers"
SIZED_BY_TIME = True
FAMILIES = ("sequential", "threads", "processes", "interpreters")


def _block(text):
    size = int(text)
    if size < 1 or size > 1 << 26:
        raise ValueError("block must be 1 to 67108864 bytes")
    return size


PARAMETERS = {"block": (_block, "bytes hashed in one call (the GIL is released above 2047)", 1 << 20)}


def unit(index, iterations, block):
    """Sum of the leading 4 bytes of the digest of the unit's buffer, hashed `iterations` times."""
    data = bytes((index * 131 + i) & 0xFF for i in range(256)) * (block // 256) + bytes(block % 256)
    total = 0
    sha256 = hashlib.sha256
    for _ in range(iterations):
        total += int.from_bytes(sha256(data).digest()[:4], "big")
    return total


def chunk(first, stop, iterations, params):
    return sum(unit(index, iterations, params["block"]) for index in range(first, stop))
