"""Loading pattern files (JSONL, an id on every pattern, each line checked against its file's
schema in `schemas/`) and versioning extractors by hash."""
from __future__ import annotations

import hashlib
import json
import re
from functools import cache
from pathlib import Path

from extractors.prefilter import FilteredRegex

HERE = Path(__file__).parent
SCHEMAS = HERE / "schemas"


class PatternFileError(ValueError):
    """A pattern file that does not follow its schema: the file, the line and what is wrong."""


@cache
def _schema(name: str) -> dict:
    return json.loads((SCHEMAS / f"{name}.schema.json").read_text(encoding="utf-8"))


def check_pattern(name: str, number: int, pattern: dict) -> None:
    """One line of a pattern file against the schema of its kind of line (chosen by the
    schema's discriminator key, so the error says exactly which key is wrong)."""
    from jsonschema import Draft202012Validator  # only when pattern files load

    schema = _schema(name)
    key = schema["discriminator"]
    variant = schema["variants"].get(pattern.get(key) if key else "*")
    where = f"{name}.patterns.jsonl line {number}"
    if variant is None:
        known = ", ".join(sorted(schema["variants"]))
        raise PatternFileError(f"{where}: {key} {pattern.get(key)!r} is not one of {known}")
    errors = list(Draft202012Validator(variant).iter_errors(pattern))
    if errors:
        # an unexpected key first: it is usually the misspelling behind a missing one
        errors.sort(key=lambda e: (e.validator != "additionalProperties", list(e.path)))
        said = "; ".join((".".join(str(p) for p in e.path) + ": " if e.path else "") + e.message for e in errors[:3])
        raise PatternFileError(f"{where} (id {pattern.get('id')!r}): {said}")


@cache
def load_patterns(name: str) -> tuple[dict, ...]:
    """The patterns of `extractors/<name>.patterns.jsonl`; every line must have a unique id."""
    return read_pattern_file(HERE / f"{name}.patterns.jsonl", name)


def read_pattern_file(path: Path, name: str) -> tuple[dict, ...]:
    """Parse and check a pattern file: a misspelt key or a wrong value is an error naming the
    file and the line, raised when the file loads (not a silent miss on every document)."""
    patterns = []
    seen: set[str] = set()
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.lstrip().startswith("//"):
            continue
        try:
            pattern = json.loads(line)
        except json.JSONDecodeError as exc:
            raise PatternFileError(f"{path.name} line {number}: not valid JSON ({exc})") from exc
        pid = pattern.get("id") if isinstance(pattern, dict) else None
        if not pid or pid in seen:
            raise PatternFileError(f"{path.name} line {number}: every pattern needs a unique 'id' (got {pid!r})")
        seen.add(pid)
        check_pattern(name, number, pattern)
        patterns.append(pattern)
    return tuple(patterns)


@cache
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
                raise PatternFileError(f"{name}.patterns.jsonl id {pattern['id']}: bad regex ({exc})") from exc
    return tuple(out)


def extractor_version(module_file: str, *pattern_names: str) -> str:
    """A short hash of an extractor's code and pattern files: changes whenever either does."""
    digest = hashlib.sha256(Path(module_file).read_bytes())
    for name in pattern_names:
        digest.update((HERE / f"{name}.patterns.jsonl").read_bytes())
        digest.update((SCHEMAS / f"{name}.schema.json").read_bytes())
    return digest.hexdigest()[:10]
