"""Page layouts that draw synthetic Ofsted-style reports the way each framework printed them."""

from __future__ import annotations

import random
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from reportlab.lib.colors import HexColor, black
from reportlab.lib.pagesizes import A4
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

if TYPE_CHECKING:
    from benchmarks.generate_demo import ReportSpec

REGULAR, BOLD = "Helvetica", "Helvetica-Bold"
SYMBOL = "Symbol"  # reportlab encodes a Helvetica "•" as byte 127, which pdfminer cannot map; Symbol's can
LEFT, RIGHT, GRADE_X = 60, 535, 530
LEFT_COLUMN, RIGHT_COLUMN = (60, 283), (312, 531)
BULLET_INDENT = 14
WEAK_GRADES = {"Inadequate", "Requires improvement", "3", "4", "Needs attention", "Urgent improvement"}
GRADE_DIGITS = {"Outstanding": "1", "Good": "2", "Requires improvement": "3", "Satisfactory": "3", "Inadequate": "4"}
REPORT_CARD_GRADES = {  # grade word -> (legend colour, glossary definition); wording is invented
    "Exceptional": ("#1d6f42", "The very best provision, strong in every respect and a model that other schools could learn from."),
    "Strong standard": ("#58a55c", "Provision that goes beyond what is expected in important ways."),
    "Expected standard": ("#1f5fa8", "Provision that meets the standard every school should reach."),
    "Needs attention": ("#f2a900", "Provision that falls short of the expected standard in some respects and must improve."),
    "Urgent improvement": ("#c8102e", "Provision with serious weaknesses that the school needs to put right without delay."),
}
PARTNERSHIP_NAME = re.compile(r"((?:[A-Z][\w’'-]*\s+)+(?:Trust|Partnership|Network|Cluster|Alliance|Federation))\b")
PEOPLE = ["Mrs Helen", "Mr Daniel", "Ms Priya", "Mr Gareth", "Dr Nadia", "Mr Owen", "Mrs Ruth", "Mr Tomasz",
          "Ms Aisha", "Dr Colin"]
SURNAMES = ["Marsh", "Okafor", "Whitcombe", "Lindqvist", "Harrower", "Penrose", "Adeyemi", "Stallard"]
SECTION_5 = "This inspection of the school was carried out under section 5 of the Education Act 2005."

