"""Workloads the driver can run, by name.

A workload is a module with
  NAME        its name
  FAMILIES    the model families it runs under: "sequential", "threads", "processes", "asyncio" (see models.py)
  PARAMETERS  optional: {name: (converter, description)} or {name: (converter, description, default)}, the
              --param name=value it takes (required unless it has a default); the converter turns the text into the
              value or raises ValueError
  WORKERS     optional: the number of workers it needs, an int, or {family: int} for some families only
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

import contextlib

from . import (
    deadlock,
    file_io,
    idle_memory,
    integer_hash,
    message_passing,
    shared_counter,
    shared_state,
    sleep_wait,
    tcp_echo,
)
from .common import Job, Result, WorkloadFailed  # noqa: F401  (re-exported)

WORKLOADS = {
    module.NAME: module
    for module in (
        integer_hash,
        sleep_wait,
        tcp_echo,
        file_io,
        shared_state,
        shared_counter,
        deadlock,
        idle_memory,
        message_passing,
    )
}


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
