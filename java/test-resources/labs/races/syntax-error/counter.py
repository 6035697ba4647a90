"""A submission with a syntax error on line 9; its Counter.java is fine and must still be graded."""

import threading

counter = 0
lock = threading.Lock()


def safe_count(workers, increments:
    return 0
