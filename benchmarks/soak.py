"""Soak: one long run of 10,000 documents, to see that nothing is lost, memory stays flat and time stays linear.

    python benchmarks/soak.py [--docs 10000] [--executors local,dask] [--work DIR] [--doc-timeout 60]

The corpus is made from the real PDFs and texts beside the checkout (../shared: samples, the
local-authority reports, independent-school reports, case studies, web copies of reports), each
copy made distinct (other bytes, the same content: a PDF comment after %%EOF, a last line of
text), with 1% of the documents hostile files from tests/hostile.py (encrypted, truncated,
decompression bombs, slow operators, ...). For each executor it runs `schoolpipe run` once over
the whole corpus into a new warehouse and reports:
- every document accounted for (a row in `documents` with a status, ok or not);
- memory of the whole process tree at each quarter of the corpus (2,500 / 5,000 / 7,500 / 10,000 documents): each
  role's median over the 2.5% of documents before the mark, sampled once a second (a worker's memory rises and
  falls with the document in hand; a leak shows as a rising level), and the last/first ratio (flat is at most
  1.2); the split by role (the run itself, its workers, Prefect's server); and the peak in each window;
- seconds per 1,000 documents, segment by segment (linear: the last segment's at most 1.2x the first's).
Not a test: it takes about an hour per executor on two cores. `make soak` runs it.
"""
from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import duckdb
import psutil

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SCHOOLPIPE = Path(sys.executable).with_name("schoolpipe")
FOLDERS = ("samples", "real/ilacs/docs", "real/independent/docs", "real/casestudies/docs", "real/web-reports/docs")
SUFFIXES = (".pdf", ".txt", ".html", ".htm")
PROGRESS = re.compile(r"schoolpipe: (\d+)/(\d+) documents")
MILESTONES = (0.25, 0.5, 0.75, 1.0)  # of the corpus: 2,500 / 5,000 / 7,500 / 10,000 documents by default


def real_files() -> list[Path]:
    found = []
    for folder in FOLDERS:
        found += sorted(p for p in (SHARED / folder).glob("*") if p.suffix.lower() in SUFFIXES)
    return found


def distinct(data: bytes, suffix: str, n: int) -> bytes:
    """The same content under other bytes."""
    if suffix == ".pdf":
        return data + f"\n% soak copy {n}\n".encode()
    if suffix in (".html", ".htm"):
        return data + f"\n<!-- soak copy {n} -->\n".encode()
    return data + f"\n\n[soak copy {n}]\n".encode()


