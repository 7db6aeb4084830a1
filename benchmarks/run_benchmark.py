"""Throughput, memory and where the time goes of `schoolpipe run`, against plain pdfplumber and pypdfium2.

    python benchmarks/run_benchmark.py [--docs N] [--repeat R] [--skip-memory] [--generated [--pages-per-doc P]]

Measures over Ofsted's own PDFs beside the checkout (../shared/real/ilacs/docs and
../shared/samples: about 254 PDFs, 5,400 pages), or with --generated over a corpus of
generated template copies. Prints, all measured now on this machine: pages per second of the
whole `schoolpipe run` command (start-up included; the median of R runs, each into a new
warehouse) and the CPU other processes took meanwhile; a plain single-process pdfplumber
`extract_text()` loop over the same PDFs (the baseline); plain pypdfium2 text extraction (the
practical ceiling); the ratios; an unchanged second run as a fraction of the first; where the
run's wall time went (the run records it: SCHOOLPIPE_TIMINGS); the score line on the samples
with both PDF engines; and peak memory (all processes) at N, 2N and 4N documents (N real
PDFs, then the same PDFs again under new names).
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import pdfplumber
import psutil
import pypdfium2 as pdfium

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT.parent / "shared" / "samples"
REAL = ROOT.parent / "shared" / "real" / "ilacs" / "docs"
SCHOOLPIPE = Path(sys.executable).with_name("schoolpipe")
sys.path.insert(0, str(ROOT))

from benchmarks.generate_demo import DEMO_REPORTS, ReportSpec, write_report_pdf  # noqa: E402
from pipeline import timings  # noqa: E402


def build_corpus(folder: Path, docs: int, pages_per_doc: int) -> list[Path]:
    """The sample PDFs, then one generated report per framework layout, copied under new names
    up to `docs` documents (each copy is a document of its own to the pipeline)."""
    folder.mkdir(parents=True, exist_ok=True)
    templates = sorted(SAMPLES.glob("*.pdf")) if SAMPLES.is_dir() else []
    made = folder.parent / "templates"
    made.mkdir(exist_ok=True)
    for spec in DEMO_REPORTS:
        target = made / f"template-{spec.framework}-{pages_per_doc}.pdf"
        if not target.exists():
            write_report_pdf(ReportSpec(**{**spec.__dict__, "n_pages": pages_per_doc}), target)
        templates.append(target)
    return copies(templates, folder, docs)


def copies(templates: list[Path], folder: Path, docs: int) -> list[Path]:
    """`docs` documents in `folder`: the templates in turn, each copy under a new name."""
    folder.mkdir(parents=True, exist_ok=True)
    return [Path(shutil.copy(templates[n % len(templates)], folder / f"doc-{n:05d}-{templates[n % len(templates)].name}"))
            for n in range(docs)]


def real_pdfs() -> list[Path]:
    """Ofsted's own PDFs: the real local-authority reports beside the checkout, and the sample PDFs."""
    found = sorted(REAL.glob("*.pdf")) + (sorted(SAMPLES.glob("*.pdf")) if SAMPLES.is_dir() else [])
    found = [path for path in found if b"%PDF-" in path.read_bytes()[:1024]]  # one is an HTML error page
    if not found:
        raise SystemExit(f"no real PDFs at {REAL}: run with --generated, or put ../shared beside the checkout")
    return found


