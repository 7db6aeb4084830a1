"""The document and record models shared by parsing, extraction, loading and the command line."""
from __future__ import annotations

import bisect
import datetime as dt
from dataclasses import dataclass, field

# Document statuses. Anything but OK means nothing was extracted from the document.
OK = "ok"
NEEDS_OCR = "needs_ocr"          # a PDF without a usable text layer
EMPTY = "empty"                  # zero bytes, or no text at all
CORRUPT = "corrupt"              # the bytes do not parse as what they claim to be
ENCRYPTED = "encrypted"          # a password is needed to read it
UNSUPPORTED = "unsupported"      # not a PDF, HTML or text document
TOO_LARGE = "too_large"          # over the size or page cap
WRONG_TYPE = "wrong_type"        # named .pdf but holds something else (an HTML error page, say)
TIMEOUT = "timeout"              # parsing took longer than the per-document limit
CRASHED = "crashed"              # the worker process died (memory limit, a crash in a library)
PARSE_ERROR = "parse_error"      # the parser failed in an unexpected way
EXTRACT_ERROR = "extract_error"  # an extractor failed in an unexpected way
# Found in a corpus folder but never read (the sha256 is NULL):
UNREADABLE = "unreadable"        # no read permission, or the disk failed
NOT_A_FILE = "not_a_file"        # a FIFO, socket or device named like a document
LINK_OUTSIDE = "link_outside"    # a symlink leading out of the corpus folder: not followed
BROKEN_LINK = "broken_link"      # a symlink to nothing, or a loop
DOCUMENT_STATUSES = (OK, NEEDS_OCR, EMPTY, CORRUPT, ENCRYPTED, UNSUPPORTED, TOO_LARGE, WRONG_TYPE, TIMEOUT, CRASHED,
                     PARSE_ERROR, EXTRACT_ERROR, UNREADABLE, NOT_A_FILE, LINK_OUTSIDE, BROKEN_LINK)

# Document kinds (the schema contract's `documents.kind`).
INSPECTION_REPORT = "inspection_report"
MONITORING_LETTER = "monitoring_letter"
SHORT_INSPECTION_LETTER = "short_inspection_letter"
CASE_STUDY = "case_study"
OTHER = "other"


@dataclass(frozen=True)
class Page:
    """One page: its 1-based number and the span of `Document.text` it occupies; a page read by
    OCR carries the engine's mean word confidence (0 to 1), a page with a text layer None."""
    number: int
    start: int
    end: int
    ocr_confidence: float | None = None


@dataclass(frozen=True)
class Line:
    """One line of the reading-order text; `cells` > 1 when the line is a table row."""
    page: int
    start: int
    end: int
    cells: int = 1


@dataclass(frozen=True)
class Document:
    """Parsed text in reading order. Every character maps back to a page through `pages`.

    Table cells on one line are separated by a tab; lines by a newline. Running headers
    and footers are not in `text` (sentences crossing a page join up); they are kept in
    `furniture`, one string per distinct header or footer.
    """
    text: str
    pages: tuple[Page, ...]
    lines: tuple[Line, ...] = ()
    furniture: tuple[str, ...] = ()
    media_type: str = "text/plain"
    title: str | None = None
    ocr_engine: str | None = None  # the engine (and version) that read the pages without a text layer

    @property
    def page_count(self) -> int:
        return len(self.pages)

    def page_at(self, offset: int) -> int:
        """The page number holding the character at `offset`."""
        if not self.pages:
            return 1
        starts = [p.start for p in self.pages]
        index = max(0, bisect.bisect_right(starts, offset) - 1)
        return self.pages[index].number


@dataclass(frozen=True)
class SourceDocument:
    """A document to process: where it came from and its raw bytes' identity. One that was
    found but could not be read carries its `problem` (a status) and `error` instead of a sha256."""
    uri: str
    path: str
    sha256: str | None
    size_bytes: int
    problem: str | None = None
    error: str | None = None

    @property
    def document_id(self) -> str:
        return document_id_for(self.uri)


def document_id_for(uri: str) -> str:
    """A stable id per location, so a changed file replaces its earlier rows."""
    import hashlib
    return hashlib.sha256(uri.encode("utf-8", "surrogateescape")).hexdigest()[:20]


@dataclass(frozen=True)
class Judgement:
    area: str               # as printed
    area_key: str           # normalised
    grade: str              # normalised label, sentence case
    grade_score: int | None # 1-4 on Ofsted's four-point scales, else None
    grade_scale: str        # ofsted4_2005, ofsted4_2012, report_card, met
    grade_rank: int | None  # 1 = best, on the grade's own scale
    page: int
    start_char: int
    end_char: int
    evidence: str
    rule_id: str


@dataclass(frozen=True)
class PartnershipMention:
    name: str               # the fullest form of the name in the document; for an unnamed one the phrase
    mention_text: str       # the words as printed here
    partnership_key: str    # named: the normalised name (one partnership across documents); unnamed: "~type"
    partnership_type: str
    named: bool
    sentence: str
    page: int
    start_char: int
    end_char: int
    rule_id: str


@dataclass(frozen=True)
class PartnershipMember:
    """A school belonging to a partnership, as a document says."""
    partnership_key: str
    partnership_name: str
    school_name: str
    role: str               # lead, member, this_school
    urn: str | None = None
    postcode: str | None = None
    address: str | None = None
    telephone: str | None = None
    email: str | None = None
    headteacher: str | None = None
    local_authority: str | None = None
    phase: str | None = None
    school_type: str | None = None
    page: int = 1
    start_char: int = 0
    end_char: int = 0
    evidence: str = ""
    rule_id: str = ""


