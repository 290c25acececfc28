"""`python bench/maxrss.py RESULT_FILE CMD ARGS…`: run CMD, write its own peak resident memory (KiB) to RESULT_FILE.

Linux keeps a process's peak RSS across fork and exec, so a child forked straight from the benchmark
(which holds large request logs) would report the benchmark's memory, not the connector's. This small
launcher is the connector's parent instead: its peak RSS (about 10 MiB) is the floor of the measurement.
Exit code is CMD's.
"""

import os
import sys

result_file, argv = sys.argv[1], sys.argv[2:]
pid = os.fork()
if pid == 0:
    try:
        os.execvp(argv[0], argv)
    finally:
        os._exit(127)
_, status, usage = os.wait4(pid, 0)
with open(result_file, "w") as out:
    out.write(str(usage.ru_maxrss))
sys.exit(os.waitstatus_to_exitcode(status))
