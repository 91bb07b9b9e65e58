"""Rebuild on every saved change: watchfiles on the folders of the edition's inputs.

The folders that hold the inputs (:mod:`lectio.preview.inputs`) are watched one level deep,
and only a change to an input counts (an editor's backup or swap file beside it does not).
watchfiles groups a burst of changes (one save is often several events) and yields once
the files have been quiet for ``step`` milliseconds, at most ``debounce`` after the first.
A build whose inputs differ (edition.toml names a new file) restarts the watch on them.
"""

from __future__ import annotations

import threading
import time

from lectio.preview import inputs, site as site_stage
from lectio.preview.server import State

DEBOUNCE_MS = 400
STEP_MS = 50
RESCAN_MS = 1000  # also compare the inputs' digests this often (a change made before the watch began)


class Watcher(threading.Thread):
    """Watches, rebuilds and publishes until :meth:`stop`."""

    def __init__(self, project, state: State, report=lambda site, detail: None):
        super().__init__(name="lectio-preview-watch", daemon=True)
        self.project, self.state, self.report = project, state, report
        self._halt = threading.Event()

    def stop(self) -> None:
        self._halt.set()

    def run(self) -> None:
        while not self._halt.is_set():
            try:
                self._watch(self.state.site.inputs)
            except (OSError, RuntimeError) as error:  # a watched folder removed: watch again in a moment
                self.report_error(error)
                self._halt.wait(1.0)

    def report_error(self, error: Exception) -> None:
        self.report(None, f"watching stopped for a moment: {error}")

    def _watch(self, watched) -> None:
        import watchfiles

        changes = watchfiles.watch(*watched.folders, watch_filter=lambda _change, path: watched.wants(path),
                                   debounce=DEBOUNCE_MS, step=STEP_MS, stop_event=self._halt, recursive=False,
                                   raise_interrupt=False, rust_timeout=RESCAN_MS, yield_on_timeout=True)
        for found in changes:  # a set of changes, or none after RESCAN_MS
            unchanged = inputs.digests(watched.files) == self.state.site.digests
            if unchanged and not (found and watched.whole_folders):  # a new file edition.toml may name
                continue
            self.rebuild()
            if self.state.site.inputs != watched:
                return

    def rebuild(self) -> None:
        started = time.perf_counter()
        site = site_stage.build(self.project, self.state.site)
        self.state.publish(site)
        self.report(site, f"{time.perf_counter() - started:.1f} s")
