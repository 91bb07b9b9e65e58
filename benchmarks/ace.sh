#!/usr/bin/env bash
# Ace by DAISY on the built EPUB: the accessibility check we run by hand (too heavy for CI).
#
#   bash benchmarks/ace.sh [EPUB] [REPORT-DIR]
#
# Needs Node/npm and Debian's Chromium (apt-get install chromium). Ace drives the
# browser through Puppeteer; Puppeteer takes the browser from PUPPETEER_EXECUTABLE_PATH,
# so nothing is downloaded (PUPPETEER_SKIP_DOWNLOAD stops the install step from
# fetching its own Chrome). Ace itself is installed once into ACE_HOME.
# Exit status: 0 when Ace finds no violation, 1 otherwise.
set -euo pipefail
cd "$(dirname "$0")/.."

epub="${1:-build/collectivization-reader.epub}"
report="${2:-build/ace-report}"
ace_home="${ACE_HOME:-${XDG_CACHE_HOME:-$HOME/.cache}/lectio-ace}"
browser="${PUPPETEER_EXECUTABLE_PATH:-$(command -v chromium || command -v chromium-browser || true)}"

[ -f "$epub" ] || { echo "no EPUB at $epub: run lectio build first" >&2; exit 2; }
[ -n "$browser" ] || { echo "Chromium not found: apt-get install chromium" >&2; exit 2; }

ace="$(command -v ace || true)"
if [ -z "$ace" ]; then
  ace="$ace_home/node_modules/.bin/ace-cli"
  if [ ! -x "$ace" ]; then
    mkdir -p "$ace_home"
    PUPPETEER_SKIP_DOWNLOAD=1 npm install --prefix "$ace_home" --no-audit --no-fund @daisy/ace-cli >&2
  fi
fi

rm -rf "$report"
PUPPETEER_EXECUTABLE_PATH="$browser" "$ace" --silent --outdir "$report" "$epub" >/dev/null 2>&1 || true
python3 - "$report/report.json" <<'EOF'
import json, sys

report = json.load(open(sys.argv[1], encoding="utf-8"))
violations = [(doc["earl:testSubject"]["url"], item["earl:test"]["dct:title"], item["earl:test"]["earl:impact"])
              for doc in report["assertions"] for item in doc.get("assertions", [])]
meta = report.get("a11y-metadata", {})
print(f"Ace {report['earl:assertedBy']['doap:release']['doap:revision']}: "
      f"{report['earl:result']['earl:outcome']}, {len(violations)} violations")
for url, rule, impact in violations:
    print(f"  {impact:9} {rule:32} {url}")
print("a11y metadata present:", ", ".join(meta.get("present", [])))
print("a11y metadata missing:", ", ".join(meta.get("missing", [])) or "none")
print("page breaks:", report.get("properties", {}).get("hasPageBreaks"))
sys.exit(1 if violations else 0)
EOF
