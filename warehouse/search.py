"""Ranked full-text search over every page the warehouse holds (BM25, English stemming)."""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from warehouse.fts import MATCH, SearchUnavailable, has_page_index
from warehouse.query import open_read_only

SNIPPET = 90  # characters either side of the first word found


@dataclass(frozen=True)
class Hit:
    score: float
    school_name: str | None
    kind: str | None
    uri: str
    page: int
    snippet: str


def phrases_of(words: str) -> tuple[list[str], str]:
    """The quoted phrases of a query ("joint moderation"), and all its words for ranking."""
    phrases = [" ".join(p.split()) for p in re.findall(r'"([^"]+)"', words) if p.split()]
    return phrases, " ".join(words.replace('"', " ").split())


def phrase_pattern(phrase: str) -> str:
    """A phrase as a case-insensitive pattern: its words in order, any spacing or line break between."""
    return r"\b" + r"\s+".join(re.escape(w) for w in phrase.split()) + r"\b"


def search(db: str | Path, words: str, kind: str | None = None, limit: int = 20) -> list[Hit]:
    """Pages ranked by BM25 over the words; a quoted phrase must appear as a phrase on the page."""
    phrases, ranked = phrases_of(words)
    con = open_read_only(db)
    try:
        if not has_page_index(con):
            raise SearchUnavailable(f"{db} has no search index yet: run `schoolpipe run` (or `schoolpipe reprocess "
                                    "--force` for documents loaded before pages were kept) to build it")
        params: dict = {"words": ranked, "kind": kind, "limit": limit}
        must = ""
        for n, phrase in enumerate(phrases):
            params[f"phrase{n}"] = phrase_pattern(phrase)
            must += f" AND regexp_matches(p.text, $phrase{n}, 'i')"
        rows = con.execute(
            f"""SELECT p.score, i.school_name, d.kind, d.uri, p.page, p.text
                FROM (SELECT document_id, page, text, {MATCH}(page_id, $words) AS score FROM document_pages) p
                JOIN documents d USING (document_id)
                LEFT JOIN inspections i USING (document_id)
                WHERE p.score IS NOT NULL AND ($kind IS NULL OR d.kind = $kind){must}
                ORDER BY p.score DESC, d.uri, p.page LIMIT $limit""", params).fetchall()
    finally:
        con.close()
    return [Hit(score, school, kind_, uri, page, snippet(text, words)) for score, school, kind_, uri, page, text in rows]


def snippet(text: str, words: str) -> str:
    """The text around the first quoted phrase, else the first of the words (or a stem of one), on one line."""
    phrases, _ = phrases_of(words)
    hit = re.search(phrase_pattern(phrases[0]), text, re.I) if phrases else None
    stems = [w[:max(4, len(w) - 2)] for w in re.findall(r"\w+", words.lower()) if len(w) > 2]
    lowered = text.lower()
    found = [i for i in (lowered.find(stem) for stem in stems) if i >= 0]
    at = hit.start() if hit else (min(found) if found else 0)
    lo, hi = max(0, at - SNIPPET), min(len(text), at + SNIPPET)
    return ("…" if lo else "") + " ".join(text[lo:hi].split()) + ("…" if hi < len(text) else "")
