"""The preview's HTTP server: 127.0.0.1 only, the pages of the current :class:`Site` from memory.

Routes: ``/`` the index page (contents, findings); ``/EPUB/…`` a member of the EPUB made in
memory (its XHTML pages decorated by :mod:`lectio.preview.pages`); ``/print.pdf`` the print
layout, made when asked (:mod:`lectio.preview.printview`); ``/_lectio/version`` the
build's version and counts as JSON; ``/_lectio/events`` server-sent events, one per build;
``/_lectio/reload.js`` and ``/_lectio/preview.css``. Anything else is a 404: a path is
looked up among the members' names, never on the file system, so ``/../../etc/passwd``
names nothing. A request whose ``Host`` is not this server (a DNS-rebinding page) is refused.
"""

from __future__ import annotations

import json
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import unquote, urlsplit

from lectio.errors import LectioError
from lectio.preview import pages, printview
from lectio.preview.assets import PREFIX, PREVIEW_CSS, RELOAD_JS
from lectio.preview.site import Site

HOST = "127.0.0.1"
KEEP_ALIVE = 15.0  # seconds between comments on an idle event stream
UTF8 = "; charset=utf-8"
TYPES = {"xhtml": "application/xhtml+xml" + UTF8, "css": "text/css" + UTF8, "otf": "font/otf", "ttf": "font/ttf",
         "woff": "font/woff", "woff2": "font/woff2", "png": "image/png", "jpg": "image/jpeg", "jpeg": "image/jpeg",
         "gif": "image/gif", "svg": "image/svg+xml", "ncx": "application/x-dtbncx+xml",
         "opf": "application/oebps-package+xml", "js": "text/javascript" + UTF8, "json": "application/json",
         "txt": "text/plain" + UTF8}
POLICY = ("default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
          "font-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'none'")


class State:
    """The current site, replaced whole at each build; readers wait here for the next one."""

    def __init__(self, site: Site):
        self._site = site
        self._changed = threading.Condition()
        self.closed = False

    @property
    def site(self) -> Site:
        return self._site

    def publish(self, site: Site) -> None:
        with self._changed:
            self._site = site
            self._changed.notify_all()

    def wait_newer(self, version: int, timeout: float) -> Site:
        with self._changed:
            self._changed.wait_for(lambda: self._site.version != version or self.closed, timeout)
            return self._site

    def close(self) -> None:
        with self._changed:
            self.closed = True
            self._changed.notify_all()


class PreviewServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, state: State, port: int = 0):
        self.state = state
        self.printer = printview.Printer()
        super().__init__((HOST, port), Handler)

    @property
    def url(self) -> str:
        return f"http://{HOST}:{self.server_address[1]}/"

    def handle_error(self, request, client_address) -> None:
        """A browser that leaves in the middle of a response (a reload) is no error; anything else is."""
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)

    def hosts(self) -> set[str]:
        port = self.server_address[1]
        return {f"{HOST}:{port}", f"localhost:{port}"}


class Handler(BaseHTTPRequestHandler):
    server: PreviewServer

    def log_message(self, format, *args) -> None:  # noqa: A002 (the base class's name)
        """Quiet: the command reports builds, not requests."""

    def do_GET(self) -> None:  # noqa: N802 (http.server's name)
        host = self.headers.get("Host")
        if host is not None and host not in self.server.hosts():
            return self._send(403, b"not this server\n", TYPES["txt"])
        path = unquote(urlsplit(self.path).path)
        site = self.server.state.site
        if path in ("/", "/index.html"):
            return self._send(200, pages.index_page(site), TYPES["xhtml"])
        if path.startswith(PREFIX):
            return self._own(path[len(PREFIX):], site)
        if path == printview.ROUTE:
            return self._print(site)
        name = path[1:]
        if name.startswith("EPUB/") and name in site.members:
            return self._member(site, name)
        return self._not_found()

    def _member(self, site: Site, name: str) -> None:
        data = site.members[name]
        suffix = name.rsplit(".", 1)[-1].lower()
        if suffix == "xhtml":
            data = pages.decorate(site, name, data)
        self._send(200, data, TYPES.get(suffix, "application/octet-stream"))

    def _print(self, site: Site) -> None:
        """The print layout of the last good build, made now if it was not yet (``printview``)."""
        try:
            data = self.server.printer.pdf(site)
        except LectioError as error:
            return self._send(500, f"the print layout failed:\n{error}\n".encode(), TYPES["txt"])
        if data is None:
            return self._send(404, b"no build without errors yet\n", TYPES["txt"])
        self._send(200, data, "application/pdf", policy=False)  # Chromium's PDF viewer runs under no page policy

    def _own(self, name: str, site: Site) -> None:
        if name == "events":
            return self._events(site)
        if name == "version":
            status = {"version": site.version, "errors": len(site.errors), "stale": site.stale,
                      "warnings": sum(f.severity == "warning" for f in site.findings), "seconds": site.seconds}
            return self._send(200, json.dumps(status).encode(), TYPES["json"])
        if name == "reload.js":
            return self._send(200, RELOAD_JS.encode(), TYPES["js"])
        if name == "preview.css":
            return self._send(200, PREVIEW_CSS.encode(), TYPES["css"])
        return self._not_found()

    def _not_found(self) -> None:
        self._send(404, b"not found\n", TYPES["txt"])

    def _send(self, status: int, data: bytes, kind: str, policy: bool = True) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(data)))
        self._common_headers(policy)
        self.end_headers()
        self.wfile.write(data)

    def _common_headers(self, policy: bool = True) -> None:
        self.send_header("Cache-Control", "no-store")
        self.send_header("X-Content-Type-Options", "nosniff")
        if policy:
            self.send_header("Content-Security-Policy", POLICY)

    def _events(self, site: Site) -> None:
        """The site's version now, then at each build, until the client leaves or the server stops."""
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self._common_headers()
        self.end_headers()
        state, sent = self.server.state, None
        try:
            while not state.closed:
                message = f"retry: 1000\ndata: {site.version}\n\n" if site.version != sent else ": idle\n\n"
                self.wfile.write(message.encode())
                self.wfile.flush()
                sent = site.version
                site = state.wait_newer(sent, KEEP_ALIVE)
        except ConnectionError:  # the page went away (a reload)
            return
