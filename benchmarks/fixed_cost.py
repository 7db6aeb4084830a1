"""Fixed cost: the wall time of a `schoolpipe run` that finds one new document, and where it goes.

    python benchmarks/fixed_cost.py [--repeat 5]

A warehouse is first filled with the bundled demo corpus; then each repetition adds one new small
text document (a fresh copy of a demo page, other bytes) and runs `schoolpipe run` over the folder
with SCHOOLPIPE_TIMINGS set, in three set-ups:
- no Prefect server running: the run starts its temporary server (what a plain first run pays);
- a served server: a Prefect server started once beforehand and advertised the way `schoolpipe
  serve` advertises its own, so runs reuse it;
- the same server named by PREFECT_API_URL (a server the user runs);
- both again with the warm runner `schoolpipe serve` keeps beside its server
  (schoolpipe/warm_runner.py): the command hands itself over and runs without the imports.
The wall time is measured from outside, from starting the command to its exit.
It prints the median wall time of each and the median seconds of each phase the run
recorded (pipeline/timings.py), largest first, with the document's own parse and extract seconds
(worker time, overlapped with the rest) for scale. Not a test: about three minutes. `make fixed-cost`.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
SCHOOLPIPE = Path(sys.executable).with_name("schoolpipe")
DEMO = ROOT / "corpus" / "demo"

from schoolpipe import warm_runner  # noqa: E402  (after the path is set)


def run_once(corpus: Path, db: Path, env: dict, timings: Path) -> dict:
    """The run's own timings, with `outside_seconds`: the wall time from starting the command to its exit."""
    started = time.perf_counter()
    done = subprocess.run([str(SCHOOLPIPE), "run", "--corpus", str(corpus), "--db", str(db)],
                          env={**env, "SCHOOLPIPE_TIMINGS": str(timings)}, capture_output=True, text=True)
    outside = time.perf_counter() - started
    if done.returncode not in (0, 3):
        raise SystemExit(f"schoolpipe run failed (exit {done.returncode}): {done.stderr.strip().splitlines()[-1:]}")
    return {**json.loads(timings.read_text(encoding="utf-8")), "outside_seconds": outside}


def add_document(corpus: Path, template: Path, n: int) -> None:
    text = template.read_text(encoding="utf-8")
    (corpus / f"new-{n:03d}{template.suffix}").write_text(f"{text}\n<!-- copy {n} -->\n", encoding="utf-8")


def measure(label: str, work: Path, env: dict, repeat: int, template: Path) -> None:
    corpus, db = work / f"corpus-{label}", work / f"{label}.duckdb"
    shutil.copytree(DEMO, corpus)
    run_once(corpus, db, env, work / "first.json")  # the warehouse the one-document runs add to
    reports = []
    for n in range(repeat):
        add_document(corpus, template, n)
        reports.append(run_once(corpus, db, env, work / f"{label}-{n}.json"))
    walls = [r["outside_seconds"] for r in reports]
    warm = sum(bool(r.get("warm")) for r in reports)
    print(f"\n{label}: one new document, median wall {statistics.median(walls):.2f} s from start to exit "
          f"(min {min(walls):.2f}, max {max(walls):.2f}, {repeat} runs, {warm} run warm; recorded by the run "
          f"{statistics.median(r['wall_seconds'] for r in reports):.2f} s; documents {reports[0]['documents']}, "
          f"workers {reports[0]['workers']})")
    phases = {name: statistics.median(r["phases"].get(name, 0.0) for r in reports) for name in reports[0]["phases"]}
    for name, seconds in sorted(phases.items(), key=lambda kv: -kv[1]):
        if seconds >= 0.01:
            print(f"  {seconds:6.2f} s  {name}")
    own = statistics.median(sum(v for k, v in r["worker_seconds"].items() if k.startswith(("parse", "extract")))
                            for r in reports)
    print(f"  (the document itself: {own:.2f} s of parse and extract in its worker)")


def wait_for_runner(env: dict, timeout: float = 60.0) -> None:
    """Until the warm runner answers on its socket (it imports for a couple of seconds first)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with socket.socket(socket.AF_UNIX) as probe:
            try:
                probe.connect(warm_runner.socket_name(env["PREFECT_HOME"]))
                return
            except OSError:
                time.sleep(0.2)
    raise SystemExit(f"the warm runner did not answer within {timeout:.0f} s")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()
    from flows.prefect_server import ADVERTISED, start_local_server

    work = Path(tempfile.mkdtemp(prefix="schoolpipe-fixed-"))
    home = work / "prefect-home"
    env = {k: v for k, v in os.environ.items() if k != "PREFECT_API_URL"}
    env.update(PREFECT_HOME=str(home), PREFECT_SERVER_ANALYTICS_ENABLED="false")
    template = min((p for p in DEMO.iterdir() if p.suffix in (".txt", ".html")), key=lambda p: p.stat().st_size)
    print(f"one-document runs adding copies of {template.name} ({template.stat().st_size:,} bytes) to a warehouse of "
          f"the demo corpus; Prefect home {home}")
    try:
        measure("temporary server", work, env, args.repeat, template)
        os.environ.update(PREFECT_HOME=str(home), PREFECT_SERVER_ANALYTICS_ENABLED="false")
        server, api = start_local_server(log_path=work / "server.log")
        try:
            home.mkdir(parents=True, exist_ok=True)  # advertised as `schoolpipe serve` does (flows/prefect_server.py)
            (home / ADVERTISED).write_text(json.dumps({"api": api, "pid": os.getpid()}), encoding="utf-8")
            measure("served server", work, env, args.repeat, template)
            measure("PREFECT_API_URL", work, {**env, "PREFECT_API_URL": api}, args.repeat, template)
            runner = warm_runner.start(env)  # as `schoolpipe serve` starts it beside its server
            try:
                wait_for_runner(env)
                measure("served server, warm runner", work, env, args.repeat, template)
                measure("PREFECT_API_URL, warm runner", work, {**env, "PREFECT_API_URL": api}, args.repeat, template)
            finally:
                runner.terminate()
                runner.wait(timeout=30)
        finally:
            (home / ADVERTISED).unlink(missing_ok=True)
            server.terminate()
            server.wait(timeout=30)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
