"""Benchmark: build the seed edition (PDF and EPUB, no verify) and report time and memory.

Run by hand:  .venv/bin/python benchmarks/build_seed.py [--runs 3]
Targets: a full build under 60 s and under 1 GiB peak memory on a 2-core machine.
"""

from __future__ import annotations

import argparse
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGET_SECONDS = 60
TARGET_MEMORY_MB = 1024


def one_build(workdir: Path) -> float:
    for name in ("edition.toml", "manuscript", "bib"):
        source = ROOT / name
        (shutil.copytree if source.is_dir() else shutil.copy2)(source, workdir / name)
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "lectio", "build", "--no-verify", "--project", str(workdir)],
                   check=True, capture_output=True)
    return time.perf_counter() - started


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    times = []
    for _ in range(args.runs):
        with tempfile.TemporaryDirectory() as tmp:
            times.append(one_build(Path(tmp)))
    peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"seed build: median {statistics.median(times):.1f} s over {args.runs} runs "
          f"(min {min(times):.1f}, max {max(times):.1f}); peak memory {peak_mb:.0f} MB")
    ok = statistics.median(times) < TARGET_SECONDS and peak_mb < TARGET_MEMORY_MB
    print("within targets" if ok else f"OVER TARGET (time < {TARGET_SECONDS} s, memory < {TARGET_MEMORY_MB} MB)")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