def make_corpus(folder: Path, docs: int, hostile_every: int = 100) -> dict[str, int]:
    sys.path.insert(0, str(ROOT / "tests"))
    from hostile import write_hostile_corpus

    hostile_dir = folder.parent / "hostile-sources"
    write_hostile_corpus(hostile_dir)
    hostile = sorted(p for p in hostile_dir.iterdir() if p.is_file())
    files = real_files()
    if not files:
        raise SystemExit(f"{SHARED} is not beside this checkout: nothing to soak")
    folder.mkdir(parents=True, exist_ok=True)
    made = {"real": 0, "hostile": 0}
    for n in range(docs):
        if n % hostile_every == hostile_every // 2:  # between the milestones, not in flight at each of them
            source = hostile[(n // hostile_every) % len(hostile)]
            shutil.copyfile(source, folder / f"{n:05d}-{source.name}")
            made["hostile"] += 1
            continue
        source = files[n % len(files)]
        (folder / f"{n:05d}-{source.name}").write_bytes(distinct(source.read_bytes(), source.suffix.lower(), n))
        made["real"] += 1
    return made


ROLES = ("run", "workers", "prefect server", "other")


def _role(proc: psutil.Process, root: psutil.Process) -> str:
    if proc.pid == root.pid:
        return "run"
    command = " ".join(proc.cmdline())
    if "spawn_main" in command or "dask" in command:
        return "workers"
    if "uvicorn" in command or "prefect" in command:
        return "prefect server"
    return "other"


def tree_rss(pid: int) -> dict[str, int]:
    """Resident memory of a process and its descendants, by role (the run itself, its workers,
    Prefect's server), so a growth can be put where it is."""
    by_role = dict.fromkeys(ROLES, 0)
    try:
        root = psutil.Process(pid)
        procs = [root, *root.children(recursive=True)]
    except psutil.NoSuchProcess:
        return by_role
    for proc in procs:
        try:
            by_role[_role(proc, root)] += proc.memory_info().rss
        except psutil.Error:
            pass
    return by_role


def soak(corpus: Path, db: Path, executor: str, doc_timeout: float, total: int) -> dict:
    env = {**os.environ, "PREFECT_SERVER_ANALYTICS_ENABLED": "false", "SCHOOLPIPE_EXECUTOR": executor,
           "SCHOOLPIPE_DOC_TIMEOUT": str(doc_timeout)}
    started = time.monotonic()
    run = subprocess.Popen([str(SCHOOLPIPE), "run", "--corpus", str(corpus), "--db", str(db)], env=env,
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    samples: list[tuple[float, dict[str, int]]] = []  # (seconds since start, RSS by role), once a second
    stop = threading.Event()

    def sample() -> None:
        while not stop.is_set():
            samples.append((time.monotonic() - started, tree_rss(run.pid)))
            stop.wait(1.0)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    times: list[tuple[int, float]] = [(0, 0.0)]
    for line in run.stderr:
        m = PROGRESS.search(line)
        if m:
            times.append((int(m.group(1)), time.monotonic() - started))
    run.wait()
    stop.set()
    memory, peaks = memory_at_milestones(samples, times, total)
    seconds = time.monotonic() - started
    con = duckdb.connect(str(db), read_only=True)
    try:
        statuses = dict(con.execute("SELECT status, count(*) FROM documents GROUP BY status").fetchall())
    finally:
        con.close()
    return {"executor": executor, "exit": run.returncode, "seconds": seconds, "statuses": statuses,
            "accounted": sum(statuses.values()), "memory": memory, "peaks": peaks, "per_thousand": per_thousand(times)}


WINDOW = 0.025  # of the corpus: memory at a milestone is the median over the 250 documents (of 10,000) before it


def memory_at_milestones(samples: list[tuple[float, dict[str, int]]], times: list[tuple[int, float]],
                         total: int) -> tuple[dict[int, dict[str, int]], dict[int, int]]:
    """At each milestone, each role's median resident memory over the window of documents just before
    it (a worker's memory rises and falls with the document in hand and its recycling; a leak shows
    as a rising level), and the peak of the whole tree in that window."""
    def reached(count: int) -> float | None:
        return next((when for done, when in times if done >= count), None)

    memory: dict[int, dict[str, int]] = {}
    peaks: dict[int, int] = {}
    for fraction in MILESTONES:
        mark = round(fraction * total)
        begin, end = reached(max(0, mark - max(1, round(WINDOW * total)))), reached(mark)
        if begin is None or end is None:
            continue
        if not samples:
            continue
        window = [rss for when, rss in samples if begin <= when <= end + 1.0]
        if not window:  # a window shorter than a second: the sample nearest its end
            window = [min(samples, key=lambda sample: abs(sample[0] - end))[1]]
        memory[mark] = {role: int(statistics.median(rss[role] for rss in window)) for role in ROLES}
        peaks[mark] = max(sum(rss.values()) for rss in window)
    return memory, peaks


def per_thousand(times: list[tuple[int, float]]) -> list[float]:
    """Seconds each successive 1,000 documents took (from the run's progress lines)."""
    out, mark = [], 1000
    last_time = 0.0
    for done, when in times:
        while done >= mark:
            out.append(when - last_time)
            last_time, mark = when, mark + 1000
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=10_000)
    ap.add_argument("--executors", default="local,dask")
    ap.add_argument("--work", type=Path)
    ap.add_argument("--doc-timeout", type=float, default=60.0, help="seconds a hostile file may take (doc_timeout)")
    args = ap.parse_args()
    work = args.work or Path(tempfile.mkdtemp(prefix="schoolpipe-soak-"))
    corpus = work / "corpus"
    if corpus.exists():
        shutil.rmtree(corpus)
    made = make_corpus(corpus, args.docs)
    print(f"soak corpus: {args.docs:,} documents in {corpus} ({made['real']:,} distinct copies of "
          f"{len(real_files())} real files, {made['hostile']:,} hostile)", flush=True)
    for executor in args.executors.split(","):
        db = work / f"soak-{executor}.duckdb"
        for leftover in work.glob(f"soak-{executor}.duckdb*"):
            leftover.unlink()
        result = soak(corpus, db, executor, args.doc_timeout, args.docs)
        marks = sorted(result["memory"])
        totals = {m: sum(result["memory"][m].values()) for m in marks}
        first, last = (totals[marks[0]], totals[marks[-1]]) if marks else (0, 0)
        segments = result["per_thousand"]
        print(f"\n{executor}: exit {result['exit']}, {result['seconds'] / 60:.1f} min; "
              f"{result['accounted']:,} of {args.docs:,} documents accounted for: "
              + ", ".join(f"{s} {n:,}" for s, n in sorted(result["statuses"].items(), key=lambda x: -x[1])))
        print("  memory (all processes; median over the 2.5% of documents before each mark): "
              + ", ".join(f"{m:,} docs {totals[m] / 2**20:,.0f} MB" for m in marks)
              + (f"; last/first {last / first:.2f}" if first else ""))
        for role in ROLES:
            print(f"    {role:15}" + ", ".join(f"{result['memory'][m][role] / 2**20:,.0f} MB" for m in marks))
        peaks = [result["peaks"][m] for m in marks]
        print("    peak (all)     " + ", ".join(f"{p / 2**20:,.0f} MB" for p in peaks))
        if segments:
            print("  seconds per 1,000 documents: " + ", ".join(f"{s:.0f}" for s in segments)
                  + f"; last/first {segments[-1] / segments[0]:.2f}")


if __name__ == "__main__":
    main()
