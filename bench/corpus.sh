#!/usr/bin/env bash
# Builds the real-code corpus of the benchmark: `cargo vendor` of the dependency graph of
# bench/corpus/Cargo.toml (about forty popular crates, pinned by bench/corpus/Cargo.lock, every
# platform's dependencies included), plus a workspace manifest whose members are the vendored
# packages, so that cargo-consent discovers their real targets and follows their module trees.
#
#   bench/corpus.sh [DIR]     (default: target/bench-corpus)
#
# Done once: nothing happens while DIR holds a corpus vendored from the current Cargo.lock.
# Nothing here is built or run: the corpus is only read.
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
corpus="${1:-$repo_root/target/bench-corpus}"
lock="$repo_root/bench/corpus/Cargo.lock"

if [[ -f "$corpus/Cargo.toml" ]] && cmp -s "$lock" "$corpus/vendored-from.lock"; then
    echo "corpus: $corpus (already vendored)" >&2
    exit 0
fi

echo "corpus: vendoring the dependencies of bench/corpus/Cargo.toml into $corpus/vendor ..." >&2
mkdir -p "$corpus"
rm -f "$corpus/Cargo.toml" "$corpus/vendored-from.lock"
cargo vendor --quiet --locked --versioned-dirs \
    --manifest-path "$repo_root/bench/corpus/Cargo.toml" "$corpus/vendor" >/dev/null

# Written last, so an interrupted vendoring is redone on the next run. cargo itself is never run
# on this workspace (its members do not form one cargo would accept); only cargo-consent reads it.
cat >"$corpus/Cargo.toml" <<'TOML'
# Written by bench/corpus.sh: every vendored package is a member, for cargo-consent to discover.
[workspace]
members = ["vendor/*"]
TOML
cp "$lock" "$corpus/vendored-from.lock"
echo "corpus: $(find "$corpus/vendor" -mindepth 1 -maxdepth 1 -type d | wc -l) packages in $corpus/vendor" >&2
