"""How well schools named in text resolve to their URN (pipeline/school_names.py), measured two ways
on the real files in ../shared (not a test: `make linking` prints the figures):

(a) schools named in real material that also prints their URN (the samples', independent and web
    reports' gold, and the rows of Ofsted's releases), resolved with the URN hidden. A release's
    rows are resolved against the registers without that release.
(b) every school of the DfE school list, its name rewritten the ways documents write names (St /
    Saint, CE / C of E / Church of England, & / and, with and without The or School, a former name
    from the GIAS links file), resolved with its town (half of them) or its postcode (the other
    half), the URN hidden.

Right: the URN resolved is the school's; wrong: another school's; unresolved: nothing given.
Recall = right / all; precision = right / resolved.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from pipeline.official_csv import OfficialFileError, read_official_csv  # noqa: E402
from pipeline.school_names import SchoolIndex, SchoolRecord  # noqa: E402
from warehouse.official import chains  # noqa: E402

SHARED = Path(__file__).resolve().parent.parent.parent / "shared"
OFFICIAL = SHARED / "real" / "official" / "files"
GOLDS = [SHARED / "samples" / "gold.jsonl", SHARED / "real" / "independent" / "gold.jsonl",
         SHARED / "real" / "web-reports" / "gold.jsonl"]


CHAIN: dict[str, str] = {}


def registers() -> dict[str, list[SchoolRecord]]:
    """Each official file's schools as records, by file name (children's centres are no schools);
    former names and the chains of URNs from the links."""
    found: dict[str, list[SchoolRecord]] = {}
    former: dict[str, list[str]] = {}
    links = []
    for path in sorted(OFFICIAL.glob("*.csv")):
        try:
            parsed = read_official_csv(path.read_bytes(), path.name)
        except OfficialFileError:
            continue
        if parsed.kind == "gias_links":
            links += [(r["urn"], r["link_urn"], r["link_type"]) for r in parsed.rows]
            for row in parsed.rows:
                if row["link_type"].lower().startswith("predecessor") and row.get("link_name"):
                    former.setdefault(row["urn"], []).append(row["link_name"])
            continue
        records: dict[str, SchoolRecord] = {}
        for row in parsed.rows:
            urn = row.get("current_urn") or row["urn"]
            if urn in records or not row.get("school_name") or "children" in (row.get("type_of_establishment") or "").lower():
                continue
            records[urn] = SchoolRecord(urn, [row["school_name"]], row.get("postcode"),
                                        [p for p in (row.get("town"), row.get("local_authority")) if p])
        found[path.name] = list(records.values())
    for records in found.values():
        for record in records:
            record.names += [n for n in former.get(record.urn, []) if n not in record.names]
    from pipeline.official_csv import header_spec
    CHAIN.update(chains(links, {t.lower() for t in header_spec()["kinds"]["gias_links"]["chain_types"]})[0])
    return found


def same_school(a: str | None, b: str) -> bool:
    return a is not None and (a == b or CHAIN.get(a, a) == CHAIN.get(b, b))


def index_without(found: dict[str, list[SchoolRecord]], left_out: str | None = None) -> SchoolIndex:
    merged: dict[str, SchoolRecord] = {}
    for name, records in found.items():
        if name == left_out:
            continue
        for record in records:
            kept = merged.setdefault(record.urn, SchoolRecord(record.urn, [], record.postcode, []))
            kept.names += [n for n in record.names if n not in kept.names]
            kept.postcode = kept.postcode or record.postcode
            kept.places += [p for p in record.places if p not in kept.places]
    return SchoolIndex(list(merged.values()), CHAIN)


def variants(name: str) -> list[tuple[str, str]]:
    """The name as documents write it: (how, rewritten)."""
    out = []
    swaps = [("St ", "Saint "), ("Saint ", "St "), ("St. ", "St "), (" CE ", " C of E "), (" C of E ", " Church of England "),
             (" Church of England ", " CE "), (" CofE ", " Church of England "), (" & ", " and "), (" and ", " & ")]
    for old, new in swaps:
        if old in f" {name} ":
            out.append((f"{old.strip()}→{new.strip()}", f" {name} ".replace(old, new, 1).strip()))
    out.append(("without The", name[4:]) if name.lower().startswith("the ") else ("with The", "The " + name))
    if name.endswith(" School"):
        out.append(("without School", name[:-7]))
    return out


def tally(outcomes: Counter) -> dict:
    right, wrong, none = outcomes["right"], outcomes["wrong"], outcomes["unresolved"]
    total = right + wrong + none
    return {"names": total, "right": right, "wrong": wrong, "unresolved": none,
            "recall": round(right / total, 4) if total else None,
            "precision": round(right / (right + wrong), 4) if right + wrong else None}


def _known(index: SchoolIndex, urn: str) -> bool:
    chain = CHAIN.get(urn, urn)
    return urn in index.keys or any(CHAIN.get(u, u) == chain for u in index.keys if u in CHAIN)


def measure_documents(found) -> tuple[dict, dict, list]:
    outcomes, covered, misses = Counter(), Counter(), []
    index = index_without(found)
    for gold in GOLDS:
        if not gold.is_file():
            continue
        for line in gold.read_text(encoding="utf-8").splitlines():
            doc = json.loads(line)
            urn, name = doc.get("urn"), doc.get("school_name")
            if not (urn and name and str(urn).isdigit()):
                continue
            got = index.resolve(name, postcode=doc.get("postcode"))
            outcome = "unresolved" if got.urn is None else "right" if same_school(got.urn, str(urn)) else "wrong"
            outcomes[outcome] += 1
            if _known(index, str(urn)):
                covered[outcome] += 1
                if outcome != "right":
                    misses.append((gold.parent.name, name, doc.get("postcode"), urn, got))
    for file_name, records in found.items():
        if not file_name.startswith("ofsted-mi"):
            continue
        index = index_without(found, file_name)
        for record in records:
            got = index.resolve(record.names[0], postcode=record.postcode)
            outcome = "unresolved" if got.urn is None else "right" if same_school(got.urn, record.urn) else "wrong"
            outcomes[outcome] += 1
            if _known(index, record.urn):
                covered[outcome] += 1
                if outcome != "right":
                    misses.append((file_name, record.names[0], record.postcode, record.urn, got))
    return tally(outcomes), tally(covered), misses


def measure_register(found) -> tuple[dict, dict, list]:
    outcomes, by_how, misses = Counter(), {}, []
    index = index_without(found)
    for record in found.get("dfe-ks4-information-about-schools-2024-25.csv", []):
        by_town = int(hashlib.sha256(record.urn.encode()).hexdigest(), 16) % 2 == 0
        town = record.places[0] if record.places else None
        names = [("as registered", record.names[0]), *variants(record.names[0]),
                 *[("former name", n) for n in record.names[1:]]]
        for how, name in names:
            got = index.resolve(name, town=town) if by_town else index.resolve(name, postcode=record.postcode)
            outcome = "unresolved" if got.urn is None else "right" if same_school(got.urn, record.urn) else "wrong"
            outcomes[outcome] += 1
            by_how.setdefault(how, Counter())[outcome] += 1
            if outcome != "right":
                misses.append((how, name, town if by_town else record.postcode, record.urn, got))
    return tally(outcomes), {how: tally(c) for how, c in sorted(by_how.items())}, misses


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--show-misses", type=int, default=0, help="print this many misses of each measure")
    args = parser.parse_args()
    if not OFFICIAL.is_dir():
        raise SystemExit(f"linking: {OFFICIAL} is not there; put ../shared beside this checkout")
    found = registers()
    documents, covered, doc_misses = measure_documents(found)
    register, by_how, reg_misses = measure_register(found)
    print(f"(a) schools in real material that prints their URN: {json.dumps(documents)}")
    print(f"    of them in a register (the school under any of its URNs): {json.dumps(covered)}")
    print(f"(b) the DfE school list, names rewritten: {json.dumps(register)}")
    for how, figures in by_how.items():
        print(f"    {how:<28} {json.dumps(figures)}")
    for label, misses in (("(a)", doc_misses), ("(b)", reg_misses)):
        for miss in misses[:args.show_misses]:
            print(label, "miss:", miss)


if __name__ == "__main__":
    main()