@dataclass(frozen=True)
class CollaborationActivity:
    """Something schools do together: joint moderation, peer review, shared CPD, ..."""
    activity: str           # normalised key, e.g. joint_moderation
    phrase: str             # as printed
    partnership_key: str | None  # the partnership it belongs to, when the document has one
    sentence: str
    page: int
    start_char: int
    end_char: int
    rule_id: str


@dataclass(frozen=True)
class Inspection:
    school_name: str | None = None
    urn: str | None = None
    postcode: str | None = None
    local_authority: str | None = None
    school_type: str | None = None
    school_category: str | None = None
    inspection_start: dt.date | None = None
    inspection_end: dt.date | None = None
    inspection_type: str | None = None
    framework: str | None = None
    remit: str = "school"    # school, independent_school, early_years, further_education, local_authority, trust, social_care, ...
    overall_effectiveness: str | None = None
    previous_overall_effectiveness: str | None = None
    special_measures: bool | None = None     # the categories of concern: None outside the school remit
    serious_weaknesses: bool | None = None
    notice_to_improve: bool | None = None
    safeguarding: str | None = None
    evidence: str | None = None  # where the headline values were read, as "field: page n" notes


@dataclass(frozen=True)
class Extraction:
    """Everything the extractors found in one document."""
    kind: str
    inspection: Inspection | None
    judgements: tuple[Judgement, ...] = ()
    partnerships: tuple[PartnershipMention, ...] = ()
    extractor_version: str = ""
    members: tuple[PartnershipMember, ...] = ()
    activities: tuple[CollaborationActivity, ...] = ()
    grade_mentions: tuple = ()   # GradeMention records
    metrics: tuple = ()          # Metric records


@dataclass(frozen=True)
class DocumentResult:
    """The outcome for one document: what the loader writes, whatever happened."""
    source: SourceDocument
    status: str
    media_type: str | None = None
    page_count: int | None = None
    error: str | None = None
    extraction: Extraction | None = None
    parser_version: str = ""
    extractor_version: str = ""
    seconds: float = 0.0
    page_texts: tuple[str, ...] = ()  # each page's reading-order text (for full-text search)
    page_ocr: tuple[float | None, ...] = ()  # each page's OCR confidence; None for a page with a text layer
    ocr_engine: str | None = None

    @property
    def document_id(self) -> str:
        return self.source.document_id


@dataclass
class RunSummary:
    """Counts for the end-of-run report (mutable: filled as the run goes)."""
    run_id: str
    documents_seen: int = 0
    documents_processed: int = 0
    documents_unchanged: int = 0
    by_status: dict[str, int] = field(default_factory=dict)
    by_kind: dict[str, int] = field(default_factory=dict)
    inspections: int = 0
    judgements: int = 0
    partnership_mentions: int = 0
    errors: list[tuple[str, str, str]] = field(default_factory=list)  # (uri, status, error)
    seconds: float = 0.0
    requests: int = 0           # HTTP requests made (robots.txt and retries included)
    downloads: int = 0          # URLs whose bytes were downloaded
    not_modified: int = 0       # URLs the server said had not changed
    fetch_errors: list[tuple[str, str, str]] = field(default_factory=list)  # (url, status, error)
    notes: list[str] = field(default_factory=list)  # work the run left on purpose, and why (a cap reached)

    @property
    def failed(self) -> int:
        """Documents that could not be used, and URLs that could not be fetched."""
        return sum(n for status, n in self.by_status.items() if status != OK) + len(self.fetch_errors)

    def record_fetches(self, requests: int, downloads: int, not_modified: int,
                       errors: list[tuple[str, str, str]]) -> None:
        self.requests, self.downloads, self.not_modified = requests, downloads, not_modified
        self.fetch_errors = list(errors)

    def add_results(self, results: list[DocumentResult]) -> None:
        """Count processed documents by status and kind, and keep their errors."""
        for result in results:
            self.documents_processed += 1
            self.by_status[result.status] = self.by_status.get(result.status, 0) + 1
            if result.extraction is not None:
                self.by_kind[result.extraction.kind] = self.by_kind.get(result.extraction.kind, 0) + 1
            if result.error:
                self.errors.append((result.source.uri, result.status, result.error))


@dataclass(frozen=True)
class GradeMention:
    """A grade quoted in prose (case studies, letters), or an aggregate of many schools' grades."""
    statement: str          # single, continues, aggregate_share, aggregate_all
    grade: str | None       # normalised label, e.g. "Good"; for "good or outstanding" the lower bound "Good"
    area: str | None        # as printed, e.g. "Effectiveness of leadership and management"; None when not named
    school_name: str | None  # the school it is about, where the text says
    about_date: str | None  # the date it is about as printed or ISO, e.g. "Feb 2017", "2014"
    hypothetical: bool      # "could be judged outstanding"
    previous: bool          # "at its previous inspection", "(2014 L&M RI)"
    negated: bool           # "not yet good"
    share_percent: float | None  # aggregate: "76% Good" -> 76.0
    of_schools: int | None  # aggregate: "16 schools"
    sentence: str
    page: int
    start_char: int
    end_char: int
    rule_id: str


@dataclass(frozen=True)
class Metric:
    """A figure in prose: a progress score or a percentage, with what it is about and compared with."""
    measure: str            # progress_score, percentage
    value: float
    subject: str | None     # reading, writing, maths, ...
    pupil_group: str | None  # disadvantaged, FSM, SEND, all, ...
    year: int | None
    area: str | None        # the place it is about, e.g. "Stoke-on-Trent"
    comparison: str | None  # national, regional, statistical neighbours, ...
    comparison_value: float | None
    text: str               # as printed
    sentence: str
    page: int
    start_char: int
    end_char: int
    rule_id: str
