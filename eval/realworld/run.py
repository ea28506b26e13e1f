#!/usr/bin/env python3
"""The real-world test bed: runs cargo-consent on real applications configured as a user would,
and scores what it reports against a truth file written by reading each app's code.

    eval/realworld/run.py MIRRORS [--apps a,b] [--work DIR] [--tool BIN] [--bench BIN]
                                  [--runs N] [--no-bench] [--markdown] [--verbose]
    eval/realworld/run.py MIRRORS --checkout-only [--apps a,b] [--work DIR]

MIRRORS is a directory of bare git repositories, one per app, named `OWNER+NAME/repo`,
`OWNER+NAME` or `NAME` (the search tool's `fetch` brings them as `OWNER+NAME/repo`). Each app of
`eval/realworld/<app>/` (a `truth.toml` and a `consent.toml`) is checked out at its commit with
`git archive` into `--work` (default `target/realworld/`), its `consent.toml` is put at the root
of the checkout, as a user would commit it, and `cargo-consent check --format json` runs there.

Per app it prints: the truth flows found and missed, false alarms (findings that match no truth
flow and no `[[may]]` entry; those inside a `[[guarded]]` range are counted again apart), crashes
(an exit status other than 0 or 1, or a panic), the check's wall time and peak memory, and, from
the benchmark binary (`cargo bench --bench scan`) run on the same checkout, the scan's median
time against a bare parallel `syn` parse of the same files, measured side by side.

Nothing of the apps is built or run: the tool only reads their source.
"""

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import time
import tomllib
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPOSITORY = HERE.parent.parent

# Findings about the analysis itself, not about a flow: reported, never scored.
UNSCORED_LINTS = {"parse_error", "unused_allow"}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("mirrors", type=Path, help="directory of the apps' bare git repositories")
    parser.add_argument("--apps", help="comma-separated app names (default: every app)")
    parser.add_argument("--work", type=Path, default=REPOSITORY / "target" / "realworld")
    parser.add_argument("--tool", type=Path, help="a cargo-consent binary (default: build release)")
    parser.add_argument("--bench", type=Path, help="the benchmark binary (default: build it)")
    parser.add_argument("--runs", type=int, default=3, help="benchmark runs per app (median)")
    parser.add_argument("--no-bench", action="store_true", help="skip the parse-ratio benchmark")
    parser.add_argument("--markdown", action="store_true", help="print the table as Markdown")
    parser.add_argument("--verbose", action="store_true", help="list every miss, alarm and note")
    parser.add_argument("--json", type=Path, help="also write every app's result to this file")
    parser.add_argument(
        "--checkout-only",
        action="store_true",
        help="only check the apps out and print the directory each one is scanned from",
    )
    arguments = parser.parse_args()

    apps = sorted(path.parent.name for path in HERE.glob("*/truth.toml"))
    if arguments.apps:
        wanted = arguments.apps.split(",")
        unknown = sorted(set(wanted) - set(apps))
        if unknown:
            print(f"error: no app named {', '.join(unknown)} in {HERE}", file=sys.stderr)
            return 2
        apps = wanted
    if arguments.checkout_only:
        for app in apps:
            truth = tomllib.loads((HERE / app / "truth.toml").read_text())
            checkout = check_out(app, truth, arguments.mirrors, arguments.work)
            print(checkout / truth.get("scan", "."))
        return 0
    tool = arguments.tool or build("cargo-consent")
    bench = None if arguments.no_bench else (arguments.bench or build("bench"))

    results = []
    for app in apps:
        truth = tomllib.loads((HERE / app / "truth.toml").read_text())
        checkout = check_out(app, truth, arguments.mirrors, arguments.work)
        result = score(app, truth, run_check(tool, checkout, truth))
        result["config_lines"] = len((HERE / app / "consent.toml").read_text().splitlines())
        if bench:
            result["bench"] = run_bench(bench, checkout / truth.get("scan", "."), arguments.runs)
        results.append(result)
        print_app(result, arguments.verbose)
    print()
    print_table(results, arguments.markdown)
    if arguments.json:
        arguments.json.write_text(json.dumps(results, indent=2) + "\n")
    failed = any(r["missed"] or r["in_guarded"] or r["crashed"] for r in results)
    return 1 if failed else 0


