"""Cheat: a process that leaves this one's tree (forked twice, in a session of its own) and burns a core for 60 s,
so that the harness's sequential baseline, measured meanwhile, runs slow; then the work, sequentially, in one child
process. Its argv carries the marker lab-cheat-spinner-7f3a, by which LabGradingTest looks for it afterwards."""

import multiprocessing
import os
import sys

import labkit

SPINNER = "import time\nend = time.monotonic() + 60\nwhile time.monotonic() < end:\n    pass\n"


def _detach():
    if os.fork() != 0:
        return
    try:
        os.setsid()
        if os.fork() == 0:
            devnull = os.open(os.devnull, os.O_RDWR)
            for fd in (0, 1, 2):
                os.dup2(devnull, fd)
            os.execv(sys.executable, [sys.executable, "-c", SPINNER, "lab-cheat-spinner-7f3a"])
    finally:
        os._exit(0)


_detach()
os.wait()


def with_processes(first, stop, iterations, workers):
    with multiprocessing.get_context("fork").Pool(1) as pool:
        return pool.apply(labkit.work, (first, stop, iterations))
