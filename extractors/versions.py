"""The extractors' versions, from their files alone: cheap to compute, no spaCy import needed."""
from __future__ import annotations

import hashlib

from extractors.patterns import HERE, extractor_version
from pipeline.versions import code_version

# extractor -> (its module, its pattern files); shared modules count as extractors of their own
EXTRACTOR_FILES = {
    "kind": ("kind.py", ("kind",)),
    "identity": ("identity.py", ("identity",)),
    "dates": ("dates.py", ("dates",)),
    "judgements": ("judgements.py", ("judgements", "early_years")),
    "inspection": ("inspection.py", ("inspection",)),
    "partnerships": ("partnerships.py", ("partnerships",)),
    "membership": ("membership.py", ("membership",)),
    "activities": ("activities.py", ("activities",)),
    "grade_mentions": ("grade_mentions.py", ("grade_mentions",)),
    "metrics": ("metrics.py", ("metrics",)),
    "extract": ("extract.py", ()),
    "nlp": ("nlp.py", ()),
    "patterns": ("patterns.py", ()),
    "sentences": ("sentences.py", ("sentences",)),
    "web_page": ("web_page.py", ("web_page",)),
    "early_years": ("early_years.py", ("early_years",)),
    "unrolled": ("unrolled.py", ()),
}
EXTRACTOR_VERSIONS = {name: extractor_version(str(HERE / module), *patterns)
                      for name, (module, patterns) in EXTRACTOR_FILES.items()}
# One version for the whole extraction: any module extraction imports (shared ones such as
# prefilter.py and pipeline/models.py included), any pattern or schema file, or spaCy's version.
EXTRACTION_CODE = code_version("extractors.extract", ("spacy",),
                               (*HERE.glob("*.patterns.jsonl"), *(HERE / "schemas").glob("*.json")))
EXTRACTOR_VERSION = hashlib.sha256(repr((sorted(EXTRACTOR_VERSIONS.items()), EXTRACTION_CODE)).encode()).hexdigest()[:12]
