#!/usr/bin/env bash
# Regenerates the README's picture of the first page of a PDF decision note:
# writes the note for tests/data/notes/da-completed.ron as a PDF, then renders
# its first page with pdftoppm (poppler-utils; scripts/setup.sh installs it).
# The PDF is deterministic (its dates come from the case), so the picture only
# changes when the note's wording, layout or the guidance changes.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --quiet
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
./target/debug/victim-first note tests/data/notes/da-completed.ron --format pdf --out "$tmp/note.pdf"
pdftoppm -png -r 80 -f 1 -l 1 -singlefile "$tmp/note.pdf" docs/note-page-1
echo "wrote docs/note-page-1.png"
