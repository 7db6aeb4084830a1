"""HTML bytes to a Document holding the page's main content only."""
from __future__ import annotations

import re
import warnings

from bs4 import BeautifulSoup, Comment, XMLParsedAsHTMLWarning
from bs4.dammit import UnicodeDammit

from pipeline.models import Document
from pipeline.parse_text import text_to_document
from pipeline.sniff import HTML

# Elements that never hold the page's own content.
DROP_TAGS = ("script", "style", "noscript", "template", "nav", "header", "footer", "aside", "form",
             "iframe", "svg", "button", "select", "input", "object", "embed", "canvas", "dialog")
# id or class words of site chrome: cookie banners, menus, breadcrumbs, share bars.
CHROME = re.compile(
    r"(?:^|[\s_-])(cookie|consent|gdpr|banner|nav|navbar|menu|breadcrumbs?|footer|header|sidebar|"
    r"social|share|skip|masthead|subscribe|newsletter|popup|modal|advert|ads)(?:$|[\s_-])",
    re.I,
)
MAIN_SELECTORS = ("main", "[role=main]", "article", "#content", "#main", ".content", ".main-content", "#main-content")
BLOCK_TAGS = ("p", "div", "section", "article", "main", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6",
              "table", "tr", "br", "blockquote", "pre", "dl", "dt", "dd", "figure", "figcaption", "address")


def decode_html(data: bytes) -> str:
    """Decode with the byte-order mark, the declared charset if it decodes, else a detected one.

    Bytes that are valid UTF-8 and not plain ASCII are UTF-8 whatever the page declares: a
    single-byte charset would almost never form valid multi-byte sequences by chance, and
    pages declaring Latin-1 while sending UTF-8 are common.
    """
    if not data.isascii():
        try:
            return data.removeprefix(b"\xef\xbb\xbf").decode("utf-8")
        except UnicodeDecodeError:
            pass
    dammit = UnicodeDammit(data, is_html=True)
    if dammit.unicode_markup is not None:
        return dammit.unicode_markup
    return data.decode("cp1252", errors="replace")


def parse_html(data: bytes) -> Document:
    """The text of the main content, block by block; table cells separated by tabs."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", XMLParsedAsHTMLWarning)  # XHTML pages are still pages
        soup = BeautifulSoup(decode_html(data), "lxml")
    title = soup.title.get_text(" ", strip=True) if soup.title else None
    for comment in soup.find_all(string=lambda s: isinstance(s, Comment)):
        comment.extract()
    for tag in soup.find_all(DROP_TAGS):
        tag.decompose()
    for tag in soup.find_all(_is_chrome):
        tag.decompose()
    root = _main_content(soup)
    text = _block_text(root) if root is not None else ""
    return text_to_document(text, HTML, title=title)


def _is_chrome(tag) -> bool:
    if tag.name in ("html", "body", "main", "article"):
        return False
    attrs = getattr(tag, "attrs", None) or {}
    names = " ".join([attrs.get("id") or "", " ".join(attrs.get("class") or []), attrs.get("role") or ""])
    return bool(names.strip()) and bool(CHROME.search(names))


def _main_content(soup):
    for selector in MAIN_SELECTORS:
        found = soup.select_one(selector)
        if found is not None and found.get_text(strip=True):
            return found
    return soup.body or soup


def _block_text(root) -> str:
    for cell in root.find_all(["td", "th"]):
        cell.append("\t")
    for tag in root.find_all(BLOCK_TAGS):
        if tag.name == "br":
            tag.replace_with("\n")
        else:
            tag.insert_before("\n")
            tag.insert_after("\n")
    text = root.get_text()
    lines = []
    for part in text.split("\n"):
        cells = (" ".join(cell.split()) for cell in part.split("\t"))
        lines.append("\t".join(cell for cell in cells if cell))
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()