# Invented prose; each topic has enough sentences to sample five without repeats.
PROSE = {
    "leadership": [
        "Leaders have a clear and accurate picture of what {school} does well and where it needs to improve.",
        "Governors visit regularly and ask searching questions about the progress of different groups of pupils.",
        "The headteacher has built a team of middle leaders who check the quality of their subjects with growing confidence.",
        "Staff say that leaders are considerate of their workload and that training is closely matched to their needs.",
        "Plans for improvement are sharply focused, with milestones that governors use to hold leaders to account.",
        "Leaders have made sure that the arrangements for safeguarding are effective and understood by every adult.",
        "Additional funding for disadvantaged pupils is spent on carefully chosen support, and leaders check its impact each term.",
        "Subject leaders have reshaped the curriculum so that pupils revisit important knowledge before moving on.",
        "Parents who spoke to inspectors were positive about the changes made since the previous inspection.",
    ],
    "teaching": [
        "Teachers use precise questioning to find out what pupils already know and to correct misconceptions quickly.",
        "In mathematics, pupils are given regular opportunities to explain their reasoning using accurate vocabulary.",
        "Teaching assistants are well briefed and make a strong contribution to the learning of pupils who need extra help.",
        "Reading is taught systematically from the moment children join the school, and books are matched to the sounds pupils know.",
        "Occasionally, the most able pupils spend too long on tasks that they have already mastered.",
        "Teachers set high expectations for the presentation of work, and pupils take pride in their books.",
        "Assessment information is used well to plan the next steps in learning for each class.",
        "Homework builds sensibly on what pupils have learned in class and is valued by families.",
        "Pupils’ writing shows a good command of grammar, although their spelling is less secure.",
    ],
    "behaviour": [
        "Pupils are polite, friendly and keen to talk about their learning with visitors.",
        "Attendance has risen steadily over the last two years and is now close to the national average.",
        "Pupils say that bullying is rare and that adults deal with it quickly when it happens.",
        "Around the school, including at lunchtimes, pupils behave sensibly and look after one another.",
        "Pupils understand how to keep themselves safe online and can explain what to do if something worries them.",
        "A small number of pupils still arrive late too often, and leaders are working with families to address this.",
        "Older pupils take on responsibilities as play leaders and school councillors with enthusiasm.",
        "Low-level disruption is uncommon because routines are well established in every classroom.",
    ],
    "outcomes": [
        "Pupils make strong progress in reading, writing and mathematics from their different starting points.",
        "The proportion of pupils reaching the expected standard at the end of key stage 2 has increased each year.",
        "Disadvantaged pupils are catching up with their classmates, although gaps remain in writing.",
        "Pupils with special educational needs and/or disabilities make good progress because their needs are identified early.",
        "Results in the phonics screening check have improved and are now above those seen nationally.",
        "Pupils leave the school well prepared for the next stage of their education.",
        "Progress in science and the humanities is less consistent than in English and mathematics.",
        "The most able pupils are increasingly reaching the higher standards in mathematics.",
    ],
    "early_years": [
        "Children settle quickly into the Nursery class because staff take time to get to know each family.",
        "The early years classrooms are bright and well organised, with activities that spark children’s curiosity.",
        "Staff model language carefully, and children quickly learn new words linked to their topics.",
        "The proportion of children reaching a good level of development by the end of Reception is rising.",
        "Adults keep detailed records of children’s learning and share these regularly with parents.",
        "Children play cooperatively, take turns and follow the routines of the setting without fuss.",
        "The outdoor area is not used as well as the indoor classroom to develop early number skills.",
    ],
    "personal_development": [
        "Pupils learn about a wide range of faiths and cultures and show respect for people who are different from themselves.",
        "A varied programme of clubs, including choir, coding and cross-country running, is well attended.",
        "Pupils talk confidently about fairness, democracy and the rule of law.",
        "The pastoral team provides sensitive support for pupils who are anxious or going through difficult times.",
        "Trips to local museums, the coast and a residential centre broaden pupils’ experiences.",
        "Pupils raise money for local charities and are proud of the difference they make to their community.",
        "Staff identify pupils’ additional needs early and put effective support in place quickly.",
        "Families say they feel listened to and well informed about the help their children receive.",
    ],
    "improve": [
        "Leaders should make sure that the most able pupils are consistently challenged in all subjects.",
        "The school should improve pupils’ spelling so that it matches the quality of their written composition.",
        "Leaders should sharpen the checks they make on the foundation subjects so that pupils’ knowledge builds securely.",
        "Staff should make better use of the outdoor area in the early years to develop children’s mathematical understanding.",
        "Leaders should continue to work with families to reduce the number of pupils who are persistently absent.",
        "Governors should evaluate more precisely the impact of the additional funding for disadvantaged pupils.",
    ],
    "context": [
        "{school} is larger than the average-sized primary school.",
        "Most pupils are from White British backgrounds, and few speak English as an additional language.",
        "The proportion of pupils known to be eligible for free school meals is above the national average.",
        "The proportion of pupils who have special educational needs and/or disabilities is broadly average.",
        "Children attend the Nursery part time and the Reception classes full time.",
        "The headteacher took up post in September of the previous academic year.",
        "The governing body manages a breakfast club on the school site.",
    ],
    "inspection": [
        "Inspectors observed learning in every class, several of them jointly with senior leaders.",
        "Inspectors met the headteacher, other leaders, a group of governors and a representative of the local authority.",
        "Inspectors listened to pupils read and looked at a wide range of pupils’ work in books.",
        "The views of parents were gathered through the online questionnaire and conversations at the start of the day.",
        "Inspectors scrutinised documents, including the school’s self-evaluation, improvement plans and safeguarding records.",
        "Inspectors took account of the responses to the staff and pupil surveys.",
    ],
    "concerns": [
        "Leaders have been too slow to tackle weaknesses in the quality of teaching.",
        "Too many pupils do not achieve as well as they should, particularly in reading.",
        "Checks on pupils’ work have not identified the extent of the gaps in their knowledge.",
        "Governors have not held leaders to account with enough rigour.",
        "The curriculum is not planned carefully enough, so pupils do not build their knowledge over time.",
        "Expectations of what pupils can achieve are too low in several classes.",
        "Disruption to learning is too frequent and is not always dealt with consistently.",
    ],
}
SUBJECTS = {  # subject -> things pupils might explain; feeds varied filler paragraphs
    "history": ["why the Romans built roads across Britain", "how the lives of children changed in Victorian times"],
    "geography": ["how rivers shape the land around them", "how their town differs from a coastal village"],
    "science": ["how shadows change during the day", "why some materials are better insulators than others"],
    "music": ["how composers use tempo to create mood", "how to keep a steady pulse when playing in a group"],
    "art and design": ["how artists use line and tone", "the techniques they used to print their own designs"],
    "computing": ["how to find and fix a mistake in a simple program", "why passwords should be kept private"],
    "religious education": ["the meaning of festivals in different faiths", "how communities use places of worship"],
    "physical education": ["how to warm up safely before exercise", "the rules of the invasion games they play"],
    "design and technology": ["how to make a structure stronger", "how they tested and improved a prototype"],
    "French": ["how to describe the weather", "how to ask and answer simple questions about their family"],
}
SUBJECT_SENTENCES = [
    "In {subject}, leaders have set out the knowledge pupils should learn and the order in which to learn it.",
    "Pupils in Year {year} explained {fact} with confidence.",
    "Older pupils could recall {fact}, which shows that important knowledge has stuck.",
    "Teachers check that pupils remember earlier learning in {subject} before introducing new ideas.",
    "The curriculum for {subject} is {state}.",
    "Leaders know that {subject} is taught less consistently in some classes and have plans to address this.",
    "Resources for {subject} have been improved, and pupils use them well.",
    "Pupils enjoy {subject} and talk enthusiastically about {fact}.",
    "Work in pupils’ {subject} books shows that they build on what they have learned before.",
    "Some pupils struggled to remember {fact}, because earlier units were not revisited.",
    "Visits and visitors bring {subject} to life, and pupils remember these experiences well.",
    "The subject leader for {subject} has checked how well the curriculum is taught in each class.",
]
SUBJECT_STATES = ["well established", "newer than in other subjects", "ambitious and carefully ordered",
                  "still being refined", "taught with real enthusiasm"]
