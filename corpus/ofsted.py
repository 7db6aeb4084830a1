"""Ofsted's report site as a source: its search, then each provider's page, then the report files.

A source of kind "ofsted" names schools or other providers by URN, or a local authority (with
an optional remit), and this module finds their reports the way the public scrapers do: a search
page lists providers (paged by `start`/`rows`, with a "next" link), a provider page lists its
reports as a timeline, each a link to files.ofsted.gov.uk with the report's type, the inspection
date and, in a hidden span, the publication date. What each listing says is kept beside the
fetch (`report_listings`) as the report's provenance.

Every URL pattern and selector is in `ofsted_site.json`, checked against its schema when loaded:
a change of Ofsted's markup is one edit there. Parsing is pure (bytes in, records out); the walk
takes a `fetch_page(url) -> bytes | None` callable, so all network I/O, politeness included
(robots.txt, the host delay, Retry-After, deadlines), stays in corpus/fetch.py.
"""
from __future__ import annotations

import datetime as dt
import html as html_lib
import json
import re
import warnings
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from urllib.parse import urlencode, urljoin, urlsplit

from bs4 import BeautifulSoup, XMLParsedAsHTMLWarning

from pipeline.parse_html import decode_html
from pipeline.school_names import same_authority

HERE = Path(__file__).parent
SITE_FILE = HERE / "ofsted_site.json"
SCHEMA_FILE = HERE / "ofsted_site.schema.json"


class OfstedSiteError(ValueError):
    """ofsted_site.json does not follow its schema: the message says where."""


@dataclass(frozen=True)
class ReportListing:
    """One report as a provider's page lists it."""
    url: str
    provider_urn: str | None
    provider_name: str | None
    provider_url: str
    local_authority: str | None
    title: str | None             # the report's type as listed, e.g. "School inspection"
    inspection_date: dt.date | None
    publication_date: dt.date | None


@dataclass(frozen=True)
class ProviderLink:
    url: str
    urn: str | None
    name: str | None


@dataclass(frozen=True)
class SearchPage:
    providers: tuple[ProviderLink, ...]
    next_url: str | None


@dataclass(frozen=True)
class ProviderPage:
    url: str
    urn: str | None
    name: str | None
    local_authority: str | None
    reports: tuple[ReportListing, ...]


@dataclass
class Walk:
    """What a walk found: the reports' listings, and notes on what it could not do."""
    listings: list[ReportListing] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


@cache
def site_spec(path: str = str(SITE_FILE)) -> dict:
    """The site description, checked against its schema (an error names what is wrong)."""
    from jsonschema import Draft202012Validator

    try:
        spec = json.loads(Path(path).read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise OfstedSiteError(f"{path} is not valid JSON: {exc}") from exc
    errors = sorted(Draft202012Validator(json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))).iter_errors(spec),
                    key=lambda e: list(e.path))
    if errors:
        where = ".".join(str(p) for p in errors[0].path) or "(top)"
        raise OfstedSiteError(f"{path}: {where}: {errors[0].message}")
    for key in ("provider_path", "report_path", "skip_items", "skip_titles"):
        try:
            re.compile(spec[key])
        except re.error as exc:
            raise OfstedSiteError(f"{path}: {key} is not a valid regular expression ({exc})") from exc
    return spec


def _soup(data: bytes) -> BeautifulSoup:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", XMLParsedAsHTMLWarning)
        return BeautifulSoup(decode_html(data), "lxml")


def _text(node) -> str:
    return " ".join(node.get_text(" ").split()) if node is not None else ""


def search_url(spec: dict, base_url: str, how: str, values: dict, start: int, remit: str | None = None) -> str:
    """A search page's URL: the `how` template ("by_urn", "by_local_authority") filled in, with the
    remit's filters."""
    fill = {**values, "start": str(start), "rows": str(spec["rows"])}
    params = {key: value.format(**fill) for key, value in spec["search"][how].items()}
    params.update(spec["remit_filters"].get(remit or "", {}))
    return f"{base_url}{spec['search_path']}?{urlencode(params)}"


def parse_search_page(data: bytes, page_url: str, spec: dict) -> SearchPage:
    """The providers a search page lists (link, URN, name) and the next page's URL."""
    soup = _soup(data)
    sel = spec["selectors"]
    provider_path = re.compile(spec["provider_path"])
    found: dict[str, ProviderLink] = {}
    for result in soup.select(sel["result"]):
        link = result.select_one(sel["result_link"])
        if link is None:
            continue
        url = urljoin(page_url, link["href"])
        m = provider_path.match(urlsplit(url).path)
        if not m:
            continue
        info = _labelled(result.select(sel["result_info"]))
        urn = info.get(spec["detail_labels"]["urn"].lower()) or m.group("urn")
        found.setdefault(url, ProviderLink(url, urn, _text(link) or None))
    following = soup.select_one(sel["next_page"])
    next_url = urljoin(page_url, following["href"]) if following is not None else None
    return SearchPage(tuple(found.values()), next_url if found else None)


def _labelled(items) -> dict[str, str]:
    """"Label: value" list items as {label (lower case): value}."""
    out = {}
    for item in items:
        text = _text(item)
        if ":" in text:
            label, value = text.split(":", 1)
            out[label.strip().lower()] = value.strip()
    return out


