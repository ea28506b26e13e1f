#!/usr/bin/env bash
# Runs one fuzz target for a fixed time and fails on any crash, timeout or out-of-memory:
#
#   fuzz/run.sh TARGET SECONDS [LIBFUZZER OPTIONS...]      (targets: scan_bytes, scan_structured)
#
# Installs cargo-fuzz from crates.io into target/ci-tools/ on first use (never into ~/.cargo)
# and builds with the nightly toolchain when rustup has one, else with the stable one and
# RUSTC_BOOTSTRAP=1 (libFuzzer's instrumentation flags are unstable). The seed corpus is
# written from test-crates/ (each fixture crate as one input, see fuzz/src/harness.rs) into
# target/fuzz/corpus/TARGET/, where the fuzzer also keeps what it finds; a crashing input is
# saved under target/fuzz/artifacts/TARGET/.
set -euo pipefail
repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo_root"

if [[ $# -lt 2 ]]; then
    echo "usage: fuzz/run.sh TARGET SECONDS [LIBFUZZER OPTIONS...]" >&2
    exit 2
fi
target="$1"
seconds="$2"
shift 2

tools="$repo_root/target/ci-tools"
cargo_fuzz_version="0.13.2"
if [[ ! -x "$tools/bin/cargo-fuzz" ]]; then
    echo "installing cargo-fuzz $cargo_fuzz_version into target/ci-tools ..." >&2
    cargo install --quiet --locked --root "$tools" --version "$cargo_fuzz_version" cargo-fuzz
fi
export PATH="$tools/bin:$PATH"

toolchain=()
if rustup toolchain list 2>/dev/null | grep -q '^nightly'; then
    toolchain=(+nightly)
else
    export RUSTC_BOOTSTRAP=1
fi

corpus="$repo_root/target/fuzz/corpus/$target"
artifacts="$repo_root/target/fuzz/artifacts/$target"
seeds="$repo_root/target/fuzz/seeds/$target"
mkdir -p "$corpus" "$artifacts"
rm -rf "$seeds"
mkdir -p "$seeds"
# The structured target reads its config and flags from the first 64 bytes (SPEC_BYTES).
prefix=""
if [[ "$target" == scan_structured ]]; then
    prefix="$(head -c 64 /dev/zero | tr '\0' 'A')"
fi
for crate in test-crates/*/; do
    name="$(basename "$crate")"
    # Crates without a src/ (a nested workspace, the stubs) are left out.
    [[ -d "$crate/src" ]] || continue
    {
        printf '%s' "$prefix"
        (cd "$crate" && find src -name '*.rs' | sort | while read -r file; do
            printf '//@ %s\n' "$file"
            cat "$file"
        done)
    } >"$seeds/$name"
done

# -timeout: one input scanned for longer is a hang; -rss_limit_mb: no input may take 2 GiB.
cargo "${toolchain[@]}" fuzz run --fuzz-dir fuzz --sanitizer none "$target" \
    "$corpus" "$seeds" -- \
    -max_total_time="$seconds" -timeout=30 -rss_limit_mb=2048 \
    -artifact_prefix="$artifacts/" -print_final_stats=1 "$@"