TOPIC_KEYWORDS = (("leadership", "leadership"), ("teaching", "teaching"), ("quality of education", "teaching"),
                  ("curriculum", "teaching"), ("quality of provision", "teaching"),
                  ("behaviour", "behaviour"), ("attendance", "behaviour"),
                  ("outcomes", "outcomes"), ("achievement", "outcomes"), ("early years", "early_years"),
                  ("personal development", "personal_development"), ("inclusion", "personal_development"))


@dataclass(frozen=True)
class TextOp:
    x: float
    y: float
    text: str
    font: str = REGULAR
    size: float = 10
    align: str = "left"


@dataclass(frozen=True)
class BoxOp:
    x: float
    y: float
    width: float
    height: float
    colour: str


@dataclass(frozen=True)
class SchoolFacts:
    """Details-table values not worth a ReportSpec field, derived from the URN so they are stable."""

    inspection_number: str
    roll: str
    chair: str
    headteacher: str
    inspector: str
    telephone: str
    previous_inspection: str


Page = list  # of TextOp | BoxOp
Furniture = Callable[[int, int], list]  # (page number, page total) -> running header/footer ops


# ---------------------------------------------------------------- text helpers

def measure(text: str, font: str = REGULAR, size: float = 10) -> float:
    return stringWidth(text, font, size)


def wrap_words(text: str, width: float, font: str = REGULAR, size: float = 10,
               break_after: int | None = None) -> list[str]:
    """Greedy word wrap; break_after forces a line break after that word index."""
    lines: list[str] = []
    current: list[str] = []
    for index, word in enumerate(text.split()):
        if current and measure(" ".join([*current, word]), font, size) > width:
            lines.append(" ".join(current))
            current = []
        current.append(word)
        if index == break_after:
            lines.append(" ".join(current))
            current = []
    return lines + [" ".join(current)] if current else lines


def wrap_chars(text: str, width: float, font: str = REGULAR, size: float = 10) -> list[str]:
    """Split mid-token with no hyphen, as the real details tables do with URLs and emails."""
    lines, current = [], ""
    for char in text:
        if current and measure(current + char, font, size) > width:
            lines.append(current)
            current = ""
        current += char
    return lines + [current] if current else lines


def find_partnership_name(sentence: str | None) -> str | None:
    """The capitalised run ending in Trust/Partnership/Network/Cluster/Alliance/Federation."""
    match = PARTNERSHIP_NAME.search(sentence or "")
    return match.group(1).removeprefix("The ") if match else None


def wrap_straddling(text: str, phrase: str | None, width: float) -> list[str]:
    """Wrap so that phrase is split across two lines, a known hard case for name extraction."""
    lines = wrap_words(text, width)
    words, target = text.split(), (phrase or "").split()
    bare = [word.rstrip(".,;:") for word in words]
    starts = [i for i in range(len(words)) if target and bare[i:i + len(target)] == target]
    if not starts:
        return lines
    first, last = starts[0], starts[0] + len(target) - 1
    if line_of_word(lines, first) != line_of_word(lines, last):
        return lines
    return wrap_words(text, width, break_after=first)


def line_of_word(lines: list[str], index: int) -> int:
    seen = 0
    for number, line in enumerate(lines):
        seen += len(line.split())
        if index < seen:
            return number
    return len(lines) - 1


def format_dates(start: date, end: date | None, joiner: str = "–") -> str:
    """'9–10 November 2016' (joiner '–') or '18 and 19 March 2025' (joiner ' and ')."""
    if end is None or end == start:
        return f"{start.day} {start:%B} {start.year}"
    if start.year != end.year:
        return f"{start.day} {start:%B} {start.year}{joiner}{end.day} {end:%B} {end.year}"
    if start.month != end.month:
        return f"{start.day} {start:%B}{joiner}{end.day} {end:%B} {end.year}"
    return f"{start.day}{joiner}{end.day} {end:%B} {end.year}"


class Prose:
    """Deals invented sentences without repeats until a topic runs dry, so filler reads naturally."""

    def __init__(self, seed: str, school: str):
        self.rng, self.school = random.Random(seed), school
        self.decks: dict[str, list[str]] = {}
        self.subjects: list[str] = []

    def take(self, topic: str, count: int) -> list[str]:
        taken: list[str] = []
        for _ in range(count):
            if not self.decks.get(topic):  # reshuffle, keeping this paragraph's sentences out of the new deck
                self.decks[topic] = [s for s in self.rng.sample(PROSE[topic], len(PROSE[topic])) if s not in taken]
            taken.append(self.decks[topic].pop())
        return [sentence.format(school=self.school) for sentence in taken]

    def paragraph(self, topic: str, count: int = 5, weak: bool = False) -> str:
        """Weak grades lead with concerns so the prose matches the grade."""
        sentences = self.take("concerns", 3) + self.take(topic, count - 3) if weak else self.take(topic, count)
        return " ".join(sentences)

    def filler(self, topic: str) -> str:
        """The topic's unseen sentences while they last; teaching runs on into subject-by-subject paragraphs."""
        unseen = len(self.decks.get(topic, PROSE[topic]))
        if topic != "teaching" and unseen >= 2:
            return self.paragraph(topic, min(unseen, 4))
        if not self.subjects:
            self.subjects = self.rng.sample(sorted(SUBJECTS), len(SUBJECTS))
        subject = self.subjects.pop()
        return " ".join(template.format(subject=subject, fact=self.rng.choice(SUBJECTS[subject]),
                                        year=self.rng.randint(2, 6), state=self.rng.choice(SUBJECT_STATES))
                        for template in self.rng.sample(SUBJECT_SENTENCES, 4))


