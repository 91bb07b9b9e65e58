"""``lectio verify``: EPUBCheck, a PDF preflight and the fidelity check on what was built."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from lectio.cli.options import FORMAT, print_findings, say, with_project
from lectio.errors import ERROR


@click.command("verify")
@with_project
@FORMAT
@click.option("--tei-schema", is_flag=True, help="Also validate the TEI file against TEI P5 tei_all "
              "(about six seconds more).")
def command(project: Path, output_format: str, tei_schema: bool) -> None:
    """Check the built PDF, EPUB and TEI: EPUBCheck, fonts, page boxes, every word of the sources,
    the TEI file's pointers."""
    from lectio import build as builder

    findings, report = builder.verify_outputs(project, tei_schema=tei_schema)
    if output_format == "json":
        click.echo(json.dumps({"report": report, "findings": [f.to_dict() for f in findings]}, indent=2))
    else:
        for line in builder.report_lines(report):
            say(line)
        print_findings(findings, "text")
    if any(f.severity == ERROR for f in findings):
        sys.exit(1)
