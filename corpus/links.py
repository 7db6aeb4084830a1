"""Links of an index page: absolute http(s) URLs, in page order, without duplicates."""
from __future__ import annotations

import warnings
from urllib.parse import urldefrag, urljoin, urlsplit

from bs4 import BeautifulSoup, XMLParsedAsHTMLWarning

from pipeline.parse_html import decode_html


def extract_links(html: bytes, base_url: str) -> list[str]:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", XMLParsedAsHTMLWarning)
        soup = BeautifulSoup(decode_html(html), "lxml")
    base_tag = soup.find("base", href=True)
    base = urljoin(base_url, base_tag["href"]) if base_tag else base_url
    seen: dict[str, None] = {}
    for anchor in soup.find_all("a", href=True):
        url = urldefrag(urljoin(base, anchor["href"].strip()))[0]
        if urlsplit(url).scheme in ("http", "https"):
            seen.setdefault(url, None)
    return list(seen)
