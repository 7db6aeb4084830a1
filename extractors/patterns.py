"""Loading pattern files (JSONL, an id on every pattern) and versioning extractors by hash."""
from __future__ import annotations

import hashlib
import json
import re
from functools import lru_cache
from pathlib import Path

from extractors.prefilter import FilteredRegex

HERE = Path(__file__).parent


@lru_cache(maxsize=None)
def load_patterns(name: str) -> tuple[dict, ...]:
    """The patterns of `extractors/<name>.patterns.jsonl`; every line must have a unique id."""
    path = HERE / f"{name}.patterns.jsonl"
    patterns = []
    seen: set[str] = set()
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.lstrip().startswith("//"):
            continue
        try:
            pattern = json.loads(line)
        except json.JSONDecodeError as exc:
            raise ValueError(f"{path.name} line {number}: not valid JSON ({exc})") from exc
        pid = pattern.get("id")
        if not pid or pid in seen:
            raise ValueError(f"{path.name} line {number}: every pattern needs a unique 'id' (got {pid!r})")
        seen.add(pid)
        patterns.append(pattern)
    return tuple(patterns)


@lru_cache(maxsize=None)
def compiled(name: str) -> tuple[tuple[dict, FilteredRegex], ...]:
    """The regex patterns of a pattern file, compiled (case-insensitive, multi-line), each
    behind a check for the words its matches must contain (see `prefilter`)."""
    out = []
    for pattern in load_patterns(name):
        if "regex" in pattern:
            flags = re.M | (0 if pattern.get("case_sensitive") else re.I)
            try:
                out.append((pattern, FilteredRegex(re.compile(pattern["regex"], flags))))
            except re.error as exc:
                raise ValueError(f"{name}.patterns.jsonl id {pattern['id']}: bad regex ({exc})") from exc
    return tuple(out)


def extractor_version(module_file: str, *pattern_names: str) -> str:
    """A short hash of an extractor's code and pattern files: changes whenever either does."""
    digest = hashlib.sha256(Path(module_file).read_bytes())
    for name in pattern_names:
        digest.update((HERE / f"{name}.patterns.jsonl").read_bytes())
    return digest.hexdigest()[:10]
