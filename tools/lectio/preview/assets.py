"""The preview's own script and stylesheet, served under ``/_lectio/``.

The script listens to ``/_lectio/events`` (server-sent events: one event with the
site's version when a client connects, then one per rebuild) and reloads the page
when the version is not the one the page was served with. It is a file of its own,
not inline, so the pages' Content-Security-Policy can refuse every inline script.
"""

PREFIX = "/_lectio/"

RELOAD_JS = """\
(function () {
  var served = document.documentElement.getAttribute("data-lectio-version");
  var events = new EventSource("/_lectio/events");
  events.onmessage = function (event) {
    if (event.data !== served) {
      events.close();
      window.location.reload();
    }
  };
})();
"""

PREVIEW_CSS = """\
.lectio-bar { font: 13px/1.4 system-ui, sans-serif; background: #f3f1ec; color: #222;
  border-bottom: 1px solid #ccc; padding: 0.4em 0.8em; margin: 0 0 1em; }
.lectio-bar a { margin-right: 1em; }
.lectio-bar .lectio-status { float: right; color: #555; }
.lectio-findings { font: 13px/1.4 system-ui, sans-serif; margin: 0 0 1em; padding: 0.4em 0.8em;
  border: 1px solid #d9a400; background: #fff8e1; color: #222; }
.lectio-findings.lectio-has-errors { border-color: #b00020; background: #fdecee; }
.lectio-findings ol { margin: 0.3em 0 0; padding-left: 1.4em; }
.lectio-findings li { margin: 0 0 0.4em; }
.lectio-finding-error .lectio-severity { color: #b00020; font-weight: bold; }
.lectio-finding-warning .lectio-severity { color: #8a6100; font-weight: bold; }
.lectio-where, .lectio-code { font-family: ui-monospace, monospace; }
.lectio-fix { display: block; color: #444; }
.lectio-stale { font-weight: bold; }
"""
