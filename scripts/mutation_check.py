"""Prove that the tests can fail: apply deliberate faults one at a time and check that a test catches each.

The faults live in ``scripts/mutations.toml`` (name, file, find, replace, tests). For each one this script
copies the project into a scratch directory once, replaces the ``find`` text (which must occur exactly once,
so a refactor can't silently disable a mutation) with ``replace`` in the scratch copy, runs only the listed
tests there with ``-x``, and puts the file back. A fault is *caught* when those tests fail, *survives* when
they pass. The working tree is never touched.

Before the faults, the same tests run once on the unchanged scratch copy: a fault only counts as caught if its
tests pass without it (``--no-baseline`` skips this when the suite has just passed, as in ``.ci/run``).

The scratch copy uses this project's virtualenv (the Python running this script) and the same database
server: the embedded PostgreSQL under this tree's ``.data`` (``SLF_DATA_DIR``), or ``DATABASE_URL`` when set,
with its own test database (``test_slf_mutation``, or ``SLF_MUTATION_DATABASE``; one per job with ``--jobs``):
created afresh by the first run, so a stale schema can't pass for a caught fault, and reused by the others.

    uv run python scripts/mutation_check.py            # every mutation; exit 1 if one survives
    uv run python scripts/mutation_check.py --list     # what would be done
    uv run python scripts/mutation_check.py --only logbook-entry-unscoped-get --only meetings-edit-role-dropped
    uv run python scripts/mutation_check.py --jobs 2   # two faults at a time, each in its own copy
"""

import argparse
import os
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import tomllib
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TABLE = Path(__file__).with_name("mutations.toml")
#: Not copied into the scratch tree: the virtualenv, the database, git, caches and collected files.
SKIP = {".venv", ".data", ".git", "staticfiles", "media", ".hypothesis", ".ruff_cache", ".pytest_cache", "__pycache__"}
PYTEST = ["-x", "-q", "-p", "no:randomly", "-m", "not browser", "--no-header"]
TIMEOUT = 600


@dataclass
class Mutation:
    name: str
    file: str
    find: str
    replace: str
    tests: list[str]
    why: str = ""

    def count_in(self, tree: Path) -> int:
        path = tree / self.file
        return path.read_text(encoding="utf-8").count(self.find) if path.exists() else 0


@dataclass
class Result:
    mutation: Mutation
    outcome: str  # caught, SURVIVED, ERROR
    seconds: float
    caught_by: str = ""
    output: str = field(default="", repr=False)


def load(path: Path = TABLE) -> list[Mutation]:
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    mutations = [Mutation(**entry) for entry in data["mutation"]]
    names = [m.name for m in mutations]
    duplicates = {n for n in names if names.count(n) > 1}
    if duplicates:
        sys.exit(f"mutation check: duplicate names in {path.name}: {', '.join(sorted(duplicates))}")
    for m in mutations:
        if not m.tests:
            sys.exit(f"mutation check: {m.name} lists no tests")
        if m.find == m.replace:
            sys.exit(f"mutation check: {m.name} replaces its text with itself")
    return mutations


def copy_tree(target: Path) -> None:
    def ignore(directory, names):
        return [n for n in names if n in SKIP or n.endswith(".pyc")]

    shutil.copytree(ROOT, target, ignore=ignore, dirs_exist_ok=True)


def environment(database: str) -> dict[str, str]:
    env = dict(os.environ)
    env.setdefault("SLF_DATA_DIR", str(ROOT / ".data"))  # the same embedded server as the working tree
    env["SLF_TEST_DATABASE"] = database
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    env.pop("PYTEST_ADDOPTS", None)
    return env


class Runner:
    """One scratch copy and its own test database: made afresh by the first run, reused by the others."""

    def __init__(self, scratch: Path, database: str):
        self.scratch = scratch
        self.database = database
        self.fresh = True

    def __call__(self, tests: list[str]) -> tuple[int, str, float]:
        options, self.fresh = (["--reuse-db", "--create-db"] if self.fresh else ["--reuse-db"]), False
        return run_tests(self.scratch, self.database, [*options, *tests])


def run_tests(scratch: Path, database: str, args: list[str]) -> tuple[int, str, float]:
    started = time.monotonic()
    try:
        proc = subprocess.run(
            [sys.executable, "-m", "pytest", *PYTEST, *args],
            cwd=scratch,
            env=environment(database),
            capture_output=True,
            text=True,
            timeout=TIMEOUT,
            check=False,
        )
        code, output = proc.returncode, proc.stdout + proc.stderr
    except subprocess.TimeoutExpired as exc:
        code, output = -1, f"timed out after {TIMEOUT} s\n{exc.stdout or ''}"
    return code, output, time.monotonic() - started


def first_failure(output: str) -> str:
    match = re.search(r"^(?:FAILED|ERROR) (.+?)(?: - .*)?$", output, re.MULTILINE)
    return match.group(1) if match else "?"