def topic_for(area: str) -> str:
    lowered = area.lower()
    return next((topic for key, topic in TOPIC_KEYWORDS if key in lowered), "leadership")


def allocate(extra: int, topics: list[str]) -> list[int]:
    """Filler paragraphs per section: one each for the others, the rest to teaching, where real reports run long."""
    counts = [0] * len(topics)
    others = [i for i, topic in enumerate(topics) if topic != "teaching"]
    teaching = [i for i, topic in enumerate(topics) if topic == "teaching"] or list(range(len(topics)))
    for n in range(extra):
        counts[others[n] if n < len(others) else teaching[(n - len(others)) % len(teaching)]] += 1
    return counts


def invent_facts(spec: ReportSpec) -> SchoolFacts:
    rng = random.Random(f"facts-{spec.urn}")
    people = [f"{rng.choice(PEOPLE)} {rng.choice(SURNAMES)}" for _ in range(3)]
    previous = spec.inspection_start - timedelta(days=rng.randint(700, 1400))
    return SchoolFacts(
        inspection_number=str(rng.randint(10_000_000, 10_099_999)) if spec.framework >= "2015"
        else str(rng.randint(300_000, 499_999)),
        roll=str(rng.randint(180, 460)), chair=people[0], headteacher=people[1], inspector=people[2],
        telephone=f"0121 496 {rng.randint(0, 999):04d}",  # Ofcom drama range, never a real line
        previous_inspection=f"{previous.day} {previous:%B} {previous.year}")



def sentence_for(grade: str) -> str:
    return {"Outstanding": "This is an outstanding school", "Good": "This is a good school",
            "Requires improvement": "This is a school that requires improvement",
            "Inadequate": "This is an inadequate school"}.get(grade, "This is a good school")


def special_measures_sentence(section: str = "44(1)", majesty: str = "Her") -> str:
    return (f"In accordance with section {section} of the Education Act 2005, {majesty} Majesty’s Chief "
            "Inspector is of the opinion that this school requires special measures because it is failing to "
            "give its pupils an acceptable standard of education and the persons responsible for leading, "
            "managing or governing the school are not demonstrating the capacity to secure the necessary "
            "improvement in the school.")


def lower_first(heading: str) -> str:
    """'The Leadership and management are good' -> 'The leadership and management are good'."""
    first, _, rest = heading.partition(" ")
    return f"{first} {rest[:1].lower()}{rest[1:]}"


def judgement_heading(area: str, grade: str) -> str:
    plural = area.split()[0] in {"Outcomes", "Leadership", "Behaviour"}
    if grade == "Requires improvement":
        return f"{area} {'require' if plural else 'requires'} improvement"
    return f"{area} {'are' if plural else 'is'} {grade.lower()}"



# ---------------------------------------------------------------- flowing text down pages

class Flow:
    """Pours lines down pages (y is the next baseline), starting a new page when the body is full."""

    def __init__(self, top: float = 800, bottom: float = 60, leading: float = 13):
        self.top, self.bottom, self.leading = top, bottom, leading
        self.pages: list[Page] = [[]]
        self.y = top

    def new_page(self) -> None:
        self.pages.append([])
        self.y = self.top

    def room_for(self, height: float) -> None:
        if self.y - height < self.bottom:
            self.new_page()

    def put(self, x: float, text: str, font: str = REGULAR, size: float = 10, align: str = "left",
            dy: float = 0) -> None:
        self.pages[-1].append(TextOp(x, self.y - dy, text, font, size, align))

    def line(self, text: str, font: str = REGULAR, size: float = 10, advance: float | None = None) -> None:
        self.put(LEFT, text, font, size)
        self.y -= advance if advance is not None else size + 4

    def heading(self, text: str, size: float = 12) -> None:
        if self.y < self.top:
            self.y -= 6
        self.room_for(size + 3 * self.leading)  # never strand a heading at the foot of a page
        for part in wrap_words(text, RIGHT - LEFT, BOLD, size):
            self.line(part, BOLD, size, advance=size + 5)

    def paragraph(self, text: str, font: str = REGULAR, size: float = 10, x: float = LEFT) -> None:
        for part in wrap_words(text, RIGHT - x, font, size):
            last_slot = self.y - self.leading < self.bottom
            # a sentence-final line never ends a page, so page breaks fall mid-sentence as in real reports
            if self.y < self.bottom or (last_slot and part.endswith((".", ":", "?"))):
                self.new_page()
            self.put(x, part, font, size)
            self.y -= self.leading
        self.y -= 6

    def row(self, label: str, cells: Sequence[tuple[float, str, str]], label_width: float = 300,
            font: str = REGULAR, gap: float = 6) -> None:
        """A label that may wrap at the left, with cells (x, text, align) on its first baseline."""
        parts = wrap_words(label, label_width, font)
        self.room_for(len(parts) * 12)
        for number, part in enumerate(parts):
            self.put(LEFT, part, font, dy=12 * number)
        for x, text, align in cells:
            self.put(x, text, font, align=align)
        self.y -= 12 * len(parts) + gap

    def pair(self, label: str, values: list[str], value_x: float = 300) -> None:
        """Label/value details row; values is the pre-wrapped value lines."""
        labels = wrap_words(label, value_x - LEFT - 12)
        height = 12 * max(len(labels), len(values))
        self.room_for(height)
        for number, part in enumerate(labels):
            self.put(LEFT, part, dy=12 * number)
        for number, part in enumerate(values):
            self.put(value_x, part, dy=12 * number)
        self.y -= height + 5

    def columns(self, left: list[str], right: list[str], straddle: str | None = None) -> None:
        """Two bullet columns on one shared baseline grid, so extraction interleaves them."""
        laid = [bullet_lines(left, LEFT_COLUMN, straddle), bullet_lines(right, RIGHT_COLUMN, straddle)]
        height = self.leading * max(len(column) for column in laid)
        self.room_for(height)
        for column in laid:
            for number, pieces in enumerate(column):
                for x, text, font in pieces:
                    self.put(x, text, font, dy=self.leading * number)
        self.y -= height + 8


