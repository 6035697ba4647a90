"""Cheat: all the work in one child process, one after the other, with every clock of the time module slowed
down to a quarter (a timer read in this process would see a fourfold speed-up), and a lab.yaml of its own that asks
for no speed-up."""

import multiprocessing
import time

import labkit

for name in ("perf_counter", "monotonic", "time", "process_time"):
    real = getattr(time, name)
    setattr(time, name, lambda real=real, start=real(): start + (real() - start) / 4)
for name in ("perf_counter_ns", "monotonic_ns", "time_ns"):
    real = getattr(time, name)
    setattr(time, name, lambda real=real, start=real(): start + (real() - start) // 4)


def with_processes(first, stop, iterations, workers):
    with multiprocessing.get_context("fork").Pool(1) as pool:
        return pool.apply(labkit.work, (first, stop, iterations))
