#!/usr/bin/env bash
# A new user's install: `pip install .` with the pip that ships with this Python (not
# upgraded), then a digest whose sources are HTML and DOCX. Catches dependencies that an old
# pip resolves differently (lxml's html_clean extra, issue 12).
set -euo pipefail
cd "$(dirname "$0")/.."
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
python3 -m venv "$tmp/venv"
"$tmp/venv/bin/python" -m pip --version
"$tmp/venv/bin/python" -m pip install -q .
S=samples/bayraktar
OPENBLAS_NUM_THREADS=1 "$tmp/venv/bin/align" digest "$S/digest.txt" "$S/sources/edam.html" \
  "$S/sources/duvar.docx" -o "$tmp/digest.json" --quiet
"$tmp/venv/bin/python" - "$tmp/digest.json" <<'PY'
import json, sys
project = json.load(open(sys.argv[1], encoding="utf-8"))
kinds = {s["kind"]: s["status"] for s in project["sources"]}
assert kinds.get("html") == "ok", f"the HTML source was not read: {project['sources']}"
linked = sum(1 for p in project["pairs"] for b in p["alignment"]["beads"] if b["src"] and b["tgt"])
assert linked > 0, "no links"
print(f"plain pip install: HTML source read, {linked} links")
PY
