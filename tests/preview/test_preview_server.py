"""The preview's server without a browser: what it refuses, its headers, its event stream."""

from __future__ import annotations

import http.client
import socket
import time

import pytest

from tests.preview.browser import WAIT

TRAVERSALS = ["/../../etc/passwd", "/EPUB/../../../etc/passwd", "/EPUB/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
              "/EPUB/text/..%2f..%2f..%2fedition.toml", "/edition.toml", "/texts/hobbes-leviathan-13.txt",
              "/EPUB/../apparatus.toml", "//etc/passwd", "/EPUB/", "/EPUB/text/", "/_lectio/../edition.toml",
              "/mimetype", "/META-INF/container.xml"]


def request(preview, path: str, host: str | None = None) -> tuple[int, dict, bytes]:
    """``path`` sent as it is (no client-side normalization)."""
    port = preview.server.server_address[1]
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    connection.putrequest("GET", path, skip_host=True)
    connection.putheader("Host", host or f"127.0.0.1:{port}")
    connection.endheaders()
    response = connection.getresponse()
    status, headers, body = response.status, dict(response.getheaders()), response.read()
    connection.close()
    return status, headers, body


def test_the_server_listens_on_the_loopback_address_only(served):
    assert served.server.server_address[0] == "127.0.0.1"
    assert served.url.startswith("http://127.0.0.1:")


@pytest.mark.parametrize("path", TRAVERSALS)
def test_paths_out_of_the_served_pages_are_not_found(served, path):
    status, _, body = request(served, path)
    assert status == 404, path
    assert body == b"not found\n"


def test_the_pages_are_served_with_their_types_and_a_policy_against_scripts(served):
    status, headers, body = request(served, "/EPUB/text/ch001.xhtml")
    assert status == 200 and headers["Content-Type"] == "application/xhtml+xml; charset=utf-8"
    assert "script-src 'self'" in headers["Content-Security-Policy"] and "unsafe-inline" not in \
        headers["Content-Security-Policy"].split("script-src")[1].split(";")[0]
    assert headers["Cache-Control"] == "no-store" and b'data-lectio-version="1"' in body
    assert request(served, "/EPUB/styles/stylesheet1.css")[1]["Content-Type"] == "text/css; charset=utf-8"
    assert request(served, "/_lectio/reload.js")[2].count(b"EventSource") == 1


def test_a_request_for_another_host_is_refused(served):
    port = served.server.server_address[1]
    assert request(served, "/", host=f"attacker.example:{port}")[0] == 403
    assert request(served, "/", host=f"localhost:{port}")[0] == 200


def events(live):
    """The lines of ``/_lectio/events`` as they come."""
    port = live.server.server_address[1]
    stream = socket.create_connection(("127.0.0.1", port), timeout=WAIT)
    stream.sendall(f"GET /_lectio/events HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n\r\n".encode())
    lines = stream.makefile("rb")
    try:
        for line in lines:
            yield line.decode().rstrip("\r\n")
    finally:
        lines.close()
        stream.close()


def test_the_event_stream_sends_the_version_at_once_and_again_after_a_save(live, example):
    stream = events(live)
    assert next(stream) == "HTTP/1.0 200 OK"
    assert "data: 1" in _until_data(stream)
    source = example / "texts" / "locke-second-treatise-2.md"
    saved = time.monotonic()
    source.write_text(source.read_text(encoding="utf-8") + "\nOne more paragraph.\n", encoding="utf-8")
    assert "data: 2" in _until_data(stream)
    assert time.monotonic() - saved < WAIT
    stream.close()


def _until_data(stream) -> list[str]:
    seen = []
    for line in stream:
        seen.append(line)
        if line.startswith("data: "):
            return seen
    return seen


def test_stopping_ends_the_event_streams_and_frees_the_port(example):
    from lectio.preview import Preview

    preview = Preview(example).start()
    stream = events(preview)
    assert "data: 1" in _until_data(stream)
    started = time.monotonic()
    preview.stop()
    assert list(stream)[-1:] in ([], [""])  # the server closed the stream
    assert time.monotonic() - started < 10
    with socket.socket() as again:  # as a new preview would take it (SO_REUSEADDR, like http.server)
        again.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        again.bind(("127.0.0.1", preview.server.server_address[1]))


def test_a_save_that_changes_no_byte_rebuilds_nothing(live, example):
    from tests.preview.browser import Client

    client = Client(live, example.parent)
    source = example / "texts" / "rousseau-contrat-1.txt"
    source.write_bytes(source.read_bytes())
    time.sleep(3)  # the watch's debounce and its rescan are well under this
    assert client.status()["version"] == 1
    source.write_bytes(source.read_bytes() + b"\n")
    assert client.wait_rebuild(1)["version"] == 2


def test_the_print_layout_is_made_when_asked_once_per_build_and_never_in_the_project(served):
    import pypdfium2

    assert served.server.printer.layouts == 0  # the pages alone lay nothing out
    status, headers, pdf = request(served, "/print.pdf")
    assert status == 200 and headers["Content-Type"] == "application/pdf" and pdf.startswith(b"%PDF-")
    document = pypdfium2.PdfDocument(pdf)
    text = " ".join(" ".join(page.get_textpage().get_text_range().split()) for page in document)
    assert "The State of Nature" in text and "Second Treatise" in text
    assert request(served, "/print.pdf")[2] == pdf and served.server.printer.layouts == 1
    assert not (served.project / "build").exists()
