#!/usr/bin/env bash
# The scan benchmark: builds the workloads and prints, for each, files, lines, the scan's wall
# time and peak memory, and a bare `syn::parse_file` of the same files in the same run.
#
#   bench/run.sh [vendored|generated|all] [BENCH OPTIONS...]     (default: all)
#
#   vendored   real code: about 290 crates vendored from bench/corpus (see bench/corpus.sh)
#   generated  a synthetic annotated workspace (about 270k lines) that gives the analysis work
#
# BENCH OPTIONS go to the benchmark binary: --runs N (default 3), --timeout SECONDS (default
# 600) and --memory-limit MIB (default 8192) per measurement, --cache to also time the run
# cache (cold, warm, one file edited, and its size); `cargo bench --bench scan --
# --help` lists them. RAYON_NUM_THREADS=1 measures on one core.
# Before measuring the vendored corpus it runs bench/check-corpus.sh on it (no crash, no
# parse_error but the known one). Everything is written under target/; nothing in the scanned
# code is built or run.
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo_root"

workload="${1:-all}"
if [[ $# -gt 0 ]]; then
    shift
fi
case "$workload" in
vendored | generated | all) ;;
*)
    echo "usage: bench/run.sh [vendored|generated|all] [BENCH OPTIONS...]" >&2
    exit 2
    ;;
esac

vendored="$repo_root/target/bench-corpus"
generated="$repo_root/target/bench-generated"

echo "building the benchmark in release mode ..." >&2
cargo bench --quiet --bench scan --no-run

targets=()
if [[ "$workload" != generated ]]; then
    bench/corpus.sh "$vendored"
    # The corpus as a user's scan: no crash, exit 0 or 1, no parse_error but the known one.
    bench/check-corpus.sh "$vendored"
    targets+=("$vendored")
fi
if [[ "$workload" != vendored ]]; then
    # Regenerated every time (a second): it always matches the generator's code.
    rm -rf "$generated"
    cargo bench --quiet --bench scan -- --generate "$generated"
    targets+=("$generated")
fi

cargo bench --quiet --bench scan -- --single-thread "$@" "${targets[@]}"