def real_corpus(folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    return [Path(shutil.copy(path, folder / path.name)) for path in real_pdfs()]


def real_subset(docs: int) -> list[Path]:
    """`docs` real PDFs taken evenly across the whole list (old and new frameworks, short and long)."""
    found = real_pdfs()
    step = max(1, len(found) // docs)
    return found[::step][:docs]


def count_pages(paths: list[Path]) -> int:
    total = 0
    for path in paths:
        pdf = pdfium.PdfDocument(path)
        total += len(pdf)
        pdf.close()
    return total


def time_pdfplumber(paths: list[Path]) -> tuple[float, float]:
    """Wall and CPU seconds (a single process: under load, CPU below wall is time lost to others)."""
    started, cpu = time.perf_counter(), time.process_time()
    for path in paths:
        with pdfplumber.open(path) as pdf:
            for page in pdf.pages:
                page.extract_text()
                page.close()
    return time.perf_counter() - started, time.process_time() - cpu


def time_pypdfium2(paths: list[Path]) -> float:
    started = time.perf_counter()
    for path in paths:
        pdf = pdfium.PdfDocument(path)
        for page in pdf:
            textpage = page.get_textpage()
            textpage.get_text_range()
            textpage.close()
            page.close()
        pdf.close()
    return time.perf_counter() - started


@dataclass
class Run:
    seconds: float       # wall time, from Popen to exit
    code: int            # exit code
    peak: int = 0        # peak memory in bytes, summed over the process tree (watched runs only)
    cpu: float = 0.0     # CPU seconds of schoolpipe's processes (the command, its workers, its server)
    others: float = 0.0  # CPU seconds every other process on the machine took meanwhile
    timings: dict | None = None  # the run's own report (pipeline/timings.py)
    cpu_by_kind: dict | None = None  # CPU seconds last seen of each kind of process in the tree


def process_kind(process: psutil.Process, top: int) -> str:
    if process.pid == top:
        return "the command"
    command = " ".join(process.cmdline())
    if "uvicorn" in command or "prefect" in command:
        return "Prefect's temporary server"
    return "workers" if "spawn_main" in command else "others"


def busy_cpu() -> float:
    times = psutil.cpu_times()
    return sum(times) - times.idle - getattr(times, "iowait", 0.0)


def children_cpu() -> float:
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    return used.ru_utime + used.ru_stime


def run_schoolpipe(corpus: Path, db: Path, env: dict, watch_memory: bool = False) -> Run:
    """One `schoolpipe run`, its own timings report beside the warehouse. Timed runs are watched
    only twice a second (the CPU of each process, for the split): polling costs CPU of its own."""
    report = db.with_name(db.name + ".timings.json")
    report.unlink(missing_ok=True)
    machine, ours = busy_cpu(), children_cpu()
    started = time.perf_counter()
    process = psutil.Popen([str(SCHOOLPIPE), "run", "--corpus", str(corpus), "--db", str(db)],
                           env={**env, timings.ENV: str(report)}, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    peak = [0]
    last_cpu: dict[int, tuple[str, float]] = {}  # pid -> (kind, CPU seconds when last seen)
    done = threading.Event()

    def watch() -> None:
        while not done.is_set():
            try:
                procs = [process] + process.children(recursive=True)
                if watch_memory:
                    peak[0] = max(peak[0], sum(p.memory_info().rss for p in procs if p.is_running()))
                for p in procs:
                    used = p.cpu_times()
                    kind = last_cpu[p.pid][0] if p.pid in last_cpu else process_kind(p, process.pid)
                    last_cpu[p.pid] = (kind, used.user + used.system)
            except psutil.Error:
                pass
            done.wait(0.05 if watch_memory else 0.5)

    watcher = threading.Thread(target=watch, daemon=True)
    watcher.start()
    code = process.wait()
    seconds = time.perf_counter() - started
    done.set()
    watcher.join()
    cpu = children_cpu() - ours  # the process tree, as each process was reaped
    others = max(0.0, busy_cpu() - machine - cpu)
    by_kind: dict[str, float] = {}
    for kind, used in last_cpu.values():
        by_kind[kind] = by_kind.get(kind, 0.0) + used
    found = json.loads(report.read_text(encoding="utf-8")) if report.exists() else None
    return Run(seconds, code, peak[0], cpu, others, found, by_kind)


def breakdown_lines(run: Run) -> list[str]:
    """The run's own account of its wall time, as a table (see pipeline/timings.py)."""
    if not run.timings:
        return ["(the run wrote no timings)"]
    report = run.timings
    rows = timings.breakdown(report, wall=run.seconds)
    parent = len(rows) - len(report["worker_seconds"])
    lines = [f"where the {run.seconds:.1f} s went ({report['documents']} documents, {report['workers']} workers):",
             f"  {'stage':48} {'seconds':>8} {'share':>7}",
             "  the parent's timeline (each second in one phase; shares of the wall time)"]
    lines += [f"  {name:48} {seconds:8.1f} {100 * share:6.1f}%" for name, seconds, share in rows[:parent]]
    lines.append(f"  the workers (worker-seconds; shares of the {report['workers']} x "
                 f"{report['wall_seconds']:.1f} s they had)")
    lines += [f"  {name:48} {seconds:8.1f} {100 * share:6.1f}%" for name, seconds, share in rows[parent:]]
    return lines


def score(db: Path) -> str:
    if not SAMPLES.is_dir():
        return "(no ../shared/samples: score skipped)"
    out = subprocess.run([sys.executable, str(SAMPLES.parent / "tools" / "score.py"), "--gold",
                          str(SAMPLES / "gold.jsonl"), "--db", str(db)], capture_output=True, text=True).stdout
    return next((line for line in out.splitlines() if line.startswith("score:")), out.strip())


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, help="N of the memory runs: real PDFs (default 60), or with "
                                             "--generated the documents of the main corpus too (default 160)")
    ap.add_argument("--repeat", type=int, default=1, help="timed runs of schoolpipe; the median is reported")
    ap.add_argument("--skip-memory", action="store_true", help="leave out the N / 2N / 4N memory runs")
    ap.add_argument("--generated", action="store_true",
                    help="measure over generated template copies (the samples and demo layouts) instead of real PDFs")
    ap.add_argument("--pages-per-doc", type=int, default=14, help="pages of each generated template (--generated)")
    ap.add_argument("--real", action="store_true", help=argparse.SUPPRESS)  # the default now
    args = ap.parse_args()
    docs = args.docs or (160 if args.generated else 60)
    work = Path(tempfile.mkdtemp(prefix="schoolpipe-bench-"))
    env = {**os.environ, "PREFECT_HOME": str(work / "prefect"), "PREFECT_SERVER_ANALYTICS_ENABLED": "false"}
    load = ", ".join(f"{n:.1f}" for n in os.getloadavg())
    print(f"schoolpipe benchmark, {dt.datetime.now():%Y-%m-%d %H:%M}, {os.cpu_count()} cores "
          f"(load average {load}), work in {work}")
    if args.generated:
        paths = build_corpus(work / "n", docs, args.pages_per_doc)
    else:
        paths = real_corpus(work / "n")
    pages = count_pages(paths)
    print(f"corpus: {len(paths)} {'generated' if args.generated else 'real'} PDFs, {pages} pages")
    copies(paths[:1], work / "warmup", 1)
    run_schoolpipe(work / "warmup", work / "warmup.duckdb", env)  # Prefect's first start creates its database
    timed = [run_schoolpipe(work / "n", work / f"first-{n}.duckdb", env) for n in range(args.repeat)]
    median = sorted(timed, key=lambda run: run.seconds)[len(timed) // 2]  # one noisy run neither helps nor hurts
    full = median.seconds
    spread = f"(of {args.repeat}: {min(r.seconds for r in timed):.1f}–{max(r.seconds for r in timed):.1f} s)"
    again = run_schoolpipe(work / "n", work / f"first-{timed.index(median)}.duckdb", env)
    baseline, baseline_cpu = time_pdfplumber(paths)
    ceiling = time_pypdfium2(paths)
    print(f"schoolpipe run (whole command)  {full:8.1f} s  {pages / full:8.1f} pages/s   exit {median.code}  median {spread}")
    print(f"  CPU meanwhile: schoolpipe's processes {median.cpu:.0f} s, other processes {median.others:.0f} s "
          f"(of {os.cpu_count()} cores x {full:.0f} s = {(os.cpu_count() or 1) * full:.0f} s)")
    print("  schoolpipe's CPU by process: "
          + ", ".join(f"{kind} {used:.0f} s" for kind, used in sorted((median.cpu_by_kind or {}).items())))
    print(f"pdfplumber extract_text loop    {baseline:8.1f} s  {pages / baseline:8.1f} pages/s   (baseline; "
          f"CPU {baseline_cpu:.0f} s of its {baseline:.0f} s)")
    print(f"pypdfium2 text loop             {ceiling:8.1f} s  {pages / ceiling:8.1f} pages/s   (ceiling)")
    print(f"ratio schoolpipe / baseline     {baseline / full:8.1f}x   (target >= 10x)")
    print(f"ratio schoolpipe / ceiling      {ceiling / full:8.3f}")
    print(f"unchanged second run            {again.seconds:8.1f} s  = {100 * again.seconds / full:.1f}% of the first "
          f"(target <= 5%)  exit {again.code}")
    for line in breakdown_lines(median):
        print(line)
    if SAMPLES.is_dir():
        for engine in ("fast", "pdfplumber"):
            db = work / f"samples-{engine}.duckdb"
            run_schoolpipe(SAMPLES, db, {**env, "SCHOOLPIPE_PDF_ENGINE": engine})
            print(f"samples, {engine:10} engine: {score(db)}")
    if not args.skip_memory:  # memory at N, 2N, 4N: the same documents again under new names
        subset = paths[:docs] if args.generated else real_subset(docs)
        what = "generated" if args.generated else "real"
        peaks = {}
        for factor in (1, 2, 4):
            folder = work / f"mem{factor}"
            found = copies(subset, folder, len(subset) * factor)
            run = run_schoolpipe(folder, work / f"mem{factor}.duckdb", env, watch_memory=True)
            peaks[factor] = run.peak
            print(f"peak memory at {factor}N = {len(found):5d} {what} docs: {run.peak / 2**20:7.0f} MiB  "
                  f"({run.seconds:.1f} s)")
        print(f"peak at 4N / peak at N          {peaks[4] / peaks[1]:8.2f}   (target <= 1.2)")
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
