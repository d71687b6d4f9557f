#!/usr/bin/env python3
"""CPU seconds (user+sys) of compiling the files of a CMake build one at a time.

usage: scripts/compile_cpu.py BUILD_DIR SUBSTRING [EXTRA_FLAG...]
Runs the compile command from BUILD_DIR/compile_commands.json of every file whose path contains
SUBSTRING, with EXTRA_FLAGs appended (e.g. -g1, -fsyntax-only), and prints each file's CPU time
and the total. CPU time, not wall time: on a shared, loaded machine it is what stays comparable.
The objects go to a temporary file, so BUILD_DIR is left as it was.
"""
import json
import re
import resource
import subprocess
import sys
import tempfile


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    build_dir, substring, extra = sys.argv[1], sys.argv[2], sys.argv[3:]
    with open(build_dir + "/compile_commands.json") as f:
        commands = json.load(f)
    total = 0.0
    with tempfile.TemporaryDirectory() as tmp:
        for entry in commands:
            if substring not in entry["file"]:
                continue
            cmd = re.sub(r" -o \S+", f" -o {tmp}/out.o", entry["command"]) + "".join(
                " " + x for x in extra)
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            subprocess.run(cmd, shell=True, cwd=entry["directory"], check=True)
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            secs = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
            total += secs
            print(f"{secs:7.1f} {entry['file']}", flush=True)
    print(f"{total:7.1f} total")


if __name__ == "__main__":
    main()
