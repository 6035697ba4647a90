"""What an idle worker costs in memory: start `workers` workers that signal ready and then block until released,
and while all are idle measure PSS and RSS of the whole process tree (this process and every descendant, from
/proc/<pid>/smaps_rollup), compared with the same measure just before starting them.

details {"pss_kib_per_worker": (during - before) / workers, "rss_kib_per_worker": likewise, plus the totals
"pss_kib_before", "pss_kib_during", "rss_kib_before", "rss_kib_during" and "processes_measured"}; checksum 0.
Linux only.
"""

import os

from .common import WAIT_TIMEOUT_S, Result, WorkloadFailed, wait_on

NAME = "idle_memory"
FAMILIES = ("threads", "processes")
# PSS divides a shared page among the processes that map it: in a forked copy of the harness's kept interpreter,
# that one would take part of what this process and its forked workers cost.
FRESH_INTERPRETER = True
PROC = "/proc"


def _idle(shared):
    ready, release = shared
    ready.release()
    if not release.wait(WAIT_TIMEOUT_S):
        raise WorkloadFailed("idle_memory: a worker was not released within %g s" % WAIT_TIMEOUT_S)


def run(model, job):
    if not os.path.exists(os.path.join(PROC, str(os.getpid()), "status")):
        raise WorkloadFailed("idle_memory needs Linux /proc")
    before = tree_memory(os.getpid())
    ready, release = model.sync.Semaphore(0), model.sync.Event()
    with model.start(_idle, [()] * job.workers, (ready, release)) as workers:
        try:
            for started in range(job.workers):
                wait_on(workers, lambda timeout: ready.acquire(timeout=timeout),
                        "ready signal from idle_memory's worker %d of %d" % (started + 1, job.workers))
            during = tree_memory(os.getpid())
        finally:
            release.set()
        workers.join()
    return Result(
        0,
        {
            "pss_kib_per_worker": (during.pss_kib - before.pss_kib) / job.workers,
            "rss_kib_per_worker": (during.rss_kib - before.rss_kib) / job.workers,
            "pss_kib_before": before.pss_kib,
            "pss_kib_during": during.pss_kib,
            "rss_kib_before": before.rss_kib,
            "rss_kib_during": during.rss_kib,
            "processes_measured": during.processes,
        },
    )


class TreeMemory(object):
    def __init__(self, pss_kib, rss_kib, processes):
        self.pss_kib, self.rss_kib, self.processes = pss_kib, rss_kib, processes

    def __repr__(self):
        return "TreeMemory(pss_kib=%d, rss_kib=%d, processes=%d)" % (self.pss_kib, self.rss_kib, self.processes)


def tree_memory(root):
    """PSS and RSS, in KiB, summed over root and all its descendants (processes that exit meanwhile are left out)."""
    pss = rss = counted = 0
    for pid in descendants(root, include_root=True):
        memory = process_memory(pid)
        if memory is not None:
            pss += memory[0]
            rss += memory[1]
            counted += 1
    return TreeMemory(pss, rss, counted)


def descendants(root, include_root=False):
    """root's descendants, breadth first, from /proc/<pid>/task/<tid>/children (or, in kernels without that file,
    from the parent pids of all processes)."""
    found = [root] if include_root else []
    parents = [root]
    while parents:
        children = [child for parent in parents for child in children_of(parent)]
        found.extend(children)
        parents = children
    return found


def children_of(pid):
    task_folder = os.path.join(PROC, str(pid), "task")
    try:
        tasks = os.listdir(task_folder)
    except OSError:
        return []  # gone
    children = []
    for task in tasks:
        try:
            with open(os.path.join(task_folder, task, "children")) as file:
                children.extend(int(child) for child in file.read().split())
        except FileNotFoundError:
            if not os.path.exists(os.path.join(task_folder, task)):
                continue  # the thread ended
            return _children_by_parent_pid(pid)  # no CONFIG_PROC_CHILDREN
        except OSError:
            continue
    return children


def _children_by_parent_pid(pid):
    children = []
    for entry in os.listdir(PROC):
        if not entry.isdigit():
            continue
        try:
            with open(os.path.join(PROC, entry, "stat")) as file:
                stat = file.read()
        except OSError:
            continue
        # The command name, in parentheses, may hold spaces: the fields after its closing parenthesis are
        # state, ppid, ...
        fields = stat[stat.rfind(")") + 2:].split()
        if len(fields) > 1 and int(fields[1]) == pid:
            children.append(int(entry))
    return children


def process_memory(pid):
    """(Pss, Rss) in KiB of one process from /proc/<pid>/smaps_rollup (Linux 4.14+; else summed over
    /proc/<pid>/smaps), or None when it is gone."""
    for name in ("smaps_rollup", "smaps"):
        try:
            with open(os.path.join(PROC, str(pid), name)) as file:
                return parse_smaps(file)
        except FileNotFoundError:
            if not os.path.exists(os.path.join(PROC, str(pid))):
                return None
        except ProcessLookupError:
            return None
    return None


def parse_smaps(lines):
    """Sums the "Pss:" and "Rss:" lines (in kB) of smaps or smaps_rollup text."""
    pss = rss = 0
    for line in lines:
        if line.startswith("Pss:"):
            pss += int(line.split()[1])
        elif line.startswith("Rss:"):
            rss += int(line.split()[1])
    return pss, rss