def build(what: str) -> Path:
    """Builds the tool or the benchmark in release mode; returns the binary."""
    if what == "cargo-consent":
        command = ["cargo", "build", "--release", "--quiet", "--bin", "cargo-consent"]
        subprocess.run(command, cwd=REPOSITORY, check=True)
        return REPOSITORY / "target" / "release" / "cargo-consent"
    command = ["cargo", "bench", "--bench", "scan", "--no-run", "--message-format=json", "--quiet"]
    output = subprocess.run(command, cwd=REPOSITORY, check=True, capture_output=True, text=True)
    for line in output.stdout.splitlines():
        message = json.loads(line)
        if message.get("reason") == "compiler-artifact" and message["target"]["name"] == "scan":
            if message.get("executable"):
                return Path(message["executable"])
    sys.exit("error: cargo bench --no-run named no benchmark executable")


def find_mirror(mirrors: Path, repo: str) -> Path:
    owner, name = repo.split("/")
    for candidate in [mirrors / f"{owner}+{name}" / "repo", mirrors / f"{owner}+{name}", mirrors / name]:
        if candidate.is_dir():
            return candidate
    sys.exit(f"error: no mirror of {repo} in {mirrors} (fetch github:{repo})")


def check_out(app: str, truth: dict, mirrors: Path, work: Path) -> Path:
    """The app's source at its commit, with our consent.toml at its root."""
    checkout = work / app
    stamp = checkout / ".eval-commit"
    if not (stamp.is_file() and stamp.read_text().strip() == truth["commit"]):
        if checkout.exists():
            shutil.rmtree(checkout)
        checkout.mkdir(parents=True)
        mirror = find_mirror(mirrors, truth["repo"])
        # A snapshot may lack its largest files (data, binaries; never Rust source): leave
        # them out rather than fail the whole archive.
        missing = missing_blobs(mirror, truth["commit"])
        excluded = [f":(exclude){path}" for path in missing]
        archive = subprocess.Popen(
            ["git", "--git-dir", str(mirror), "archive", truth["commit"], "--", ".", *excluded],
            stdout=subprocess.PIPE,
        )
        subprocess.run(["tar", "-x", "-C", str(checkout)], stdin=archive.stdout, check=True)
        if archive.wait() != 0:
            sys.exit(f"error: git archive of {truth['repo']} at {truth['commit']} failed")
        stamp.write_text(truth["commit"] + "\n")
    shutil.copyfile(HERE / app / "consent.toml", checkout / "consent.toml")
    return checkout


def missing_blobs(mirror: Path, commit: str) -> list[str]:
    """The paths of the commit whose contents the mirror does not have."""
    tree = subprocess.run(
        ["git", "--git-dir", str(mirror), "ls-tree", "-r", "-z", commit],
        check=True,
        capture_output=True,
    ).stdout.split(b"\0")
    entries = []
    for entry in tree:
        if not entry:
            continue
        meta, path = entry.split(b"\t", 1)
        _, kind, blob = meta.split()
        if kind == b"blob":
            entries.append((blob, path))
    checked = subprocess.run(
        ["git", "--git-dir", str(mirror), "cat-file", "--batch-check"],
        input=b"".join(blob + b"\n" for blob, _ in entries),
        check=True,
        capture_output=True,
    ).stdout.splitlines()
    return [
        path.decode()
        for (_, path), line in zip(entries, checked)
        if line.endswith(b" missing")
    ]


def run_check(tool: Path, checkout: Path, truth: dict) -> dict:
    """`cargo-consent check --format json` in the checkout: findings, notes, time, memory."""
    # Every run analyses: the run cache would answer a second run from the first.
    command = [
        str(tool), "check", "--no-cache", "--format", "json",
        *truth.get("args", []), truth.get("scan", "."),
    ]
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    started = time.monotonic()
    process = subprocess.run(command, cwd=checkout, capture_output=True, text=True)
    seconds = time.monotonic() - started
    peak_kib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    crashed = process.returncode not in (0, 1) or "panicked" in process.stderr
    document = {}
    if process.returncode in (0, 1):
        try:
            document = json.loads(process.stdout)
        except json.JSONDecodeError:
            crashed = True
    return {
        "command": " ".join(command),
        "code": process.returncode,
        "stderr": process.stderr[-2000:],
        "crashed": crashed,
        "seconds": seconds,
        # ru_maxrss of children is the largest of any child so far: only exact for the first
        # app unless this one is the largest; the benchmark's figure is per run.
        "peak_kib": peak_kib if peak_kib > before else None,
        "findings": document.get("findings", []),
        "notes": document.get("notes", []),
    }


def lines_of(entry: dict) -> tuple[int, int]:
    if "lines" in entry:
        first, last = entry["lines"]
        return first, last
    return entry["line"], entry["line"]


def covers(entry: dict, finding: dict) -> bool:
    first, last = lines_of(entry)
    return (
        entry["file"] == finding["file"]
        and first <= finding["line"] <= last
        and entry.get("lint", finding["lint"]) == finding["lint"]
    )


