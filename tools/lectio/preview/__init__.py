"""``lectio preview``: the edition as HTML on 127.0.0.1, rebuilt on every saved change.

:class:`Preview` builds the site once (:mod:`site`: ``pipeline.check`` and the EPUB writer,
in memory), serves it (:mod:`server`), and rebuilds it whenever an input changes
(:mod:`watch`); open pages reload through server-sent events. See docs/preview.md.
"""

from __future__ import annotations

import threading
from pathlib import Path

from lectio.preview import inputs, site as site_stage
from lectio.preview.server import PreviewServer, State
from lectio.preview.watch import Watcher


class Preview:
    """The server and the watcher, as one thing to start and stop (also a context manager).

    ``report(site, detail)`` is called after each build (``site`` is None for a message alone).
    """

    def __init__(self, project: Path | str, port: int = 0, report=lambda site, detail: None):
        self.project, self.port, self.report = Path(project), port, report
        self.state: State | None = None
        self.server: PreviewServer | None = None
        self.watcher: Watcher | None = None
        self._serving: threading.Thread | None = None

    def bind(self) -> "Preview":
        """Take the port (OSError when it is in use); nothing is served until :meth:`start`."""
        if self.server is None:
            self.state = State(site_stage.Site(0, "", inputs.Inputs(frozenset())))
            self.server = PreviewServer(self.state, self.port)
        return self

    def start(self) -> "Preview":
        """Take the port if not yet done, build once, then serve and watch."""
        self.bind()
        first = site_stage.build(self.project)
        self.report(first, f"{first.seconds:.1f} s")
        self.state.publish(first)
        self._serving = threading.Thread(target=self.server.serve_forever, name="lectio-preview-http", daemon=True)
        self._serving.start()
        self.watcher = Watcher(self.project, self.state, self.report)
        self.watcher.start()
        return self

    @property
    def url(self) -> str:
        return self.server.url

    def stop(self) -> None:
        """Stop watching, end the event streams, close the socket; waits for the threads."""
        if self.watcher is not None:
            self.watcher.stop()
        if self.state is not None:
            self.state.close()
        if self._serving is not None:  # shutdown() waits for serve_forever: only once it was started
            self.server.shutdown()
        if self.server is not None:
            self.server.server_close()
        for thread in (self.watcher, self._serving):
            if thread is not None:
                thread.join(timeout=5)

    def __enter__(self) -> "Preview":
        return self.start()

    def __exit__(self, *_exc) -> None:
        self.stop()
