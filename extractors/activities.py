"""What schools do together (joint moderation, learning walks, peer review, shared CPD, ...), with evidence."""
from __future__ import annotations

from extractors.patterns import compiled
from extractors.sentences import sentence_around
from extractors.versions import EXTRACTOR_VERSIONS
from pipeline.models import CollaborationActivity, Document

NAME = "activities"
VERSION = EXTRACTOR_VERSIONS.get(NAME, "")
MAX_SENTENCE = 600


def extract_activities(document: Document, partnership_key: str | None) -> list[CollaborationActivity]:
    """Every activity phrase, tied to the document's partnership where it has one."""
    found = []
    for pattern, regex in compiled(NAME):
        for m in regex.finditer(document.text):
            found.append(CollaborationActivity(
                activity=pattern["activity"], phrase=" ".join(m.group(0).split()), partnership_key=partnership_key,
                sentence=" ".join(sentence_around(document.text, m.start(), m.end()).split())[:MAX_SENTENCE],
                page=document.page_at(m.start()), start_char=m.start(), end_char=m.end(), rule_id=pattern["id"],
            ))
    return sorted(found, key=lambda a: a.start_char)
