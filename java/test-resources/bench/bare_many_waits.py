"""A bare program of many_waits' work, for the sweep's benchmark: N threads, each started, held on a gate, then one
sleep of 100 ms. Prints {"startup_s", "waits_s", "pss_kib_per_task"} as JSON. Usage: bare_many_waits.py N"""
import json
import os
import sys
import threading
import time


def pss_kib():
    with open("/proc/self/smaps_rollup") as f:
        return sum(int(line.split()[1]) for line in f if line.startswith("Pss:"))


def main():
    n = int(sys.argv[1])
    read_end, write_end = os.pipe()
    ready = threading.Semaphore(0)

    def task():
        ready.release()
        os.read(read_end, 1)  # the gate: returns at EOF, for every reader at once
        time.sleep(0.1)

    before = pss_kib()
    t0 = time.perf_counter()
    threads = [threading.Thread(target=task) for _ in range(n)]
    for t in threads:
        t.start()
    for _ in range(n):
        ready.acquire()
    t1 = time.perf_counter()
    during = pss_kib()
    t2 = time.perf_counter()
    os.close(write_end)
    for t in threads:
        t.join()
    t3 = time.perf_counter()
    print(json.dumps({"startup_s": t1 - t0, "waits_s": t3 - t2, "pss_kib_per_task": (during - before) / n}))


main()
