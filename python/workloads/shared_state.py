"""Does a worker share the main side's variables? Main sets a module-level variable to 0, one worker sets it to 1,
and main looks after joining it: a thread changes main's variable, a process changes its own copy.

details {"main_saw_worker_mutation": bool}; checksum 0.
"""

from .common import Result, join_all

NAME = "shared_state"
FAMILIES = ("threads", "processes")
WORKERS = 1

value = 0


def set_value(_shared):
    global value
    value = 1


def run(model, job):
    global value
    value = 0
    join_all(model, set_value, [()])
    return Result(0, {"main_saw_worker_mutation": value == 1})