def bullet_lines(items: list[str], column: tuple[float, float], straddle: str | None) -> list[list]:
    x0, x1 = column
    lines: list[list] = []
    for item in items:
        parts = wrap_straddling(item, straddle, x1 - x0 - BULLET_INDENT)
        lines.append([(x0, "•", SYMBOL), (x0 + BULLET_INDENT, parts[0], REGULAR)])
        lines.extend([(x0 + BULLET_INDENT, part, REGULAR)] for part in parts[1:])
    return lines


def grow(build: Callable[[int], list[Page]], target: int, limit: int = 200) -> list[Page]:
    """Add filler paragraphs until the target page count is reached, then until the body pages are full."""
    extra, pages = 0, build(0)
    while len(pages) < target and extra < limit:
        extra += 1
        pages = build(extra)
    while extra < limit:
        candidate = build(extra + 1)
        if len(candidate) != len(pages):
            return pages
        extra, pages = extra + 1, candidate
    return pages


def render_pages(path: str | Path, pages: list[Page], furniture: Furniture, title: str) -> Path:
    # invariant=1 pins the creation date and document ID so repeated runs are byte-identical
    canvas = Canvas(str(path), pagesize=A4, invariant=1)
    canvas.setTitle(title)
    canvas.setAuthor("schoolpipe synthetic demo corpus")
    for number, ops in enumerate(pages, start=1):
        for op in [*ops, *furniture(number, len(pages))]:
            draw(canvas, op)
        canvas.showPage()
    canvas.save()
    return Path(path)


def draw(canvas: Canvas, op: TextOp | BoxOp) -> None:
    if isinstance(op, BoxOp):
        canvas.setFillColor(HexColor(op.colour))
        canvas.rect(op.x, op.y, op.width, op.height, fill=1, stroke=0)
        canvas.setFillColor(black)
        return
    canvas.setFont(op.font, op.size)
    if op.align == "right":
        canvas.drawRightString(op.x, op.y, op.text)
    else:
        canvas.drawString(op.x, op.y, op.text)


# ---------------------------------------------------------------- shared report parts

def add_masthead(flow: Flow, title: str, address: str, dates_label: str, dates: str) -> None:
    for part in wrap_words(title, RIGHT - LEFT, BOLD, 20):
        flow.line(part, BOLD, 20, advance=24)
    flow.line(address, advance=20)
    flow.put(LEFT, dates_label, BOLD)
    flow.put(200, dates)
    flow.y -= 28


def add_sections(flow: Flow, spec: ReportSpec, prose: Prose, extra: int,
                 heading_for: Callable[[str, str], str]) -> None:
    """One prose section per judgement; the leadership section carries the partnership sentence."""
    areas = [(a, g) for a, g in spec.judgements if not a.startswith("Overall")]
    for (area, grade), more in zip(areas, allocate(extra, [topic_for(area) for area, _ in areas])):
        flow.heading(heading_for(area, grade), 11)
        text = prose.paragraph(topic_for(area), 6, grade in WEAK_GRADES)
        if spec.partnership_sentence and topic_for(area) == "leadership" and spec.framework != "2015":
            text = f"{text} {spec.partnership_sentence}"
        flow.paragraph(text)
        for _ in range(more):
            flow.paragraph(prose.filler(topic_for(area)))


def add_details(flow: Flow, spec: ReportSpec, facts: SchoolFacts, era: str) -> None:
    flow.new_page()
    flow.heading("School details", 14)
    ages = "3–11" if era == "2012" else "3 to 11"
    previous_label = "Date of previous school inspection" if era == "2012" else "Date of previous inspection"
    rows = [("Unique reference number", spec.urn), ("Local authority", spec.local_authority),
            ("Inspection number", facts.inspection_number), ("Type of school", "Primary"),
            ("School category", "Community"), ("Age range of pupils", ages), ("Gender of pupils", "Mixed"),
            ("Number of pupils on the school roll", facts.roll), ("Appropriate authority", "The governing body"),
            ("Chair", facts.chair), ("Headteacher", facts.headteacher), ("Telephone number", facts.telephone),
            ("Website", spec.website), ("Email address", spec.email), (previous_label, facts.previous_inspection)]
    for label, value in rows:
        if era == "2012" and label == "Website":
            continue
        wrapped = wrap_chars(value, RIGHT - 300) if label in {"Website", "Email address"} \
            else wrap_words(value, RIGHT - 300)
        flow.pair(label, wrapped)


def add_information(flow: Flow, spec: ReportSpec, prose: Prose, extra_sentence: str = "") -> None:
    flow.heading("Information about this school", 11)
    flow.paragraph(prose.paragraph("context", 4))
    flow.heading("Information about this inspection", 11)
    flow.paragraph(" ".join(filter(None, [SECTION_5, extra_sentence, prose.paragraph("inspection", 4)])))


