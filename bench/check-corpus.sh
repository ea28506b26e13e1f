#!/usr/bin/env bash
# The reliability check on real code: scans the vendored benchmark corpus (bench/corpus.sh) with
# the release binary, as a user would, and fails unless the run ends on its own (no panic, no
# signal), exits 0 or 1, and reports no parse_error but the one known file: signal-hook-registry
# 1.4.8's lib.rs, whose 2015-edition `Fn() + Send` without `dyn` syn does not parse. A cap of
# the analysis hit anywhere in the corpus (nesting, size, rounds) would show as a parse_error.
#
#   bench/check-corpus.sh [DIR]     (default: target/bench-corpus; run by bench/run.sh)
#
# Not in CI: the corpus needs a download of about 290 crates.
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo_root"
corpus="${1:-$repo_root/target/bench-corpus}"
bench/corpus.sh "$corpus"
cargo build --quiet --release
report="$(mktemp)"
errors="$(mktemp)"
trap 'rm -f "$report" "$errors"' EXIT

set +e
target/release/cargo-consent check --format json "$corpus" >"$report" 2>"$errors"
status=$?
set -e
if [[ $status -ne 0 && $status -ne 1 ]]; then
    echo "check-corpus: the scan exited with $status" >&2
    cat "$errors" >&2
    exit 1
fi
if grep -q "panicked" "$errors"; then
    echo "check-corpus: the scan panicked" >&2
    cat "$errors" >&2
    exit 1
fi
python3 - "$report" <<'PYTHON'
import json
import sys

KNOWN = "vendor/signal-hook-registry-1.4.8/src/lib.rs"
with open(sys.argv[1]) as report:
    document = json.load(report)
findings = document["findings"]
unexpected = [
    finding
    for finding in findings
    if finding["lint"] == "parse_error" and not finding["file"].endswith(KNOWN)
]
for finding in unexpected:
    print(
        f"check-corpus: unexpected parse_error at {finding['file']}:{finding['line']}: "
        f"{finding['message']}",
        file=sys.stderr,
    )
known = [finding for finding in findings if finding["file"].endswith(KNOWN)]
if not known:
    print(f"check-corpus: the known parse_error in {KNOWN} is gone: update this check",
          file=sys.stderr)
    sys.exit(1)
if unexpected:
    sys.exit(1)
print(f"check-corpus: {len(findings)} findings, only the known parse_error; "
      f"{len(document['notes'])} notes")
PYTHON
