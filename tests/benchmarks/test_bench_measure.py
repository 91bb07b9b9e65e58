"""One measured run: exit status, CPU of the whole tree, the largest process and the tree's sum."""

from __future__ import annotations

import json
import subprocess
import sys

import bench_measure as measure

HOLD = "import time; b = bytearray({mb} << 20); b[::4096] = b'x' * len(b[::4096]); time.sleep({s})"
SPIN = "import time\nt = time.process_time()\nwhile time.process_time() - t < {s}: pass\n"


def test_cpu_of_a_grandchild_is_counted_and_the_exit_status_kept(tmp_path):
    child = f"import subprocess, sys; subprocess.run([sys.executable, '-c', {SPIN.format(s=0.4)!r}]); sys.exit(3)"
    run = measure.run([sys.executable, "-c", child], tmp_path)
    assert run.code == 3
    assert run.cpu >= 0.4 and run.wall >= run.cpu * 0.5


def test_largest_process_and_tree_sum_are_told_apart(tmp_path):
    hold = HOLD.format(mb=60, s=1.0)
    two = (f"import subprocess, sys; a = subprocess.Popen([sys.executable, '-c', {hold!r}]); "
           f"b = subprocess.Popen([sys.executable, '-c', {hold!r}]); a.wait(); b.wait()")
    # measured from a small process, as bench.py is: a child counts its parent's pages until it execs
    script = (f"import json, sys; sys.path.insert(0, {str(measure.Path(measure.__file__).parent)!r}); "
              f"import bench_measure as m; print(json.dumps(m.run([sys.executable, '-c', {two!r}], "
              f"m.Path({str(tmp_path)!r}), log=m.Path({str(tmp_path / 'log')!r})).as_dict()))")
    run = json.loads(subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                                    check=True).stdout)
    assert run["code"] == 0
    assert 60 <= run["rss_mb"] < 110  # one child's 60 MB and its interpreter
    assert run["tree_mb"] >= 120  # both at once, sampled
    assert (tmp_path / "log").read_text() == ""


def test_tree_rss_of_a_process_that_is_gone_is_zero():
    assert measure.tree_rss_kb(2 ** 22 + 7) == 0
    assert measure.tree_rss_kb(measure.os.getpid()) > 1000
