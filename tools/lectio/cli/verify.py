"""``lectio verify``: EPUBCheck, a PDF preflight and the fidelity check on what was built."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from lectio.cli.options import FORMAT, print_findings, with_project
from lectio.errors import ERROR


@click.command("verify")
@with_project
@FORMAT
def command(project: Path, output_format: str) -> None:
    """Check the built PDF and EPUB: EPUBCheck, fonts, page boxes, every word of the sources."""
    from lectio import build as builder

    findings, report = builder.verify_outputs(project)
    if output_format == "json":
        click.echo(json.dumps({"report": report, "findings": [f.to_dict() for f in findings]}, indent=2))
    else:
        for line in builder.report_lines(report):
            click.echo(line)
        print_findings(findings, "text")
    if any(f.severity == ERROR for f in findings):
        sys.exit(1)
