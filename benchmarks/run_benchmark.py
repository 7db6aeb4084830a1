"""Throughput and memory of `schoolpipe run` against plain pdfplumber and pypdfium2, in one run.

    python benchmarks/run_benchmark.py [--docs N] [--pages-per-doc P] [--repeat R] [--skip-memory]

Builds a corpus of N PDFs (the sample PDFs of ../shared/samples when present, plus
reports generated in several framework layouts), then prints, all measured now on this
machine: pages per second of the whole `schoolpipe run` command (start-up included; the
median of R runs, each into a new warehouse);
a plain single-process pdfplumber `extract_text()` loop over the same PDFs (the
baseline); plain pypdfium2 text extraction (the practical ceiling); the ratios; an
unchanged second run as a fraction of the first; peak memory (all processes) at N, 2N
and 4N documents; and the score line on the samples with both PDF engines.
"""
from __future__ import annotations

import argparse
import datetime as dt
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import pdfplumber
import psutil
import pypdfium2 as pdfium

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT.parent / "shared" / "samples"
REAL = ROOT.parent / "shared" / "real" / "ilacs" / "docs"
sys.path.insert(0, str(ROOT))

from benchmarks.generate_demo import DEMO_REPORTS, ReportSpec, write_report_pdf  # noqa: E402


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
    return [Path(shutil.copy(templates[n % len(templates)], folder / f"doc-{n:05d}-{templates[n % len(templates)].name}"))
            for n in range(docs)]


def real_corpus(folder: Path) -> list[Path]:
    """Ofsted's own PDFs: the real local-authority reports beside the checkout, and the sample PDFs."""
    folder.mkdir(parents=True, exist_ok=True)
    found = sorted(REAL.glob("*.pdf")) + (sorted(SAMPLES.glob("*.pdf")) if SAMPLES.is_dir() else [])
    found = [path for path in found if b"%PDF-" in path.read_bytes()[:1024]]  # one is an HTML error page
    if not found:
        raise SystemExit(f"no real PDFs at {REAL}: run without --real, or put ../shared beside the checkout")
    return [Path(shutil.copy(path, folder / path.name)) for path in found]


def count_pages(paths: list[Path]) -> int:
    total = 0
    for path in paths:
        pdf = pdfium.PdfDocument(path)
        total += len(pdf)
        pdf.close()
    return total


def time_pdfplumber(paths: list[Path]) -> float:
    started = time.perf_counter()
    for path in paths:
        with pdfplumber.open(path) as pdf:
            for page in pdf.pages:
                page.extract_text()
                page.close()
    return time.perf_counter() - started


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