def pick_bullets(prose: Prose, topics: list[str], weak: bool = False) -> list[str]:
    return [prose.take("concerns" if weak and n % 2 == 0 else topic, 1)[0] for n, topic in enumerate(topics)]


def overall_grade(spec: ReportSpec) -> str:
    return next((g for a, g in spec.judgements if a.startswith("Overall effectiveness")), "Good")


# ---------------------------------------------------------------- one layout per framework

def lay_out_2015(spec: ReportSpec) -> tuple[list[Page], Furniture]:
    dates, facts = format_dates(spec.inspection_start, spec.inspection_end), invent_facts(spec)
    overall = overall_grade(spec)
    weak = overall in WEAK_GRADES
    partnership = find_partnership_name(spec.partnership_sentence)

    def build(extra: int) -> list[Page]:
        prose, flow = Prose(spec.urn, spec.school_name), Flow(bottom=60)
        flow.line("School report", size=9, advance=22)
        add_masthead(flow, spec.school_name, spec.address, "Inspection dates", dates)
        rows = [*spec.judgements, *([("Overall effectiveness at previous inspection", spec.previous_grade)]
                                    if spec.previous_grade else [])]
        for area, grade in rows:
            # a 202pt label column makes exactly 'Personal development, behaviour and welfare' wrap
            flow.row(area, [(GRADE_X, grade, "right")], label_width=202)
        flow.heading("Summary of key findings for parents and pupils", 12)
        flow.line(sentence_for(overall), BOLD, 11, advance=18)
        left = pick_bullets(prose, ["leadership", "teaching", "outcomes"], weak)
        if spec.partnership_sentence:
            left.insert(1, spec.partnership_sentence)
        flow.columns(left, pick_bullets(prose, ["behaviour", "early_years"], weak), partnership)
        flow.heading("The school has the following strengths", 12)
        flow.columns(pick_bullets(prose, ["personal_development", "teaching"], False),
                     pick_bullets(prose, ["behaviour", "leadership", "outcomes"], False))
        flow.new_page()
        flow.heading("Full report", 14)
        if spec.special_measures:
            flow.paragraph(special_measures_sentence())
        flow.heading("What does the school need to do to improve further?", 11)
        flow.paragraph(prose.paragraph("improve", 4))
        flow.heading("Inspection judgements", 12)
        add_sections(flow, spec, prose, extra, judgement_heading)
        add_information(flow, spec, prose)
        add_details(flow, spec, facts, "2015")
        flow.new_page()
        flow.heading("About this report", 11)
        flow.paragraph("This synthetic report was generated for the schoolpipe demonstration corpus. "
                       "The school, its staff and every judgement in it are invented.")
        return flow.pages

    def furniture(number: int, total: int) -> list:
        return [TextOp(LEFT, 30, f"Inspection report: {spec.school_name}, {dates}", size=8),
                TextOp(RIGHT, 30, f"Page {number} of {total}", size=8, align="right")]

    return grow(build, spec.n_pages), furniture


def lay_out_2012(spec: ReportSpec) -> tuple[list[Page], Furniture]:
    dates, facts = format_dates(spec.inspection_start, spec.inspection_end), invent_facts(spec)
    overall = overall_grade(spec)

    def grade_cells(grade: str | None) -> list[tuple[float, str, str]]:
        word = grade or "Not previously inspected"
        return [(410, word, "left"), *([(GRADE_X, GRADE_DIGITS[word], "right")] if word in GRADE_DIGITS else [])]

    def build(extra: int) -> list[Page]:
        prose, flow = Prose(spec.urn, spec.school_name), Flow(top=790, bottom=50)
        flow.y = 800
        flow.line("School report", size=9, advance=22)
        add_masthead(flow, spec.school_name, spec.address, "Inspection dates", dates)
        for area, grade in spec.judgements:
            if area == "Overall effectiveness":
                # the label sits between its two sub-rows, as in the printed 2012-15 tables
                flow.put(LEFT, area, BOLD, dy=9)
                for sub, value in (("Previous inspection:", spec.previous_grade), ("This inspection:", grade)):
                    flow.put(250, sub)
                    for x, text, align in grade_cells(value):
                        flow.put(x, text, align=align)
                    flow.y -= 18
                flow.y -= 4
            else:
                flow.row(area, grade_cells(grade), font=BOLD, gap=8)
        flow.heading("Summary of key findings for parents and pupils", 12)
        flow.line(f"{sentence_for(overall)}.", BOLD, 11, advance=18)
        weak = overall in WEAK_GRADES
        flow.columns(pick_bullets(prose, ["leadership", "teaching", "outcomes"], weak),
                     pick_bullets(prose, ["behaviour", "personal_development"], weak))
        if overall in {"Good", "Requires improvement"}:
            target = "an outstanding" if overall == "Good" else "a good"
            flow.heading(f"It is not yet {target} school because", 12)
            flow.columns(pick_bullets(prose, ["concerns", "improve"], False),
                         pick_bullets(prose, ["improve"], False))
        flow.new_page()
        flow.heading("Full report", 14)
        if spec.special_measures:
            flow.paragraph(special_measures_sentence())
        flow.heading("What does the school need to do to improve further?", 11)
        flow.paragraph(prose.paragraph("improve", 4))
        flow.heading("Inspection judgements", 12)
        add_sections(flow, spec, prose, extra, lambda area, grade: lower_first(f"The {judgement_heading(area, grade)}"))
        add_information(flow, spec, prose)
        add_details(flow, spec, facts, "2012")
        return flow.pages

    def furniture(number: int, total: int) -> list:
        if number == 1:
            return []
        return [TextOp(LEFT, 815, f"Inspection report: {spec.school_name}, {dates}", size=8),
                TextOp(RIGHT, 815, f"{number} of {total}", size=8, align="right")]

    return grow(build, spec.n_pages), furniture


