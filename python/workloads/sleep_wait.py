"""Waiting without working: `units` waits of `iterations` ms each.

Thread and process models: each worker does its chunk's waits one after another, so N workers wait N at a time.
asyncio: all waits at once on one event loop (one worker). checksum = units.
"""

import asyncio
import time

NAME = "sleep_wait"
FAMILIES = ("sequential", "threads", "processes", "asyncio")
WORKERS = {"asyncio": 1}


def chunk(first, stop, iterations, params):
    for _ in range(first, stop):
        time.sleep(iterations / 1000.0)
    return stop - first


async def chunk_async(first, stop, iterations, params):
    await asyncio.gather(*(asyncio.sleep(iterations / 1000.0) for _ in range(first, stop)))
    return stop - first
