"""Lists of schools printed in prose: 'Badger Hill, Belmont, Iford and Kingston and Lingdale';
'Chalgrove Community Primary School; Icknield Community College, Watlington and Wood Green
School, Witney'; 'Wilcombe in Tiverton, Sidbury and Hemyock'.

`read_list` reads the items that begin at a word: capitalised names split at commas, semicolons
and 'and', with the places after them ('in Tiverton', ', Watlington') dropped and an 'and' that
joins two words of one name ('Iford and Kingston', 'Infant and Nursery School') kept.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from extractors.patterns import load_patterns
from extractors.textwords import Word, is_abbreviation_dot, joins

PATTERNS = "membership"
MAX_ITEM_WORDS = 9
MAX_ITEMS = 40
_PLURAL_TYPES = {"partnerships", "trusts", "federations", "alliances", "networks", "clusters", "hubs"}
NAME_PARTICLES = {"of", "upon", "on", "le", "de", "la", "under", "en", "by", "the"}
_PLACE_PARTICLES = {"upon", "on", "under", "by", "en"}  # after 'School', 'Academy': where it is, not its name


@dataclass(frozen=True)
class ListItem:
    text: str
    start: int
    end: int
    first: int  # index of its first word
    last: int   # index of its last word
    headed: bool  # ends in a school's head noun ('School', 'Academy', 'College', …)


@cache
def _words(key: str) -> frozenset[str]:
    for p in load_patterns(PATTERNS):
        if p["id"] == key:
            return frozenset(w.lower() for w in p["words"])
    raise KeyError(key)


def school_heads() -> frozenset[str]:
    return _words("school-head-nouns")


def is_headed(name: str) -> bool:
    last = name.split()[-1].lower().strip("’'.,") if name.split() else ""
    return last in school_heads()


def is_generic_school(name: str) -> bool:
    """'Infant School', 'the Junior school', 'Nursery': a kind of school, no name."""
    generic = _words("generic-school-words")
    return all(w.lower().strip("’'.,") in generic for w in name.split())


def read_item(words: list[Word], i: int) -> int | None:
    """The index of the last word of the name that starts at words[i], or None if none does."""
    if i >= len(words) or not words[i].is_word or not words[i].text[:1].isupper():
        return None
    if words[i].lower in _words("item-stops") and not (
            i + 1 < len(words) and f"{words[i].lower} {words[i + 1].lower}" in _words("item-stop-pairs")) \
            and not _named_after_a_person(words, i):
        return None
    last = i
    k = i + 1
    while k < len(words) and k - i < MAX_ITEM_WORDS and joins(words[k - 1], words[k]):
        word = words[k]
        if is_abbreviation_dot(words, k) or (word.possessive and word.start == words[k - 1].end):
            last = k
            k += 1
            continue
        if word.is_word and word.capitalised and word.lower not in _words("item-stops"):
            if word.lower in _PLURAL_TYPES and k > i:
                break  # '… Technology College School Sport Partnerships work …': the list ended
            last = k
            k += 1
            continue
        if word.text == "(" and k + 2 < len(words) and words[k + 1].lower in _DESIGNATIONS \
                and words[k + 2].text == ")" and k + 3 < len(words) and words[k + 3].capitalised \
                and joins(words[k + 2], words[k + 3]):
            k += 3  # 'Pinhoe C of E (VA) Primary School': the school's designation in brackets, inside its name
            continue
        if word.is_word and word.lower in _PLACE_PARTICLES and words[k - 1].lower in school_heads():
            break  # 'St Augustine’s Catholic Primary School on Beckenham Hill': a place after the name
        if word.is_word and word.lower in NAME_PARTICLES and k + 1 < len(words) and words[k + 1].capitalised \
                and joins(word, words[k + 1]) and words[k + 1].is_word:
            k += 1  # 'Church of England', 'Newton-upon-…', 'C. of E.'
            continue
        break
    return last


_DESIGNATIONS = ("va", "vc", "ce", "rc", "aided", "controlled")  # a church school's status, '(VA)'
_PLACE_WORDS = ("in", "near", "on", "at")  # after a comma: ', on Chapel Lane', ', at Chardstock'
_PLACE_LEADS = ("also", "both", "all", "based")  # ', also in Rolleston', ', based in Hove'
_AFTER_PLACE = (",", ";", "and", "&", ".", ")", "–", "—", "-")


_TITLES = ("mr", "mrs", "ms", "miss", "dr", "sir", "lady", "dame")


def _named_after_a_person(words: list[Word], i: int) -> bool:
    """'Mrs Ethelston’s' (a school called after its founder): a title, a surname and a possessive."""
    return (words[i].lower.rstrip(".") in _TITLES and i + 2 < len(words) and words[i + 1].capitalised
            and words[i + 2].possessive and words[i + 2].start == words[i + 1].end)


def _place_after(words: list[Word], k: int) -> int | None:
    """'in Tiverton', 'near Exeter', ', in Bury St Edmunds', ', on Chapel Lane and', ', also in
    Rolleston.': the last word of a place phrase at words[k]. After a comma the phrase must end
    where the list goes on (a separator or the sentence's end), so a clause is not taken for a place."""
    comma = words[k].text == ","
    j = k + 1 if comma else k
    if comma and j < len(words) and words[j].lower in _PLACE_LEADS and joins(words[j - 1], words[j]):
        j += 1
    after_school = not comma and words[j - 1].lower in school_heads()  # 'St Anne’s School on Beckenham Hill'
    if j + 1 >= len(words) or words[j].lower not in (_PLACE_WORDS if comma or after_school else ("in", "near")) \
            or not joins(words[j - 1], words[j]) or not joins(words[j], words[j + 1]):
        return None
    first = j + 2 if words[j + 1].lower == "the" and j + 2 < len(words) else j + 1  # 'in the London Borough of …'
    end = read_item(words, first)
    if end is None or end - j > (7 if first > j + 1 else 3):
        return None
    if comma and not (end + 1 >= len(words) or words[end + 1].lower in _AFTER_PLACE
                      or not joins(words[end], words[end + 1])):
        return None
    return end


def read_list(text: str, words: list[Word], i: int) -> tuple[list[ListItem], int] | None:
    """The items of a list that begins at words[i], and the index of its last word; None when fewer
    than two items follow one another there."""
    raw: list[tuple[int, int, str]] = []  # (first, last, separator before it)
    separator = ""
    k = i
    consumed = i
    bulleted = i > 0 and words[i - 1].text == "•"
    self_and = False  # the page's own school was the list's 'and …' item
    while len(raw) < MAX_ITEMS:
        if len(raw) >= 2 and k + 1 < len(words) and words[k].lower == "the" and joins(words[k], words[k + 1]) \
                and (the_end := read_item(words, k + 1)) is not None \
                and is_headed(" ".join(w.text for w in words[k + 1:the_end + 1])):
            k += 1  # 'A, B, C and the Elizabeth Woodville School' (not 'between Grantham and the Magnus Academy')
        end = read_item(words, k)
        if end is None and raw and k < len(words) and words[k].lower in ("ourselves", "us"):
            self_and = self_and or separator == "and"  # '…, Alder Primary School and ourselves.'
            separator, nxt = _separator(words, k + 1)  # '…, Castilion Primary School, ourselves and Hillsgrove'
            if separator is None:
                break
            k = nxt
            continue
        if end is None:
            break
        after = end + 1
        spelt = _spelt_out(words, after)
        if spelt is not None:  # 'EDA (Erasmus Darwin Academy)': the school is the words in brackets
            k, end, after = spelt[0], spelt[1], spelt[1] + 2
        raw.append((k, end, separator))
        if spelt is not None and after < len(words) and words[after].is_word and words[after].text[:1].isupper() \
                and joins(words[after - 1], words[after]):
            separator, k = ",", after  # '… (Erasmus Darwin Academy) Highfields Primary Academy': a comma lost
            continue
        if spelt is None and after < len(words) and words[after].text == "(":
            close = next((j for j in range(after + 1, min(len(words), after + 10)) if words[j].text == ")"), None)
            if close is not None:
                after = close + 1  # '(URN 199101)', '(VA)' after a school's name
        after = _past_marks(words, after)
        place = _place_after(words, after) if after < len(words) else None
        if place is not None:
            after = _past_marks(words, place + 1)
        consumed = after - 1  # the list's last word, a town after its last item included
        separator, nxt = _separator(words, after)
        if separator is None and bulleted:
            nxt = next((j for j in range(after, min(len(words), after + 25)) if words[j].text == "•"), None)
            if nxt is not None:  # '• Balby Carr Sports College – hub of the partnership • Danum …'
                separator, nxt = ",", nxt + 1
        if separator is None:
            break
        k = nxt
    if len(raw) < 2:
        return None
    items = _merge_inner_ands(text, words, raw)
    if len(items) < 2:
        return None
    if len(raw) == 2 and len(items) == 2 and items[0].start == items[1].start:
        return items, consumed  # one elided pair ('Oak Infant and Junior Schools')
    whole_names = len(items) >= 3 and sum(item.headed for item in items) * 3 >= len(items) * 2
    if not any(sep in ("and", ";") for _, _, sep in raw[1:]) and not bulleted and not self_and and not whole_names \
            and not (i > 0 and words[i - 1].text in (":", "–", "—", "-") and len(raw) >= 3):
        return None  # 'The Oak Federation, Elm Primary School, became …': one school named twice, no list
        # (three or more whole school names in a row are a list, 'and' or not: 'A, B, C, which are …')
    return items, consumed


def _past_marks(words: list[Word], k: int) -> int:
    """The index after any reference marks at words[k] ('[3]' in an encyclopedia's text), or k."""
    while k + 2 < len(words) and words[k].text == "[" and words[k + 1].text.isdigit() and words[k + 2].text == "]" \
            and joins(words[k - 1], words[k]):
        k += 3
    return k


def _spelt_out(words: list[Word], k: int) -> tuple[int, int] | None:
    """'( Erasmus Darwin Academy )' at words[k]: the first and last word of a school's name in brackets."""
    if k + 2 >= len(words) or words[k].text != "(" or not joins(words[k - 1], words[k]):
        return None
    end = read_item(words, k + 1)
    if end is None or end + 1 >= len(words) or words[end + 1].text != ")":
        return None
    name = " ".join(w.text for w in words[k + 1:end + 1])
    return (k + 1, end) if is_headed(name) else None


def _separator(words: list[Word], k: int) -> tuple[str | None, int]:
    """A list separator at words[k] (',', ';', 'and', ', and', '&', a dash), and where the next item starts."""
    if k >= len(words) or not joins(words[k - 1], words[k]):
        return None, k
    text = words[k].lower
    if text in ("•", "·", "●", "▪"):
        return ",", k + 1  # '• Danum Technology College • Edlington School'
    if text in (",", ";"):
        k = _past_marks(words, k + 1) - 1  # 'Suffolk, [3] and the …'
        if k + 1 < len(words) and words[k + 1].lower in ("and", "&") and joins(words[k], words[k + 1]):
            return "and", k + 2
        return text, k + 1
    if text in ("and", "&"):
        return "and", k + 1
    return None, k


def _merge_inner_ands(text: str, words: list[Word], raw: list[tuple[int, int, str]]) -> list[ListItem]:
    """An 'and' with a comma after it later in the list joins two words of one name ('A, Iford and
    Kingston, B and C') unless a whole school name stands before it; so does one before a kind of
    school ('Infant and Nursery School'). A comma before a town ('College, Watlington') does not count."""
    names = [" ".join(text[words[f].start:words[last].end].split()) for f, last, _ in raw]
    headed = [is_headed(n) for n in names]
    places = _places(names, headed, [sep for *_, sep in raw])
    real_seps = [sep for n, (*_, sep) in enumerate(raw) if not places[n]]
    merged: list[list[int]] = []
    seen_real = 0
    previous = None  # the last item that is not a town
    for n, (first, last, sep) in enumerate(raw):
        if places[n]:
            continue
        seen_real += 1
        later_commas = any(s in (",", ";") for s in real_seps[seen_real:])
        # after a whole school name ('Hampton Academy and Twickenham Academy, …') an 'and' joins two schools
        whole_before = previous is not None and headed[previous]
        inner = sep == "and" and merged and ((later_commas and not whole_before and not _PLURAL_KIND.match(names[n]))
                                             or is_generic_school(names[n]))
        previous = n
        if inner:
            merged[-1][1] = last
        else:
            merged.append([first, last])
    sep_before = {first: sep for first, _, sep in raw}
    n = 1
    while n < len(merged):  # '…, Hallmead and Gatewood Primary Schools', wherever in the list
        pair = " ".join(text[words[merged[n - 1][0]].start:words[merged[n][1]].end].split())
        if sep_before.get(merged[n][0]) == "and" and words[merged[n][1]].lower == "schools" \
                and len(split_elided_pair(pair)) == 2:
            merged[n - 1:n + 1] = [[merged[n - 1][0], merged[n][1]]]
        n += 1
    names = [_OWNER_PLACE.sub("", " ".join(text[words[f].start:words[last].end].split())) for f, last in merged]
    _share_plural_kind(names, [sep_before.get(first, "") for first, _ in merged])
    out = []
    for (first, last), name in zip(merged, names):
        start, end = words[first].start, words[last].end
        out += [ListItem(n, start, end, first, last, is_headed(n)) for n in split_elided_pair(name)]
    return out


_OWNER_PLACE = re.compile(r"^[A-Z][\w-]*[’']s\s+(?=The\s)")  # 'Northamptonshire’s The Duston School'
_PLURAL_KIND = re.compile(r"^(?P<name>.+?)\s+(?P<kind>(?:(?:Primary|Infant|Junior|Secondary|Nursery|High|First|Middle)\s+)?)"
                          r"(?P<head>Schools|Academies|Colleges)$")
_SINGULAR = {"Schools": "School", "Academies": "Academy", "Colleges": "College"}


def _share_plural_kind(names: list[str], seps: list[str]) -> None:
    """'Oaks, Tree Tops and Molehill Copse Primary Academies': the plural kind after the last of a
    run of bare names is each one's ('Oaks Primary Academy', …); a whole name or a ';' ends the run."""
    for n in range(1, len(names)):
        m = _PLURAL_KIND.match(names[n])
        if seps[n] != "and" or m is None or len(split_elided_pair(names[n])) > 1 or is_headed(names[n - 1]):
            continue
        kind = f"{m['kind']}{_SINGULAR[m['head']]}"
        names[n] = f"{m['name']} {kind}"
        j = n - 1
        while j >= 0 and not is_headed(names[j]) and not _PLURAL_KIND.match(names[j]):
            names[j] = f"{names[j]} {kind}"
            if seps[j] not in (",", "and"):
                break
            j -= 1


_ELIDED = re.compile(r"^(?P<stem>.+?)\s+(?P<a>Infants?|Juniors?|Nursery|Primary|First|Middle|Lower|Upper)\s+(?:School\s+)?"
                     r"(?:and|&)\s+(?P<b>Infants?|Juniors?|Nursery|Primary|First|Middle|Upper|Lower)\s+Schools$")


_STEM = r"(?:[A-Z][\w’'-]*\s+){0,2}[A-Z][\w’'-]*(?:\s+C\.?\s?of\s?E\.?)?"  # 'St James’ C of E'
_ELIDED_STEMS = re.compile(r"^(?P<a>" + _STEM + r")\s+(?:and|&)\s+"
                           r"(?P<b>" + _STEM + r"?)\s+"
                           r"(?P<kind>(?:(?:C\.?\s?of\s?E\.?|CE|RC|Catholic|Church of England|Community)\s+)?"
                           r"(?:Primary|Infant|Junior|First|Middle|Nursery|High|Secondary))\s+[Ss]chools$")


def split_elided_pair(name: str) -> list[str]:
    """'Fryern Infant and Junior Schools' is two schools, 'Fryern Infant School' and 'Fryern Junior
    School'; so is 'Hallfield and Gateway Primary Schools' ('Hallfield Primary School', …)."""
    m = _ELIDED.match(name)
    if m is not None:
        return [f"{m['stem']} {m['a']} School", f"{m['stem']} {m['b']} School"]
    m = _ELIDED_STEMS.match(name)
    if m is not None:
        kind_head = m["kind"].split()[-1].lower()
        kind_for_a = m["kind"]
        qualifier = re.match(r"(C\.?\s?of\s?E\.?|CE|RC|Catholic|Church of England|Community)\s+", kind_for_a)
        if qualifier and m["a"].endswith(qualifier.group(1)):
            kind_for_a = kind_for_a[qualifier.end():]  # 'St James’ C of E and St Philip’s C of E Primary Schools'
        first = m["a"] if m["a"].split()[-1].lower() == kind_head else f"{m['a']} {kind_for_a} School"
        return [first, f"{m['b']} {m['kind']} School"]  # 'Chilton Community Primary and Combs Ford …': the first as printed
    return [name]


def _places(names: list[str], headed: list[bool], seps: list[str]) -> list[bool]:
    """In a list of whole school names, a short bare name after one, past a comma, is its town
    ('Icknield Community College, Watlington'), not another school."""
    if ";" in seps and "," in seps:  # 'Tudor, Sudbury; St Mary’s, Woodbridge; Sproughton': semicolons part the schools
        return [n > 0 and seps[n] == "," and not headed[n] and len(names[n].split()) <= 3
                and not (n + 1 < len(names) and seps[n + 1] == "and" and _PLURAL_KIND.match(names[n + 1]))
                for n in range(len(names))]  # 'Oaks, Tree Tops and Molehill Copse Primary Academies; …': no town
    if sum(headed) < 2 or any(not a and not b for a, b in zip(headed, headed[1:])):
        return [False] * len(names)  # bare names side by side: a list of short names, not of towns
    def joined_to_next(n: int) -> bool:  # 'Slough and Eton': an 'and' to another bare name makes one school
        return n + 1 < len(names) and seps[n + 1] == "and" and not headed[n + 1]
    return [n > 0 and not headed[n] and headed[n - 1] and seps[n] == "," and len(names[n].split()) <= 2
            and not joined_to_next(n) for n in range(len(names))]
