"""``lectio preview`` as a command: it serves until Ctrl-C and then exits 0; a port in use is a clear error."""

from __future__ import annotations

import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.request

from tests.preview.browser import WAIT, snapshot


def start(*args: str) -> subprocess.Popen:
    """The preview in a process of its own, with Ctrl-C's default disposition: a test run started in
    the background by a shell without job control ignores SIGINT, and Python keeps an ignored SIGINT
    ignored (no KeyboardInterrupt), as a terminal user's preview never has it."""
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    return subprocess.Popen([sys.executable, "-m", "lectio", "preview", "--no-open", *args], stderr=subprocess.PIPE,
                            stdout=subprocess.PIPE, text=True, env=env,
                            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))


def test_ctrl_c_stops_the_preview_cleanly(example):
    before = snapshot(example)
    command = start("-p", str(example), "--port", "0")
    lines = []
    deadline = time.monotonic() + WAIT
    while time.monotonic() < deadline and not any("serving" in line for line in lines):
        lines.append(command.stderr.readline())
    served = re.search(r"serving The State of Nature at (http://127\.0\.0\.1:\d+/) \(Ctrl-C stops\)", "".join(lines))
    assert served, lines
    assert lines[0].startswith("building the preview of ") and served.group(1) in lines[0]
    assert "build 1 in" in lines[1] and "0 error(s), 0 warning(s)" in lines[1]
    with urllib.request.urlopen(served.group(1) + "_lectio/version", timeout=30) as response:
        assert json.load(response)["version"] == 1
    command.send_signal(signal.SIGINT)
    _, rest = command.communicate(timeout=30)
    assert command.returncode == 0, rest
    assert "stopping" in rest and "Traceback" not in rest
    assert snapshot(example) == before


def test_a_port_in_use_is_reported_with_its_code_and_a_fix(example):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        command = start("-p", str(example), "--port", str(port))
        _, err = command.communicate(timeout=60)
    assert command.returncode == 1
    assert f"port {port} on 127.0.0.1 is in use [preview.port-busy]" in err
    assert "fix: pass another --port, or --port 0" in err
    assert "build 1" not in err  # refused before any build


def test_a_project_that_is_not_there_is_reported(tmp_path):
    command = start("-p", str(tmp_path / "nowhere"))
    _, err = command.communicate(timeout=60)
    assert command.returncode == 1 and "config.not-found" in err


def test_ctrl_c_during_the_first_build_stops_too(example):
    command = start("-p", str(example), "--port", "0")
    assert command.stderr.readline().startswith("building the preview of ")
    command.send_signal(signal.SIGINT)
    _, err = command.communicate(timeout=60)
    assert command.returncode == 0, err
    assert "stopping" in err and "Traceback" not in err and "serving" not in err
