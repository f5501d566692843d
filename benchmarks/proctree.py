"""Run a command and measure it: wall seconds, and CPU seconds of its whole process tree (sampled
every 0.2 s with psutil: pool and dask workers are grandchildren, unseen by ``RUSAGE_CHILDREN``).
The ratio of the two shows how many cores the run really had on a shared machine."""

from __future__ import annotations

import subprocess
import time
from dataclasses import dataclass
from pathlib import Path


@dataclass
class Run:
    seconds: float
    cpu: float
    returncode: int
    out: str
    err: str


def run_measured(command: list[str], cwd: Path | None = None) -> Run:
    import psutil

    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=cwd)
    root, cpu = psutil.Process(process.pid), {}
    while process.poll() is None:
        try:
            for p in [root, *root.children(recursive=True)]:
                times = p.cpu_times()
                cpu[p.pid] = times.user + times.system
        except psutil.Error:
            pass
        time.sleep(0.2)
    out, err = process.communicate()
    return Run(time.perf_counter() - start, sum(cpu.values()), process.returncode, out, err)
