"""Runs a student's Python file for a lab check: loads it, then calls the functions the harness asks for.

The Java harness starts this file as a child process and talks to it in JSON lines:
  this side:    {"ready": true}                            once the student's file is loaded
                {"error": "...", "where": "gil.py:12"}      when it cannot be (a syntax error, an exception), then exit 1
  the harness:  {"call": "with_threads", "args": {...}}     one call; args are keyword arguments; a "seed" beside
                                                            them restarts labkit.tick()'s streams, not an argument
  this side:    {"result": 123}  or  {"error": ..., "where": ...}
The harness times each call itself, from writing its line to reading the answer, and reads the CPU time of this
process and its reaped children from /proc: nothing measured here is trusted. The harness closes stdin to end it.

What the student's code prints goes to stderr: file descriptor 1 is the protocol's alone, duplicated before the
student's file is loaded and replaced by stderr for everything else.
"""

import importlib.util
import json
import os
import resource
import sys
import traceback

_HERE = os.path.dirname(os.path.abspath(__file__))
if _HERE not in sys.path:
    sys.path.insert(0, _HERE)

import labkit  # noqa: E402  (from this folder, before the student's folder is on the path)

USAGE = "usage: lab_driver.py STUDENT_FILE.py [MEMORY_LIMIT_MIB]"


def where(error, student_file):
    """'file.py:line' of the deepest frame of the student's file in the error, else of the error itself."""
    name = os.path.basename(student_file)
    if isinstance(error, SyntaxError) and error.filename and os.path.basename(error.filename) == name:
        return "%s:%s" % (name, error.lineno)
    line = None
    for frame in traceback.extract_tb(error.__traceback__):
        if os.path.abspath(frame.filename) == os.path.abspath(student_file):
            line = frame.lineno
    return "%s:%s" % (name, line) if line is not None else name


def describe(error):
    text = str(error).strip().splitlines()
    return type(error).__name__ + (": " + text[0] if text else "")


def main(argv):
    if len(argv) not in (2, 3) or not argv[1].endswith(".py"):
        sys.stderr.write(USAGE + "\n")
        return 2
    student_file = os.path.abspath(argv[1])
    if len(argv) == 3:
        limit = int(argv[2]) * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    protocol = os.fdopen(os.dup(1), "w", buffering=1)
    os.dup2(2, 1)
    sys.stdout = sys.stderr

    def answer(message):
        protocol.write(json.dumps(message) + "\n")
        protocol.flush()

    # The student's folder is importable, so that spawn and forkserver workers find their module by name.
    folder = os.path.dirname(student_file)
    sys.path.insert(0, folder)
    name = os.path.splitext(os.path.basename(student_file))[0]
    try:
        spec = importlib.util.spec_from_file_location(name, student_file)
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        spec.loader.exec_module(module)
    except BaseException as error:  # noqa: B902 (the student's file may raise anything, SystemExit included)
        answer({"error": describe(error), "where": where(error, student_file)})
        return 1
    answer({"ready": True})
    for line in sys.stdin:
        request = json.loads(line)
        function = getattr(module, request["call"], None)
        if not callable(function):
            answer({"error": "there is no function %s() in it" % request["call"], "where": os.path.basename(student_file)})
            continue
        if "seed" in request:
            labkit.reset(request["seed"])
        try:
            result = function(**request["args"])
        except BaseException as error:  # noqa: B902
            answer({"error": describe(error), "where": where(error, student_file)})
            continue
        if isinstance(result, bool) or not isinstance(result, int):
            answer({"error": "%s() returned %r, not a whole number" % (request["call"], result)[:300],
                    "where": os.path.basename(student_file)})
            continue
        answer({"result": result})
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
