"""What a lab gives the student's Python code: the CPU-bound work, and the amounts a shared counter's updates add.

work(first, stop, iterations) is the suite's own integer_hash workload (python/workloads/integer_hash.py), the sum
of units [first, stop). Where it ran the harness reads from /proc, not from here.

tick() is the amount one update of a shared counter adds: each thread that calls it gets a stream of its own of
whole numbers 1 to 16, numbered in the order of the threads' first calls and seeded from a seed the harness draws for
every sample (the driver calls reset() before each call), so that only doing every update gives the total the harness
computes. The same generator as java/main/concurrencyclaims/lab/Labkit.java, value for value.
"""

import threading

from workloads.integer_hash import units

_MASK = (1 << 64) - 1
_MULTIPLIER = 6364136223846793005  # Knuth's MMIX LCG
_INCREMENT = 1442695040888963407
_GOLDEN = 0x9E3779B97F4A7C15

_lock = threading.Lock()
_seed = 0
_streams = 0
_local = threading.local()


def work(first, stop, iterations):
    """Sum of the integer_hash results of units [first, stop), each of `iterations` iterations."""
    return units(first, stop, iterations)


def tick():
    """The next amount of this thread's stream, 1 to 16."""
    local = _local
    try:
        state = local.state
    except AttributeError:
        state = _new_stream()
    state = (state * _MULTIPLIER + _INCREMENT) & _MASK
    local.state = state
    return (state >> 60) + 1


def reset(seed):
    """Starts every stream anew from `seed`: called by the lab's driver before each call."""
    global _seed, _streams, _local
    with _lock:
        _seed = seed & _MASK
        _streams = 0
        # A new object, so that no thread keeps a stream of an earlier call.
        _local = threading.local()


def _new_stream():
    global _streams
    with _lock:
        index = _streams
        _streams += 1
        return stream_start(_seed, index)


def stream_start(seed, index):
    """The state stream `index` starts from: splitmix64 of the seed and the index."""
    z = (seed + _GOLDEN * (index + 1)) & _MASK
    z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & _MASK
    z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & _MASK
    return z ^ (z >> 31)


def values(seed, index, count):
    """The first `count` values of stream `index` for `seed` (for the harness's test against Labkit.java)."""
    state = stream_start(seed & _MASK, index)
    out = []
    for _ in range(count):
        state = (state * _MULTIPLIER + _INCREMENT) & _MASK
        out.append((state >> 60) + 1)
    return out
