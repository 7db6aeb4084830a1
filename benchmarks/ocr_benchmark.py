"""OCR against the text layer on scans made from real Ofsted PDFs, and OCR's speed.

    python benchmarks/ocr_benchmark.py [--docs N] [--pages P] [--dpi D]

Each PDF (the sample PDFs, then N local-authority reports from ../shared/real/ilacs cut to
their first P pages) is rendered to images and bound again as an image-only PDF at the scan
resolution D (what a scanner gives); both versions are parsed and extracted in this process,
and the fields (kind, name, URN, dates, overall grade, framework, remit) and judgements compared.
Prints the agreement and OCR's pages per second (one process; the pipeline runs one per core).
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.scans import first_pages, image_only  # noqa: E402
from extractors.extract import extract_document  # noqa: E402
from pipeline.parse import parse_document  # noqa: E402

SHARED = ROOT.parent / "shared"
FIELDS = ("school_name", "urn", "inspection_start", "inspection_end", "overall_effectiveness", "framework", "remit")


def read(data: bytes) -> tuple[dict, set, int, float]:
    started = time.perf_counter()
    document = parse_document(data)
    seconds = time.perf_counter() - started
    extraction = extract_document(document)
    found = {name: getattr(extraction.inspection, name, None) for name in FIELDS}
    found["kind"] = extraction.kind
    return found, {(j.area_key, j.grade) for j in extraction.judgements}, document.page_count, seconds


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=12, help="local-authority reports besides the samples")
    ap.add_argument("--pages", type=int, default=4, help="first pages of each report")
    ap.add_argument("--dpi", type=int, default=150, help="resolution of the made scans")
    args = ap.parse_args()
    paths = sorted((SHARED / "samples").glob("*.pdf"))
    reports = [p for p in sorted((SHARED / "real" / "ilacs" / "docs").glob("*.pdf")) if p.read_bytes()[:5] == b"%PDF-"]
    step = max(1, len(reports) // max(1, args.docs))
    paths += reports[3::step][: args.docs]
    if not paths:
        print("no PDFs: ../shared/samples and ../shared/real/ilacs are needed", file=sys.stderr)
        return 1
    fields = agree = wanted = found = invented = pages = 0
    ocr_seconds = 0.0
    for path in paths:
        data = path.read_bytes()
        if "ilacs" in str(path):
            data = first_pages(data, args.pages)
        text_fields, text_judgements, _, _ = read(data)
        scan_fields, scan_judgements, n, seconds = read(image_only(data, args.dpi))
        pages += n
        ocr_seconds += seconds
        same = sum(text_fields[k] == scan_fields[k] for k in text_fields)
        fields += len(text_fields)
        agree += same
        wanted += len(text_judgements)
        found += len(text_judgements & scan_judgements)
        invented += len(scan_judgements - text_judgements)
        misses = [k for k in text_fields if text_fields[k] != scan_fields[k]]
        print(f"{path.name:55s} fields {same}/{len(text_fields)}  judgements {len(text_judgements & scan_judgements)}/"
              f"{len(text_judgements)}" + (f"  differ: {', '.join(misses)}" if misses else ""))
    print(f"\n{len(paths)} PDFs, {pages} scanned pages at {args.dpi} dpi")
    print(f"fields agree      {agree}/{fields} = {agree / fields:.3f}")
    print(f"judgements found  {found}/{wanted} = {found / max(1, wanted):.3f}  (invented {invented})")
    print(f"OCR speed         {pages / ocr_seconds:.2f} pages/s in one process ({ocr_seconds / pages:.2f} s a page, "
          "parse included)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