def lay_out_eif(spec: ReportSpec) -> tuple[list[Page], Furniture]:
    """Education inspection framework (2019) and its 2024 variant without an overall grade."""
    dates, facts = format_dates(spec.inspection_start, spec.inspection_end, " and "), invent_facts(spec)
    majesty = "His" if spec.framework == "2024" else "Her"  # the monarch changed in September 2022

    def build(extra: int) -> list[Page]:
        prose, flow = Prose(spec.urn, spec.school_name), Flow(bottom=70)
        add_masthead(flow, f"Inspection of {spec.school_name}", spec.address, "Inspection dates:", dates)
        previous = [("Previous inspection grade", spec.previous_grade)] if spec.previous_grade else []
        rows = [*spec.judgements, *previous]
        for area, grade in rows:
            flow.row(area, [(GRADE_X, grade, "right")], gap=8)
        flow.heading("What is it like to attend this school?", 14)
        for topic in ["personal_development", "behaviour"]:
            flow.paragraph(prose.paragraph(topic, 5))
        flow.heading("What does the school do well and what does it need to do better?", 14)
        if spec.special_measures:
            flow.paragraph(special_measures_sentence(majesty=majesty))
        add_sections(flow, spec, prose, extra, lambda area, grade: area)
        notes = "Schools receiving a graded inspection from September 2024 will not be given an overall " \
                "effectiveness grade." if spec.framework == "2024" else ""
        add_information(flow, spec, prose, notes)
        add_details(flow, spec, facts, spec.framework)
        return flow.pages

    def furniture(number: int, total: int) -> list:
        return [TextOp(LEFT, 40, f"Inspection report: {spec.school_name}", size=8),
                TextOp(LEFT, 30, dates, size=8), TextOp(RIGHT, 40, str(number), size=8, align="right")]

    return grow(build, spec.n_pages), furniture


def lay_out_2025(spec: ReportSpec) -> tuple[list[Page], Furniture]:
    dates = format_dates(spec.inspection_start, spec.inspection_end, " and ")

    def build(extra: int) -> list[Page]:
        prose, flow = Prose(spec.urn, spec.school_name), Flow(bottom=60)
        for part in wrap_words(spec.school_name, RIGHT - LEFT, BOLD, 20):
            flow.line(part, BOLD, 20, advance=24)
        flow.line(f"Address: {spec.address}")
        flow.line(f"Unique reference number (URN): {spec.urn}")
        flow.line(f"Inspection report: {dates}", advance=24)
        for grade, (colour, _) in REPORT_CARD_GRADES.items():
            flow.pages[-1].append(BoxOp(LEFT, flow.y - 1, 12, 9, colour))
            flow.put(LEFT + 18, grade)
            flow.y -= 15
        flow.y -= 6
        flow.line("Safeguarding standards met", BOLD, 11, advance=22)
        if spec.special_measures:
            flow.paragraph(special_measures_sentence(majesty="His"))
        for (area, grade), more in zip(spec.judgements, allocate(extra, [topic_for(a) for a, _ in spec.judgements])):
            flow.room_for(18 + 3 * flow.leading)
            flow.put(LEFT, area, BOLD, 12)
            flow.put(GRADE_X, grade, BOLD, 11, align="right")
            flow.y -= 18
            text = prose.paragraph(topic_for(area), 5, grade in WEAK_GRADES)
            if topic_for(area) == "leadership" and spec.partnership_sentence:
                text = f"{text} {spec.partnership_sentence}"
            flow.paragraph(text)
            for _ in range(more):
                flow.paragraph(prose.filler(topic_for(area)))
        flow.heading("Our grades explained", 14)
        for grade, (_, definition) in REPORT_CARD_GRADES.items():
            flow.room_for(3 * flow.leading)
            flow.line(grade, BOLD, 10, advance=13)
            flow.paragraph(definition)
        return flow.pages

    def furniture(number: int, total: int) -> list:
        return [TextOp(LEFT, 30, f"Report card: {spec.school_name}", size=8),
                TextOp(RIGHT, 30, f"Page {number} of {total}", size=8, align="right")]

    return grow(build, spec.n_pages), furniture