def run_schoolpipe(corpus: Path, db: Path, env: dict, watch_memory: bool = False) -> tuple[float, int, int]:
    """Wall time, exit code and (when watched) peak memory, in bytes summed over the process
    tree, of one run. Timed runs go unwatched: the watcher's polling costs CPU of its own."""
    started = time.perf_counter()
    process = psutil.Popen([str(ROOT / ".venv" / "bin" / "schoolpipe"), "run", "--corpus", str(corpus),
                            "--db", str(db)], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    peak = [0]
    if not watch_memory:
        code = process.wait()
        return time.perf_counter() - started, code, 0
    done = threading.Event()

    def watch() -> None:
        while not done.is_set():
            try:
                procs = [process] + process.children(recursive=True)
                peak[0] = max(peak[0], sum(p.memory_info().rss for p in procs if p.is_running()))
            except psutil.Error:
                pass
            time.sleep(0.05)

    watcher = threading.Thread(target=watch, daemon=True)
    watcher.start()
    code = process.wait()
    done.set()
    watcher.join()
    return time.perf_counter() - started, code, peak[0]


def score(db: Path) -> str:
    if not SAMPLES.is_dir():
        return "(no ../shared/samples: score skipped)"
    out = subprocess.run([sys.executable, str(SAMPLES.parent / "tools" / "score.py"), "--gold",
                          str(SAMPLES / "gold.jsonl"), "--db", str(db)], capture_output=True, text=True).stdout
    return next((line for line in out.splitlines() if line.startswith("score:")), out.strip())


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=160, help="N: documents in the main corpus (160 is over 2,000 pages)")
    ap.add_argument("--pages-per-doc", type=int, default=14)
    ap.add_argument("--repeat", type=int, default=3, help="timed runs of schoolpipe; the median is reported")
    ap.add_argument("--skip-memory", action="store_true", help="leave out the N / 2N / 4N memory runs")
    ap.add_argument("--real", action="store_true",
                    help="measure over Ofsted's real PDFs (../shared/real/ilacs and the samples) instead of generated ones")
    args = ap.parse_args()
    work = Path(tempfile.mkdtemp(prefix="schoolpipe-bench-"))
    env = {**os.environ, "PREFECT_HOME": str(work / "prefect"), "PREFECT_SERVER_ANALYTICS_ENABLED": "false"}
    print(f"schoolpipe benchmark, {dt.datetime.now():%Y-%m-%d %H:%M}, {os.cpu_count()} cores, work in {work}")
    paths = real_corpus(work / "n") if args.real else build_corpus(work / "n", args.docs, args.pages_per_doc)
    pages = count_pages(paths)
    print(f"corpus: {len(paths)} PDFs, {pages} pages")
    run_schoolpipe(work / "n", work / "warmup.duckdb", env)  # Prefect's first start creates its database
    timed = [run_schoolpipe(work / "n", work / f"first-{n}.duckdb", env) for n in range(args.repeat)]
    full, code, _ = sorted(timed)[len(timed) // 2]  # the median run: one noisy run neither helps nor hurts
    spread = f"(of {args.repeat}: {min(t for t, _, _ in timed):.1f}–{max(t for t, _, _ in timed):.1f} s)"
    again, code2, _ = run_schoolpipe(work / "n", work / "first-0.duckdb", env)
    baseline = time_pdfplumber(paths)
    ceiling = time_pypdfium2(paths)
    print(f"schoolpipe run (whole command)  {full:8.1f} s  {pages / full:8.1f} pages/s   exit {code}  median {spread}")
    print(f"pdfplumber extract_text loop    {baseline:8.1f} s  {pages / baseline:8.1f} pages/s   (baseline)")
    print(f"pypdfium2 text loop             {ceiling:8.1f} s  {pages / ceiling:8.1f} pages/s   (ceiling)")
    print(f"ratio schoolpipe / baseline     {baseline / full:8.1f}x   (target >= 10x)")
    print(f"ratio schoolpipe / ceiling      {ceiling / full:8.3f}")
    print(f"unchanged second run            {again:8.1f} s  = {100 * again / full:.1f}% of the first (target <= 5%)  exit {code2}")
    if SAMPLES.is_dir():
        for engine in ("fast", "pdfplumber"):
            db = work / f"samples-{engine}.duckdb"
            run_schoolpipe(SAMPLES, db, {**env, "SCHOOLPIPE_PDF_ENGINE": engine})
            print(f"samples, {engine:10} engine: {score(db)}")
    if not args.skip_memory and not args.real:  # memory at N, 2N, 4N: generated copies only
        peaks = {}
        for factor in (1, 2, 4):
            folder = work / f"mem{factor}"
            build_corpus(folder, args.docs * factor, args.pages_per_doc)
            seconds, _, peak = run_schoolpipe(folder, work / f"mem{factor}.duckdb", env, watch_memory=True)
            peaks[factor] = peak
            print(f"peak memory at {factor}N = {args.docs * factor:5d} docs: {peak / 2**20:7.0f} MiB  ({seconds:.1f} s)")
        print(f"peak at 4N / peak at N          {peaks[4] / peaks[1]:8.2f}   (target <= 1.2)")
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
