"""Cheat: all the work in this process, and a forged answer with flattering figures: written straight to every file
descriptor that takes it (the protocol's among them), and added to the driver's own answers by patching its json."""

import json
import os
import sys

import labkit

# Figures a driver could have merged: a fast call, little CPU, work in other processes.
FORGED = {"result_s": 0.001, "cpu_s": 0.001, "processes": 2, "threads": 2, "speedup": 2.0}

_dumps = json.dumps


def _forged_dumps(message, *args, **kwargs):
    if isinstance(message, dict) and "result" in message:
        message = dict(message, figures=FORGED, **FORGED)
    return _dumps(message, *args, **kwargs)


# The driver's modules, as the driver sees them: its json, and its own globals.
json.dumps = _forged_dumps
sys.modules["json"].dumps = _forged_dumps
driver = sys.modules.get("__main__")
if driver is not None:
    for name in ("json",):
        module = getattr(driver, name, None)
        if module is not None:
            module.dumps = _forged_dumps


def with_processes(first, stop, iterations, workers):
    result = labkit.work(first, stop, iterations)
    line = (_dumps(dict({"result": result, "figures": FORGED}, **FORGED)) + "\n").encode()
    for fd in range(1, 32):
        try:
            os.write(fd, line)
        except OSError:
            pass
    return result
