"""Which start method multiprocessing uses when the program names none (Python only; no Java or JS side).

A fact of the interpreter rather than work: the details give default_start_method (multiprocessing's
get_start_method() before anyone sets one) and the methods the platform offers. On Linux it was fork through 3.13
and is forkserver from 3.14, which changes what a child inherits and how much it costs to start.
"""

import multiprocessing

from .common import Result

NAME = "start_method"
FAMILIES = ("sequential",)


def run(model, job):
    return Result(0, {
        "default_start_method": multiprocessing.get_start_method(allow_none=False),
        "start_methods": ",".join(multiprocessing.get_all_start_methods()),
    })