def parse_provider_page(data: bytes, page_url: str, spec: dict) -> ProviderPage:
    """A provider's name, URN, local authority and its reports, newest first as listed."""
    page = _provider_page(_soup(data), page_url, spec)
    if not page.reports and b"&lt;a" in data:  # report-card pages embed their markup escaped
        page = _provider_page(_soup(html_lib.unescape(decode_html(data)).encode("utf-8")), page_url, spec)
    return page


def _provider_page(soup: BeautifulSoup, page_url: str, spec: dict) -> ProviderPage:
    sel, labels = spec["selectors"], spec["detail_labels"]
    details = _labelled(li for li in soup.select(sel["provider_details"]) if li.find("a") is None)
    m = re.compile(spec["provider_path"]).match(urlsplit(page_url).path)
    urn = details.get(labels["urn"].lower()) or (m.group("urn") if m else None)
    name = _text(soup.select_one(sel["provider_name"])) or None
    authority = details.get(labels["local_authority"].lower()) or None
    report_path = re.compile(spec["report_path"])
    skip_items, skip_titles = re.compile(spec["skip_items"]), re.compile(spec["skip_titles"], re.I)
    reports: dict[str, ReportListing] = {}
    for item in soup.select(sel["report_item"]):
        if skip_items.search(" ".join(item.get("class", []))):
            continue
        link = item.select_one(sel["report_link"])
        if link is None:
            continue
        url = urljoin(page_url, link["href"])
        if not report_path.match(urlsplit(url).path):
            continue
        hidden = link.select_one(sel["report_hidden"])
        hidden_text = _text(hidden)
        if hidden is not None:
            hidden.extract()
        title = _text(link) or hidden_text.split(",")[0] or None
        if title and skip_titles.search(title):
            continue
        reports.setdefault(url, ReportListing(
            url=url, provider_urn=urn, provider_name=name, provider_url=page_url, local_authority=authority,
            title=title, inspection_date=_date(_text(item.select_one(sel["report_date"])), spec),
            publication_date=_date(hidden_text.rsplit("-", 1)[-1] if "-" in hidden_text else "", spec)))
    return ProviderPage(page_url, urn, name, authority, tuple(reports.values()))


def _date(text: str, spec: dict) -> dt.date | None:
    text = " ".join(text.split())
    if not text:
        return None
    try:
        return dt.datetime.strptime(text.title(), spec["date_format"]).date()
    except ValueError:
        return None


def walk(fetch_page: Callable[[str], bytes | None], spec: dict, base_url: str, urns: tuple[str, ...] = (),
         local_authority: str | None = None, remit: str | None = None, max_reports: int | None = None) -> Walk:
    """The reports of the providers named by URN, or of every provider in a local authority."""
    found = Walk()
    providers: list[ProviderLink] = []
    for urn in urns:
        page = fetch_page(search_url(spec, base_url, "by_urn", {"urn": urn}, 0, remit))
        if page is None:
            found.notes.append(f"URN {urn}: Ofsted's search could not be read; the next run tries again")
            continue
        hits = [p for p in parse_search_page(page, base_url, spec).providers if (p.urn or "").upper() == urn.upper()]
        if not hits:
            found.notes.append(f"URN {urn}: no provider with this URN on Ofsted's report site")
        providers.extend(hits[:1])
    if local_authority:
        providers.extend(_search_all(fetch_page, spec, base_url, local_authority, remit, found))
    seen: set[str] = set()
    for provider in providers:
        if provider.url in seen:
            continue
        seen.add(provider.url)
        data = fetch_page(provider.url)
        if data is None:
            found.notes.append(f"{provider.url}: the provider's page could not be read; the next run tries again")
            continue
        page = parse_provider_page(data, provider.url, spec)
        if local_authority and provider.urn not in urns and not same_authority(page.local_authority, local_authority):
            continue  # the search also finds providers elsewhere: their page says where they are
        found.listings.extend(page.reports)
        if max_reports is not None and len(found.listings) >= max_reports:
            found.notes.append(f"stopped after {len(found.listings):,} reports (setting max_links)")
            found.listings = found.listings[:max_reports]
            break
    return found


def _search_all(fetch_page: Callable[[str], bytes | None], spec: dict, base_url: str, local_authority: str,
                remit: str | None, found: Walk) -> list[ProviderLink]:
    providers: list[ProviderLink] = []
    url: str | None = search_url(spec, base_url, "by_local_authority", {"local_authority": local_authority}, 0, remit)
    visited: set[str] = set()
    for _ in range(spec["max_pages"]):
        if url is None or url in visited:
            return providers
        visited.add(url)
        data = fetch_page(url)
        if data is None:
            found.notes.append(f"{url}: a search page could not be read; providers after it were not looked for")
            return providers
        page = parse_search_page(data, url, spec)
        providers.extend(page.providers)
        url = page.next_url
    found.notes.append(f"the search for {local_authority!r} has more than {spec['max_pages']} pages; "
                       "the rest were not read (ofsted_site.json max_pages)")
    return providers