def score(app: str, truth: dict, run: dict) -> dict:
    findings = [f for f in run["findings"] if f["lint"] not in UNSCORED_LINTS]
    flows = truth.get("flow", [])
    found = [flow for flow in flows if any(covers(flow, f) for f in findings)]
    missed = [flow for flow in flows if flow not in found]
    expected = flows + truth.get("may", [])
    alarms = [f for f in findings if not any(covers(entry, f) for entry in expected)]
    in_guarded = [
        f
        for f in findings
        if any(covers({**range_, "lint": f["lint"]}, f) for range_ in truth.get("guarded", []))
    ]
    return {
        "app": app,
        "code": run["code"],
        "crashed": run["crashed"],
        "stderr": run["stderr"] if run["crashed"] else "",
        "seconds": run["seconds"],
        "peak_kib": run["peak_kib"],
        "flows": len(flows),
        "found": len(found),
        "missed": [describe(flow) for flow in missed],
        "false_alarms": [describe(finding) for finding in alarms],
        "in_guarded": [describe(finding) for finding in in_guarded],
        "parse_errors": sum(1 for f in run["findings"] if f["lint"] == "parse_error"),
        "notes": run["notes"],
    }


def describe(entry: dict) -> str:
    first, last = lines_of(entry) if "lines" in entry or "line" in entry else (0, 0)
    where = f"{entry['file']}:{first}" + (f"-{last}" if last != first else "")
    text = entry.get("why") or entry.get("message", "")
    return f"{entry.get('lint', '?')} at {where}: {text}"


def run_bench(bench: Path, path: Path, runs: int) -> dict:
    """The benchmark's medians for `path`: scan and bare parse, side by side in one run."""
    output = REPOSITORY / "target" / "realworld-bench.jsonl"
    output.unlink(missing_ok=True)
    command = [str(bench), "--runs", str(runs), "--json", str(output), str(path)]
    process = subprocess.run(command, capture_output=True, text=True)
    if process.returncode != 0 or not output.is_file():
        return {"error": process.stderr.strip().splitlines()[-1:] or ["the benchmark failed"]}
    return json.loads(output.read_text().splitlines()[-1])


def print_app(result: dict, verbose: bool) -> None:
    status = "CRASHED" if result["crashed"] else f"exit {result['code']}"
    print(
        f"{result['app']}: {result['found']}/{result['flows']} found, "
        f"{len(result['false_alarms'])} false alarms ({len(result['in_guarded'])} in guarded "
        f"ranges), {status}, {result['seconds']:.2f} s",
        file=sys.stderr,
    )
    if result["crashed"]:
        print(f"  stderr: {result['stderr']}", file=sys.stderr)
    sections = [("missed", result["missed"]), ("in a guarded range", result["in_guarded"])]
    if verbose:
        sections += [("false alarm", result["false_alarms"]), ("note", result["notes"])]
    for title, entries in sections:
        for entry in entries:
            print(f"  {title}: {entry}", file=sys.stderr)


def ratio(result: dict) -> str:
    bench = result.get("bench") or {}
    scan, parse = bench.get("scan_seconds"), bench.get("bare_parse_seconds")
    if scan and parse:
        return f"{scan / parse:.2f}"
    return bench.get("scan_killed") or "-"


def print_table(results: list[dict], markdown: bool) -> None:
    header = [
        "app", "lines", "flows", "found", "missed", "false alarms", "in guarded", "crashes",
        "check wall", "scan / bare parse", "bare parse", "config lines",
    ]
    rows = []
    for r in results:
        bench = r.get("bench") or {}
        rows.append([
            r["app"],
            f"{bench['lines']:,}" if bench.get("lines") else "-",
            str(r["flows"]),
            str(r["found"]),
            str(len(r["missed"])),
            str(len(r["false_alarms"])),
            str(len(r["in_guarded"])),
            "1" if r["crashed"] else "0",
            f"{r['seconds']:.2f} s",
            ratio(r),
            f"{bench['bare_parse_seconds']:.2f} s" if bench.get("bare_parse_seconds") else "-",
            str(r["config_lines"]),
        ])
    if markdown:
        print("| " + " | ".join(header) + " |")
        print("|" + "|".join("---" if i == 0 else "---:" for i in range(len(header))) + "|")
        for row in rows:
            print("| " + " | ".join(row) + " |")
        return
    widths = [max(len(header[i]), *(len(row[i]) for row in rows)) for i in range(len(header))]
    for row in [header, *rows]:
        print("  ".join(cell.ljust(widths[i]) if i == 0 else cell.rjust(widths[i])
                        for i, cell in enumerate(row)))


if __name__ == "__main__":
    sys.exit(main())
