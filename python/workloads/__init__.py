"""Workloads the driver can run, by name: every module of this folder (but common.py) is one, found by its file name.

A workload is a module workloads/<name>.py with
  NAME        its name, the same as the file's (and as js/workloads/<name>.js and the Java class <Name>)
  FAMILIES    the model families it runs under: "sequential", "threads", "processes", "asyncio", "interpreters"
              (subinterpreters, 3.14+: only for workloads whose chunks share nothing; see models.py)
  SIZED_BY_TIME
              optional, a top-level line SIZED_BY_TIME = True: the harness may size it to a running time (its
              iterations are work); the harness reads this line from the file itself
  PARAMETERS  optional: {name: (converter, description)} or {name: (converter, description, default)}, the
              --param name=value it takes (required unless it has a default); the converter turns the text into the
              value or raises ValueError
  WORKERS     optional: the number of workers it needs, an int, or {family: int} for some families only
  FRESH_INTERPRETER
              optional, True: every run in an interpreter started for it, never a forked copy of one kept across
              runs (`driver.py serve --fork`), for a workload that measures its whole process's memory, part of
              which a forked copy shares with the interpreter it was forked from
and then either, for a workload of independent units,
  chunk(first, stop, iterations, params) -> int
              the sum of the results of units [first, stop). The units are split into one contiguous chunk per
              worker and the checksum is the sum of the chunk sums.
  chunk_async(first, stop, iterations, params) -> int
              the same as a coroutine, for the asyncio family (needed there only)
  prepare(params)
              optional: a context manager around the whole run that yields the params the chunks see (file_io's
              temporary folder)
or, for a workload whose workers cooperate (shared variables, locks, queues) and therefore depend on what the
model's workers can share,
  run(model, job) -> Result   using model.start(...) and model.sync (see models.py).

Workloads never import models (models import this package); a model is passed in.
"""

import collections.abc
import contextlib
import importlib
import os
import re

from .common import Job, Result, WorkloadFailed  # noqa: F401  (re-exported)

_NAME = re.compile(r"^[a-z][a-z0-9]*(_[a-z0-9]+)*$")
_NOT_WORKLOADS = ("common",)


class _Workloads(collections.abc.Mapping):
    """{name: module} of every workload module in this folder, by its file name; a module is imported when first
    asked for, because each run is a fresh interpreter that needs one workload, and importing them all (asyncio
    among their imports) cost a run 60 ms of start-up."""

    def __init__(self):
        folder = os.path.dirname(os.path.abspath(__file__))
        self._names = []
        for file_name in sorted(os.listdir(folder)):
            name, extension = os.path.splitext(file_name)
            if extension == ".py" and name not in _NOT_WORKLOADS and _NAME.match(name):
                self._names.append(name)
        self._modules = {}

    def __getitem__(self, name):
        if name not in self._modules:
            if name not in self._names:
                raise KeyError(name)
            module = importlib.import_module("%s.%s" % (__name__, name))
            if getattr(module, "NAME", None) != name:
                raise ImportError("python/workloads/%s.py must declare NAME = %r" % (name, name))
            self._modules[name] = module
        return self._modules[name]

    def __iter__(self):
        return iter(self._names)

    def __len__(self):
        return len(self._names)


WORKLOADS = _Workloads()


def sized_by_time(workload):
    return bool(getattr(WORKLOADS[workload], "SIZED_BY_TIME", False))


def needs_fresh_interpreter(workload):
    return bool(getattr(WORKLOADS[workload], "FRESH_INTERPRETER", False))


def families(workload):
    return WORKLOADS[workload].FAMILIES


def is_chunked(workload):
    return hasattr(WORKLOADS[workload], "chunk")


def parameters(workload):
    """{name: (converter, description[, default])} of the parameters the workload takes."""
    return getattr(WORKLOADS[workload], "PARAMETERS", {})


def required_workers(workload, family):
    """The number of workers the workload needs under a model of this family, or None for any number."""
    workers = getattr(WORKLOADS[workload], "WORKERS", None)
    if isinstance(workers, dict):
        return workers.get(family)
    return workers


def run(model, job):
    """Runs the job's workload under model (a fresh object of models.py) and returns its Result."""
    module = WORKLOADS[job.workload]
    if not hasattr(module, "chunk"):
        return module.run(model, job)
    task = run_chunk_async if model.family == "asyncio" else run_chunk
    prepare = getattr(module, "prepare", None)
    with (prepare(job.params) if prepare else contextlib.nullcontext(job.params)) as params:
        args_list = [(job.workload, first, stop, job.iterations) for first, stop in job.chunks()]
        with model.start(task, args_list, shared=params) as workers:
            chunk_sums = workers.join()
    return Result(sum(chunk_sums), {})


def run_chunk(params, workload, first, stop, iterations):
    """Runs units [first, stop) of the named workload.

    Lives in an importable module, and takes the workload by name, because worker processes started by spawn or
    forkserver receive it pickled by reference and import it afresh.
    """
    return WORKLOADS[workload].chunk(first, stop, iterations, params)


async def run_chunk_async(params, workload, first, stop, iterations):
    return await WORKLOADS[workload].chunk_async(first, stop, iterations, params)
