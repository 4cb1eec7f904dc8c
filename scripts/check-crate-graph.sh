#!/usr/bin/env bash
# The crate graph as ARCHITECTURE.md draws it, checked by cargo itself: the extraction crate (`cuttings-extract`,
# crates/extract) does no I/O, so nothing that reaches the network, SQLite, the PDF writer, an async runtime or a
# GUI may be among its dependencies, at any depth; and the core (`cuttings`) never depends on tauri or a GUI crate.
# Fails naming the crate that crept in and the path it came by. Run by `scripts/dev test`; takes a second.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

# Crates that mean I/O of a kind extraction must not do, or a GUI.
io_crates='reqwest|hyper|hyper-util|h2|rustls|tokio|mio|socket2|rusqlite|libsqlite3-sys|typst|typst-pdf|krilla|tauri|wry|gtk|webkit2gtk|tempfile|directories'
gui_crates='tauri|wry|tao|gtk|gdk|webkit2gtk|javascriptcore-rs|soup3'

# Every crate the package depends on (normal dependencies, any depth, build scripts included), one name a line.
deps_of() {
  cargo tree --quiet --locked -p "$1" -e normal,build --prefix none --format '{p}' | awk '{print $1}' | sort -u
}

failed=0
check() { # package, forbidden pattern, what it means
  local bad
  bad=$(deps_of "$1" | grep -Ex "($2)" || true)
  if [ -n "$bad" ]; then
    failed=1
    for crate in $bad; do
      echo "check-crate-graph: $1 must not depend on $crate ($3); it comes by:" >&2
      cargo tree --quiet --locked -p "$1" -e normal,build -i "$crate" >&2 || true
    done
  fi
}

check cuttings-extract "$io_crates" "extraction does no I/O"
check cuttings "$gui_crates" "the core never depends on a GUI toolkit"

[ "$failed" -eq 0 ] || exit 1
echo "crate graph: cuttings-extract has $(deps_of cuttings-extract | wc -l) crates, none doing I/O; cuttings has no GUI crate"