def lay_out_2009(spec: ReportSpec) -> tuple[list[Page], Furniture]:
    dates, facts = format_dates(spec.inspection_start, spec.inspection_end), invent_facts(spec)
    headline = [j for j in spec.judgements if j[0].startswith(("Overall effectiveness", "The school"))]
    others = [j for j in spec.judgements if j not in headline]

    def build(extra: int) -> list[Page]:
        prose, flow = Prose(spec.urn, spec.school_name), Flow(top=790, bottom=60)
        flow.y = 800
        flow.line("Inspection report", BOLD, 20, advance=28)
        flow.line(spec.school_name, BOLD, 16, advance=26)
        for label, value in (("Unique Reference Number", spec.urn), ("Local Authority", spec.local_authority),
                             ("Inspection number", facts.inspection_number), ("Inspection dates", dates),
                             ("Reporting inspector", facts.inspector)):
            flow.pair(label, [value], value_x=250)
        flow.y -= 10
        flow.paragraph(SECTION_5)
        for label, value in (("Type of school", "Primary"), ("School category", "Community"),
                             ("Age range of pupils", "3–11"), ("Gender of pupils", "Mixed"),
                             ("Number of pupils on the school roll", facts.roll),
                             ("Appropriate authority", "The governing body"), ("Chair", facts.chair),
                             ("Headteacher", facts.headteacher),
                             ("Date of previous school inspection", facts.previous_inspection)):
            flow.pair(label, [value], value_x=250)
        flow.pair("School address", spec.address.split(", "), value_x=250)
        flow.pair("Telephone number", [facts.telephone], value_x=250)
        flow.pair("Email address", wrap_chars(spec.email, RIGHT - 250), value_x=250)
        flow.new_page()
        flow.heading("Introduction", 12)
        flow.paragraph(prose.paragraph("inspection", 4))
        flow.heading("Information about the school", 12)
        flow.paragraph(prose.paragraph("context", 4))
        flow.y -= 6
        for area, digit in headline:
            flow.row(area, [(520, digit, "right")], label_width=420, font=BOLD, gap=10)
        flow.heading("Main findings", 12)
        if spec.special_measures:
            flow.paragraph(special_measures_sentence("13 (3)"))
        main = prose.paragraph("leadership", 6, spec.special_measures)
        flow.paragraph(" ".join(filter(None, [main, spec.partnership_sentence])))
        flow.heading("What does the school need to do to improve further?", 12)
        flow.paragraph(prose.paragraph("improve", 4))
        for (area, digit), more in zip(others, allocate(extra, [topic_for(area) for area, _ in others])):
            flow.row(area, [(520, digit, "right")], label_width=420, font=BOLD, gap=8)
            flow.paragraph(prose.paragraph(topic_for(area), 6, digit in WEAK_GRADES))
            for _ in range(more):
                flow.paragraph(prose.filler(topic_for(area)))
        return flow.pages

    def furniture(number: int, total: int) -> list:
        header = [TextOp(LEFT, 815, "Inspection grades: 1 is outstanding, 2 is good, 3 is satisfactory, "
                                    "and 4 is inadequate", size=8)] if number > 1 else []
        return [*header, TextOp(RIGHT, 30, str(number), size=8, align="right")]

    return grow(build, spec.n_pages), furniture


LAYOUTS = {"2009": lay_out_2009, "2012": lay_out_2012, "2015": lay_out_2015,
           "2019": lay_out_eif, "2024": lay_out_eif, "2025": lay_out_2025}


def lay_out_report(spec: ReportSpec) -> tuple[list[Page], Furniture]:
    return LAYOUTS[spec.framework](spec)


def lay_out_monitoring_letter(school_name: str, urn: str, visit_dates_text: str, *, address: str,
                              headteacher: str, inspector: str, ordinal: str, letter_date_text: str,
                              section_5_month: str) -> tuple[list[Page], Furniture]:
    salutation = " ".join(headteacher.split()[::2])  # "Mrs Joanne Pereira" -> "Mrs Pereira"

    def build(extra: int) -> list[Page]:
        prose, flow = Prose(urn, school_name), Flow(bottom=60)
        flow.put(RIGHT, letter_date_text, align="right")
        flow.y -= 30
        for part in [headteacher, "Headteacher", school_name, *address.split(", ")]:
            flow.line(part, advance=13)
        flow.y -= 12
        flow.line(f"Dear {salutation}", advance=20)
        flow.heading(f"Special measures monitoring inspection of {school_name}", 12)
        flow.line(f"Unique reference number: {urn}", advance=18)
        flow.paragraph(f"Following my visit to your school on {visit_dates_text}, I write on behalf of Her "
                       "Majesty’s Chief Inspector to report the findings of my visit. Thank you for the help you "
                       "gave during the inspection and for the time you made available to discuss the actions "
                       "you have taken since the school’s previous monitoring inspection.")
        flow.paragraph(f"The inspection was the {ordinal} monitoring inspection since the school became subject "
                       f"to special measures following the inspection that took place in {section_5_month}.")
        flow.paragraph("Having considered all the evidence I am of the opinion that at this time:")
        flow.paragraph("Leaders and managers are taking effective action towards the removal of special measures.",
                       BOLD)
        flow.heading("Evidence", 11)
        flow.paragraph(prose.paragraph("inspection", 4))
        topics = ["leadership", "teaching", "behaviour"]
        for topic, more in zip(topics, allocate(extra, topics)):
            flow.heading({"leadership": "The effectiveness of leadership and management",
                          "teaching": "Quality of teaching, learning and assessment",
                          "behaviour": "Personal development, behaviour and welfare"}[topic], 11)
            flow.paragraph(prose.paragraph(topic, 4))
            for _ in range(more):
                flow.paragraph(prose.filler(topic))
        flow.room_for(5 * flow.leading)
        flow.line("Yours sincerely", advance=26)
        flow.line(inspector, advance=13)
        flow.line("Her Majesty’s Inspector", advance=13)
        return flow.pages

    def furniture(number: int, total: int) -> list:
        return [TextOp(RIGHT, 30, f"Page {number} of {total}", size=8, align="right")]

    return grow(build, 2), furniture