def apply(run: Runner, mutation: Mutation) -> Result:
    path = run.scratch / mutation.file
    original = path.read_text(encoding="utf-8")
    path.write_text(original.replace(mutation.find, mutation.replace, 1), encoding="utf-8")
    try:
        code, output, seconds = run(mutation.tests)
    finally:
        path.write_text(original, encoding="utf-8")
    if code == 1:
        return Result(mutation, "caught", seconds, first_failure(output), output)
    if code == 0:
        return Result(mutation, "SURVIVED", seconds, "", output)
    return Result(mutation, "ERROR", seconds, f"pytest exit {code}", output)


def tail(text: str, lines: int = 25) -> str:
    return "\n".join("    " + line for line in text.strip().splitlines()[-lines:])


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--list", action="store_true", help="print the mutations and their tests, run nothing")
    parser.add_argument("--only", action="append", metavar="NAME", help="run only this mutation (repeatable)")
    parser.add_argument("--no-baseline", action="store_true", help="skip running the tests on the unchanged copy")
    parser.add_argument("--keep", action="store_true", help="keep the scratch directory (its path is printed)")
    parser.add_argument("-j", "--jobs", type=int, default=1, help="mutations at a time (one scratch copy each)")
    parser.add_argument("-v", "--verbose", action="store_true", help="print pytest's output of every run")
    args = parser.parse_args(argv)

    mutations = load()
    if args.only:
        unknown = set(args.only) - {m.name for m in mutations}
        if unknown:
            print(f"mutation check: no mutation named {', '.join(sorted(unknown))}; see --list", file=sys.stderr)
            return 2
        mutations = [m for m in mutations if m.name in args.only]

    if args.list:
        for m in mutations:
            print(f"{m.name}\n  {m.file}: {m.why}\n  tests: {' '.join(m.tests)}")
        return 0

    started = time.monotonic()
    root = Path(tempfile.mkdtemp(prefix="slf-mutation-"))
    jobs = max(1, min(args.jobs, len(mutations)))
    database = os.environ.get("SLF_MUTATION_DATABASE", "test_slf_mutation")
    results: dict[str, Result] = {}
    try:
        # One scratch copy and one test database per job; a job takes every jobs-th mutation.
        runners = []
        for i in range(jobs):
            copy_tree(root / f"tree-{i + 1}")
            runners.append(Runner(root / f"tree-{i + 1}", database if jobs == 1 else f"{database}_{i + 1}"))
        # Every target must be found exactly once in the tree as it is now, or the check means nothing.
        misplaced = {(m.name, m.file, m.count_in(run.scratch)) for m in mutations for run in runners}
        misplaced = sorted(item for item in misplaced if item[2] != 1)
        if misplaced:
            for name, file, n in misplaced:
                print(f"mutation check: {name}: the text to replace occurs {n} times in {file} (must be once)")
            print("Update scripts/mutations.toml to the code as it is now (see README, 'Mutation check').")
            return 1
        shares = [mutations[i::jobs] for i in range(jobs)]
        print(f"mutation check: {len(mutations)} mutations, {jobs} at a time, in {root}", flush=True)
        with ThreadPoolExecutor(max_workers=jobs) as pool:
            if not args.no_baseline:
                tests = [list(dict.fromkeys(t for m in share for t in m.tests)) for share in shares]
                runs = pool.map(lambda run, selection: run(selection), runners, tests)
                for (code, output, seconds), selection in zip(runs, tests, strict=True):
                    print(f"  baseline: {len(selection)} test selections unchanged, exit {code}, {seconds:.0f} s")
                    if code != 0:
                        print(tail(output))
                        print("mutation check: the tests fail without any fault; fix them first.", file=sys.stderr)
                        return 1
            width = max(len(m.name) for m in mutations)
            lock = threading.Lock()

            def work(run: Runner, share: list[Mutation]) -> None:
                for m in share:
                    result = apply(run, m)
                    with lock:
                        results[m.name] = result
                        line = f"  {m.name:<{width}}  {result.outcome:<8} {result.seconds:5.1f} s  {result.caught_by}"
                        print(line, flush=True)
                        if args.verbose or result.outcome == "ERROR":
                            print(tail(result.output))

            list(pool.map(work, runners, shares))
    finally:
        if args.keep:
            print(f"mutation check: scratch kept at {root}")
        else:
            shutil.rmtree(root, ignore_errors=True)

    results = [results[m.name] for m in mutations if m.name in results]
    bad = [r for r in results if r.outcome != "caught"]
    total = time.monotonic() - started
    caught = len(results) - len(bad)
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = usage.ru_utime + usage.ru_stime
    print(f"mutation check: {caught} of {len(results)} faults caught in {total:.0f} s ({cpu:.0f} s CPU in pytest)")
    if bad:
        for r in bad:
            if r.outcome == "SURVIVED":
                verb = "survived: no listed test failed"
            else:
                verb = f"could not be checked ({r.caught_by})"
            print(f"  {r.mutation.name} {verb}; tests: {' '.join(r.mutation.tests)}", file=sys.stderr)
        print("mutation check FAILED: add or fix a test that catches each fault above.", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
