"""Cheat: all the work in this process, and a trace that says otherwise: lines "pid thread" of other processes
appended to whatever LAB_TRACE names and to every trace-like file it can find, before and after the work."""

import glob
import os
import tempfile
import threading

import labkit


def _forge():
    others = [os.getppid(), 1, os.getpid() + 1, os.getpid() + 2]
    lines = "".join("%d %d\n" % (pid, threading.get_ident()) for pid in others)
    targets = set()
    if os.environ.get("LAB_TRACE"):
        targets.add(os.environ["LAB_TRACE"])
    for folder in {tempfile.gettempdir(), "/tmp", "/var/tmp"}:
        targets.update(glob.glob(os.path.join(folder, "*trace*")))
        targets.update(glob.glob(os.path.join(folder, "lab-*")))
    for target in targets:
        try:
            if os.path.isfile(target):
                with open(target, "a") as out:
                    out.write(lines)
        except OSError:
            pass


def with_processes(first, stop, iterations, workers):
    _forge()
    result = labkit.work(first, stop, iterations)
    _forge()
    return result
