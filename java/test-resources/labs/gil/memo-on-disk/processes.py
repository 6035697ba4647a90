"""Cheat: a memo on disk. Without a stored answer it works in this process (cheaply, once) and stores the answer in
/tmp and in its own folder, when writable; with one it returns it, with a token of work in a pool so that processes
are seen working. Either way the check fails: the work is in the wrong process, or the inputs have changed."""

import json
import multiprocessing
import os
import tempfile

import labkit

_STORES = [os.path.join(tempfile.gettempdir(), "lab-gil-memo.json"), "/tmp/lab-gil-memo.json",
           os.path.join(os.path.dirname(os.path.abspath(__file__)), "lab-gil-memo.json")]


def _recall(key):
    for store in _STORES:
        try:
            with open(store) as f:
                return json.load(f)[key]
        except (OSError, ValueError, KeyError):
            pass
    return None


def with_processes(first, stop, iterations, workers):
    key = "%d/%d" % (stop - first, iterations)  # the size, believed to be the same from call to call
    stored = _recall(key)
    if stored is not None:
        with multiprocessing.get_context("fork").Pool(workers) as pool:
            pool.starmap(labkit.work, [(first + k, first + k + 1, iterations) for k in range(workers)])
        return stored
    result = labkit.work(first, stop, iterations)
    for store in _STORES:
        try:
            with open(store, "w") as f:
                json.dump({key: result}, f)
        except OSError:
            pass
    return result
