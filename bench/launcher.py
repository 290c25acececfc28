"""`python bench/launcher.py RESULT.json CMD ARGS…`: run CMD; write its wall time, CPU time and peak memory."""

# The figures are the operating system's accounting of the finished child (os.wait4): user and
# system CPU seconds, peak resident memory (KiB), and the wall time from fork to exit measured
# with time.perf_counter. Linux keeps a process's peak RSS across fork and exec, so a child forked
# straight from the benchmark (which holds large request logs) would report the benchmark's memory;
# this small launcher is the parent instead (its own ~10 MiB is the floor of the memory figure).
# Exit code is CMD's.

from __future__ import annotations

import json
import os
import sys
import time


def main() -> int:
    result_file, argv = sys.argv[1], sys.argv[2:]
    started = time.perf_counter()
    pid = os.fork()
    if pid == 0:
        try:
            os.execvp(argv[0], argv)
        finally:
            os._exit(127)
    _, status, usage = os.wait4(pid, 0)
    wall = time.perf_counter() - started
    figures = {"wall_s": wall, "user_s": usage.ru_utime, "sys_s": usage.ru_stime, "maxrss_kib": usage.ru_maxrss}
    with open(result_file, "w") as out:
        json.dump(figures, out)
    return os.waitstatus_to_exitcode(status)


if __name__ == "__main__":
    sys.exit(main())
