#!/usr/bin/env bash
# Look at what lectio made: the PDF's pages as PNGs (pdftoppm), the EPUB in epub.js under headless
# Chromium in paginated and scrolled flow, and the EPUB converted by Calibre to AZW3.
#
#   bash benchmarks/screenshots.sh [PDF] [EPUB] [OUT-DIR]
#
# Needs poppler-utils (pdftoppm), Node/npm, Debian's Chromium and Calibre (ebook-convert). epub.js,
# JSZip and playwright-core are installed once into SHOTS_HOME (epub.js 0.3, the release readers embed;
# 0.4 changed its API) (no browser is downloaded: Playwright
# drives the system Chromium). The book is served from 127.0.0.1 only. Exit status: 0 when every
# step worked (every screenshot taken after rendition.display() resolved, AZW3 written and not empty).
set -euo pipefail
cd "$(dirname "$0")/.."

pdf="${1:-build/collectivization-reader.pdf}"
epub="${2:-build/collectivization-reader.epub}"
out="${3:-build/screenshots}"
home="${SHOTS_HOME:-${XDG_CACHE_HOME:-$HOME/.cache}/lectio-screenshots}"
browser="${CHROMIUM:-$(command -v chromium || command -v chromium-browser || true)}"

for f in "$pdf" "$epub"; do [ -f "$f" ] || { echo "no file at $f: run lectio build first" >&2; exit 2; }; done
[ -n "$browser" ] || { echo "Chromium not found: apt-get install chromium" >&2; exit 2; }
rm -rf "$out" && mkdir -p "$out/pdf" "$out/epub"

# 1. The PDF, every page at 60 dpi.
pdftoppm -png -r 60 "$pdf" "$out/pdf/page"
echo "PDF: $(ls "$out/pdf" | wc -l) pages in $out/pdf"

# 2. The EPUB in epub.js.
if ! grep -q '"version": "0\.3' "$home/node_modules/epubjs/package.json" 2>/dev/null || [ ! -d "$home/node_modules/playwright-core" ]; then
  mkdir -p "$home"
  PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm install --prefix "$home" --no-audit --no-fund epubjs@0.3 jszip playwright-core >&2
fi
serve="$(mktemp -d)"
trap 'kill "$server" 2>/dev/null || true; rm -rf "$serve"' EXIT
cp "$home/node_modules/epubjs/dist/epub.min.js" "$home/node_modules/jszip/dist/jszip.min.js" "$serve/"
cp "$epub" "$serve/book.epub"
cat > "$serve/index.html" <<'HTML'
<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>epub.js</title>
<style>html, body { margin: 0; height: 100%; } #viewer { width: 100%; height: 100%; }</style>
<script src="jszip.min.js"></script><script src="epub.min.js"></script></head>
<body><div id="viewer"></div>
<script>
const flow = new URLSearchParams(location.search).get("flow") || "paginated";
const book = ePub("book.epub", { openAs: "epub" });
const rendition = book.renderTo("viewer", { width: "100%", height: "100%", flow, spread: "none",
                                            manager: flow === "paginated" ? "default" : "continuous" });
window.show = async (target) => {
  const where = typeof target === "number" ? book.spine.get(target).href
    : book.spine.spineItems.find((s) => s.href.includes("ch003")).href + target;
  await rendition.display(where);
  // the frame of the section shown: a frame of height 0 is the "sliver" a viewport-sized page gets
  const view = rendition.manager.views.all().find((v) => where.startsWith(v.section.href));
  const height = view && view.iframe ? view.iframe.offsetHeight : -1;
  return { where, height };
};
book.ready.then(() => rendition.display()).then(() => { window.bookReady = true; })
  .catch((e) => { window.bookError = String(e); });
</script></body></html>
HTML
port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
python3 -m http.server "$port" --bind 127.0.0.1 --directory "$serve" >/dev/null 2>&1 &
server=$!
sleep 1
cp benchmarks/screenshots.mjs "$home/screenshots.mjs"  # resolves playwright-core from SHOTS_HOME
node "$home/screenshots.mjs" "http://127.0.0.1:$port/index.html" "$(realpath "$out/epub")" "$browser"

# 3. Calibre: the EPUB to AZW3 (what Kindle users get from a converted file).
azw3="$out/$(basename "${epub%.epub}").azw3"
ebook-convert "$epub" "$azw3" >"$out/calibre.log" 2>&1 || { echo "ebook-convert failed: see $out/calibre.log" >&2; exit 1; }
size=$(stat -c %s "$azw3")
[ "$size" -gt 0 ] || { echo "ebook-convert wrote an empty $azw3" >&2; exit 1; }
echo "Calibre: $azw3, $size bytes (exit 0)"
