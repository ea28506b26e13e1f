#!/usr/bin/env bash
# The scan benchmark: builds the workloads and prints, for each, files, lines, the scan's wall
# time and peak memory, and a bare `syn::parse_file` of the same files in the same run.
#
#   bench/run.sh [WORKLOAD] [--mirrors DIR] [BENCH OPTIONS...]     (default WORKLOAD: all)
#
#   vendored   real code: about 290 crates vendored from bench/corpus (see bench/corpus.sh),
#              nothing annotated
#   generated  a synthetic annotated workspace (about 270k lines) that gives the analysis work
#   synth-ui   UI-shaped code that stores personal data in state fields and moves it through
#              six chained cells (`synth-ui.py --depth 5 --chain 6 --sources 400 --mix-sender`,
#              the team's generator: ../shared/bench/synth-ui.py, or $SYNTH_UI)
#   realworld  the two largest apps of the real-world test bed, greptimedb and risingwave,
#              each with its consent.toml (eval/realworld/); needs --mirrors DIR, the
#              directory of their git mirrors (see eval/realworld/README.md)
#   all        every workload above whose inputs are here
#
# BENCH OPTIONS go to the benchmark binary: --runs N (default 3), --timeout SECONDS (default
# 600) and --memory-limit MIB (default 8192) per measurement, --cache to also time the run
# cache (cold, warm, one file edited, and its size), --live-heap to also count what the scan
# keeps alive at the end of each stage (in one more, untimed, scan); `cargo bench --bench
# scan -- --help` lists them. RAYON_NUM_THREADS=1 measures on one core.
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
vendored | generated | synth-ui | realworld | all) ;;
*)
    echo "usage: bench/run.sh [vendored|generated|synth-ui|realworld|all] [--mirrors DIR] [BENCH OPTIONS...]" >&2
    exit 2
    ;;
esac
mirrors=""
bench_options=()
while [[ $# -gt 0 ]]; do
    case "$1" in
    --mirrors)
        mirrors="${2:?--mirrors needs a directory}"
        shift 2
        ;;
    *)
        bench_options+=("$1")
        shift
        ;;
    esac
done
wants() { [[ "$workload" == all || "$workload" == "$1" ]]; }

vendored="$repo_root/target/bench-corpus"
generated="$repo_root/target/bench-generated"
synth_ui="$repo_root/target/bench-synth-ui"
synth_ui_script="${SYNTH_UI:-$repo_root/../shared/bench/synth-ui.py}"

echo "building the benchmark in release mode ..." >&2
cargo bench --quiet --bench scan --no-run

targets=()
if wants vendored; then
    bench/corpus.sh "$vendored"
    # The corpus as a user's scan: no crash, exit 0 or 1, no parse_error but the known one.
    bench/check-corpus.sh "$vendored"
    targets+=("$vendored")
fi
if wants generated; then
    # Regenerated every time (a second): it always matches the generator's code.
    rm -rf "$generated"
    cargo bench --quiet --bench scan -- --generate "$generated"
    targets+=("$generated")
fi
if wants synth-ui; then
    if [[ -f "$synth_ui_script" ]]; then
        rm -rf "$synth_ui"
        python3 "$synth_ui_script" "$synth_ui" --depth 5 --chain 6 --sources 400 --mix-sender
        targets+=("$synth_ui")
    elif [[ "$workload" == synth-ui ]]; then
        echo "error: no synth-ui generator at $synth_ui_script (set SYNTH_UI)" >&2
        exit 2
    else
        echo "note: synth-ui skipped: no generator at $synth_ui_script (set SYNTH_UI)" >&2
    fi
fi
if wants realworld; then
    if [[ -n "$mirrors" ]]; then
        while IFS= read -r checkout; do
            targets+=("$checkout")
        done < <(eval/realworld/run.py "$mirrors" --apps greptimedb,risingwave --checkout-only)
    elif [[ "$workload" == realworld ]]; then
        echo "error: the realworld workload needs --mirrors DIR (see eval/realworld/README.md)" >&2
        exit 2
    else
        echo "note: realworld skipped: give --mirrors DIR to measure greptimedb and risingwave" >&2
    fi
fi

cargo bench --quiet --bench scan -- --single-thread ${bench_options[@]+"${bench_options[@]}"} "${targets[@]}"
