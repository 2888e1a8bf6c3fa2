#!/usr/bin/env python3
"""Samples the CPU time of every thread of the given processes (the settlement benchmark's JVM and
its Cassandra node) from /proc every INTERVAL seconds until they have all exited, one line per
thread and sample: "epoch_ms pid tid ticks name" (ticks = utime + stime, 100 per second).

    load-tests/profiles/thread_cpu.py OUT PID...   (INTERVAL in the environment, default 1)
"""
import os
import sys
import time


def main():
    out, pids = sys.argv[1], sys.argv[2:]
    interval = float(os.environ.get("INTERVAL", "1"))
    with open(out, "w") as f:
        while True:
            alive = False
            now = int(time.time() * 1000)
            for pid in pids:
                try:
                    tids = os.listdir(f"/proc/{pid}/task")
                except OSError:
                    continue
                alive = True
                for tid in tids:
                    try:
                        with open(f"/proc/{pid}/task/{tid}/stat") as s:
                            stat = s.read()
                    except OSError:
                        continue
                    name = stat[stat.index("(") + 1:stat.rindex(")")].replace(" ", "_")
                    fields = stat[stat.rindex(")") + 2:].split()
                    f.write(f"{now} {pid} {tid} {int(fields[11]) + int(fields[12])} {name}\n")
            f.flush()
            if not alive:
                return
            time.sleep(interval)


if __name__ == "__main__":
    main()
