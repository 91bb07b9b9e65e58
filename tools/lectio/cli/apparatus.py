"""``lectio apparatus list|check|suggest``: the click layer over ``apparatus`` and ``suggest``."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from lectio.cli.options import FORMAT, print_findings, say, shared, with_project


@click.group("apparatus")
@shared
def command() -> None:
    """The editorial apparatus: list its entries, check its anchors, suggest new ones."""


@command.command("list")
@with_project
@FORMAT
def list_entries(project: Path, output_format: str) -> None:
    """Each entry: number, id, theme and the paragraphs of its passages (B 7 / C 23)."""
    from lectio.apparatus import check_project, passage_refs

    checked = check_project(project, citations_too=False)
    rows = [(f"A{n}", e.id, e.theme, passage_refs(e, checked.readings)) for n, e in enumerate(checked.entries, 1)]
    if output_format == "json":
        click.echo(json.dumps([dict(zip(("number", "id", "theme", "passages"), row)) for row in rows],
                              ensure_ascii=False, indent=2))
    else:
        width = max((len(row[1]) for row in rows), default=0)
        for number, entry_id, theme, refs in rows:
            click.echo(f"{number:>4}  {entry_id:<{width}}  {refs:<14}  {theme}")
    if checked.errors:
        click.echo(f"{len(checked.errors)} error(s): run lectio apparatus check", err=True)
        sys.exit(1)


@command.command()
@with_project
@FORMAT
def check(project: Path, output_format: str) -> None:
    """Anchor every passage, check ids, links and citation keys; exit 1 on errors."""
    from lectio.apparatus import check_project

    checked = check_project(project)
    print_findings(checked.findings, output_format)
    if output_format == "text":
        say(checked.summary(), err=True)
    if checked.errors:
        sys.exit(1)


@command.command()
@with_project
@click.option("--top", default=15, show_default=True, type=click.IntRange(1, 500), help="How many pairs.")
@click.option("--all", "include_covered", is_flag=True, help="Also pairs that an entry already contrasts.")
@FORMAT
def suggest(project: Path, top: int, include_covered: bool, output_format: str) -> None:
    """Propose pairs of passages (from any two readings) that may deserve an entry. Writes nothing;
    runs before the apparatus file exists."""
    from lectio.apparatus.suggest import format_candidates, project_readings, suggest as propose

    readings, entries = project_readings(project)
    candidates = propose(readings, entries, top=top, include_covered=include_covered)
    if output_format == "json":
        click.echo(json.dumps([c.to_dict() for c in candidates], ensure_ascii=False, indent=2))
    else:
        for line in format_candidates(candidates):
            click.echo(line)
