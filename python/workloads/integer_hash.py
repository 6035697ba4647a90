"""CPU-bound integer workload, the same algorithm as Java's concurrencyclaims.workloads.IntegerHash.

The loop is plain Python bytecode on purpose: on a GIL build it holds the GIL for its whole run, which is what the
thread-based models are measured against. Masking with 0x7FFFFFFF after every step keeps the low 31 bits that
Java's wrapping 32-bit int arithmetic keeps, so both sides agree bit for bit.
"""

NAME = "integer_hash"
SIZED_BY_TIME = True


def unit(index, iterations):
    """Result of one unit: a 31-bit linear congruential chain seeded by index, folded into an accumulator."""
    s = index + 1
    acc = 0
    for _ in range(iterations):
        s = (s * 1103515245 + 12345) & 0x7FFFFFFF
        acc = (acc + (s >> 16)) & 0x7FFFFFFF
    return acc ^ s


def units(first, stop, iterations):
    """Sum of the results of units [first, stop)."""
    total = 0
    for index in range(first, stop):
        total += unit(index, iterations)
    return total


FAMILIES = ("sequential", "threads", "processes", "asyncio", "interpreters")


def chunk(first, stop, iterations, params):
    return units(first, stop, iterations)


async def chunk_async(first, stop, iterations, params):
    """The same chunk as a coroutine that never awaits: under asyncio the chunks run one after another on the loop."""
    return units(first, stop, iterations)
