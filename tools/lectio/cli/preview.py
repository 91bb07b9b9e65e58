"""``lectio preview``: the edition as HTML on 127.0.0.1, rebuilt and reloaded on every save."""

from __future__ import annotations

import errno
import threading
from pathlib import Path

import click

from lectio.cli.options import with_project

DEFAULT_PORT = 8000


@click.command("preview")
@with_project
@click.option("--port", type=click.IntRange(0, 65535), default=DEFAULT_PORT, show_default=True,
              help="Port on 127.0.0.1; 0 takes any free port.")
@click.option("--open/--no-open", "open_browser", default=True, show_default=True,
              help="Open the index page in the web browser.")
def command(project: Path, port: int, open_browser: bool) -> None:
    """Serve the edition's EPUB pages on http://127.0.0.1:PORT/, rebuilt on every saved change of its
    files, with check's findings at the top of each page. Writes nothing into the project; Ctrl-C stops."""
    from lectio.preview import Preview

    preview = Preview(project, port, report=_report)
    try:
        _bind(preview, project, port)
        click.echo(f"building the preview of {project} for {preview.url}", err=True)
        preview.start()
        click.echo(f"serving {preview.state.site.title} at {preview.url} (Ctrl-C stops)", err=True)
        if open_browser:
            import webbrowser

            webbrowser.open(preview.url)
        threading.Event().wait()
    except KeyboardInterrupt:  # also during the first build
        click.echo("stopping", err=True)
    finally:
        preview.stop()


def _bind(preview, project: Path, port: int) -> None:
    """Take the port; one in use is ``preview.port-busy``."""
    from lectio.errors import LectioError, Location

    try:
        preview.bind()
    except OSError as error:
        if error.errno != errno.EADDRINUSE:
            raise
        raise LectioError(f"port {port} on 127.0.0.1 is in use", Location(str(project)), code="preview.port-busy",
                          fix="pass another --port, or --port 0 for any free port") from None


def _report(site, detail: str) -> None:
    if site is None:
        click.echo(detail, err=True)
        return
    errors, warnings = len(site.errors), sum(f.severity == "warning" for f in site.findings)
    state = "; showing the last good build" if site.stale else ""
    click.echo(f"build {site.version} in {detail}: {errors} error(s), {warnings} warning(s){state}", err=True)
    for finding in site.shown():
        click.echo(str(finding), err=True)
