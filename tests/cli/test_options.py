"""-p before or after the subcommand, finding edition.toml from a subfolder, exit codes 0/1/2/3."""

from __future__ import annotations

import subprocess
import sys

from tests.conftest import run_cli


def test_project_before_the_subcommand(project, tmp_path_factory, monkeypatch):
    monkeypatch.chdir(tmp_path_factory.mktemp("elsewhere"))
    result = run_cli("-p", str(project), "check")
    assert result.exit_code == 0, result.output
    assert "0 errors" in result.output


def test_project_after_the_subcommand_wins(project, tmp_path_factory, monkeypatch):
    elsewhere = tmp_path_factory.mktemp("elsewhere")
    monkeypatch.chdir(elsewhere)
    assert run_cli("check", "--project", str(project / "edition.toml")).exit_code == 0
    result = run_cli("-p", str(project), "check", "-p", str(elsewhere))
    assert result.exit_code == 1
    assert f"no edition.toml at {elsewhere}" in result.output and "[config.not-found]" in result.output


def test_project_option_on_a_nested_group(project, tmp_path_factory, monkeypatch):
    monkeypatch.chdir(tmp_path_factory.mktemp("elsewhere"))
    for args in (("apparatus", "-p", str(project), "list"), ("apparatus", "list", "-p", str(project))):
        result = run_cli(*args)
        assert result.exit_code == 0, result.output
        assert result.stdout.splitlines()[0].strip().startswith("A1")


def test_discovery_from_a_subfolder(project, monkeypatch):
    monkeypatch.chdir(project / "manuscript")
    result = run_cli("apparatus", "check")
    assert result.exit_code == 0, result.output
    assert run_cli("check").exit_code == 0


def test_no_project_names_where_it_looked(tmp_path, monkeypatch):
    folder = tmp_path / "a" / "b"
    folder.mkdir(parents=True)
    monkeypatch.chdir(folder)
    result = run_cli("check")
    assert result.exit_code == 1
    assert f"no edition.toml in {folder.resolve()} or any folder above it" in result.stderr
    assert "lectio new DIR" in result.stderr and "Traceback" not in result.output


def test_usage_errors_exit_2(project):
    assert run_cli("check", "--format", "yaml").exit_code == 2
    assert run_cli("no-such-command").exit_code == 2
    assert run_cli("new").exit_code == 2  # DIRECTORY missing


def test_internal_error_exits_3_with_one_line(project, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("a bug\nsecond line")

    monkeypatch.setattr("lectio.pipeline.check", broken)
    result = run_cli("check", "--strict")
    assert result.exit_code == 3
    assert result.stderr.strip().splitlines() == [
        "internal error: RuntimeError: a bug; please report it with the output of `lectio --debug check --strict`"]
    assert "Traceback" not in result.output


def test_internal_error_traceback_with_debug(project, monkeypatch):
    monkeypatch.setattr("lectio.pipeline.check", lambda *a, **k: 1 / 0)
    for args in (("--debug", "check"), ("check", "--debug")):
        result = run_cli(*args)
        assert result.exit_code == 3
        assert "Traceback (most recent call last)" in result.stderr and "ZeroDivisionError" in result.stderr


def test_bad_input_with_debug_still_exits_1(project):
    (project / "edition.toml").write_text("[edition\n", encoding="utf-8")
    result = run_cli("--debug", "check")
    assert result.exit_code == 1
    assert "Traceback" in result.stderr and "edition.toml:1" in result.stderr


def test_check_all_writes_one_stream(project):
    result = run_cli("check", "--all")
    assert result.exit_code == 0
    assert result.stderr == ""
    lines = result.stdout.splitlines()
    assert any(": warning: " in line or ": info: " in line for line in lines)
    assert any("editor: " in line for line in lines)
    assert lines[-1].startswith("0 errors, ") and lines[-1].endswith("resolved by the editor")


def test_python_dash_m(project):
    done = subprocess.run([sys.executable, "-m", "lectio", "rules"], capture_output=True, text=True, check=False)
    assert done.returncode == 0 and "tex-single-quote" in done.stdout


def test_check_json_gives_every_config_error_as_json(project):
    import json

    text = (project / "edition.toml").read_text(encoding="utf-8")
    text = text.replace('siglum = "S"', 'siglum = "s1"').replace('trim = "6x9in"', 'trim = "6x9"')
    (project / "edition.toml").write_text(text, encoding="utf-8")
    result = run_cli("check", "--format", "json")
    assert result.exit_code == 1
    found = json.loads(result.stdout)
    assert [(f["code"], f["file"], f["message"].split(" ")[0]) for f in found] == [
        ("config.form", "edition.toml", "readings[1].siglum"), ("config.form", "edition.toml", "output.trim")]
    assert found[0]["line"] == text.splitlines().index('siglum = "s1"') + 1
