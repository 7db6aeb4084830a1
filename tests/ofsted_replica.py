"""A replica of Ofsted's report site on 127.0.0.1, in the structure the public scrapers read
(search results, provider pages with a timeline of reports, files by id), serving real PDFs as
the report files. The markup follows corpus/ofsted_site.json's selectors."""
from __future__ import annotations

import html
from dataclasses import dataclass, field
from urllib.parse import parse_qs, urlencode, urlsplit

from http_fixture import DocumentServer


@dataclass
class Report:
    file_id: int
    title: str
    inspection_date: str      # "07 June 2023"
    published: str | None     # in the hidden span: "School inspection, PDF - 21 July 2023"
    pdf: bytes


@dataclass
class Provider:
    urn: str
    category: int
    name: str
    local_authority: str
    reports: list[Report] = field(default_factory=list)

    @property
    def path(self) -> str:
        return f"/provider/{self.category}/{self.urn}"


class OfstedReplica(DocumentServer):
    def __init__(self, providers: list[Provider], page_size: int = 2):
        documents = {f"/v1/file/{r.file_id}": r.pdf for p in providers for r in p.reports}
        super().__init__(documents)
        self.providers = providers
        self.page_size = page_size  # the replica pages its results sooner than the real site's 100

    def route(self, h) -> None:
        parts = urlsplit(h.path)
        if parts.path == "/search":
            body = self.search_page(parse_qs(parts.query))
            return self.serve_bytes(h, body, f'"{abs(hash(body)) % 10**8}"', "text/html")
        for provider in self.providers:
            if parts.path == provider.path:
                body = self.provider_page(provider)
                return self.serve_bytes(h, body, f'"{abs(hash(body)) % 10**8}"', "text/html")
        return super().route(h)

    def search_page(self, query: dict) -> bytes:
        q = query.get("q", [""])[0].strip()
        where = query.get("location", [""])[0].strip().lower()
        start = int(query.get("start", ["0"])[0])
        rows = min(int(query.get("rows", ["100"])[0]), self.page_size)
        if q:
            hits = [p for p in self.providers if p.urn == q.upper()]
        else:  # a place search also finds providers elsewhere whose name has the word
            hits = [p for p in self.providers if where and (where in p.local_authority.lower() or where in p.name.lower())]
        page = hits[start: start + rows]
        items = "".join(
            f'<li class="search-result"><h3 class="search-result__title"><a href="{p.path}">{html.escape(p.name)}</a></h3>'
            f'<ul class="search-result__provider-info"><li>Category: <strong>School</strong></li></ul>'
            f'<address class="search-result__address">1 High Street</address>'
            f'<ul class="search-result__provider-info"><li>URN: <strong>{p.urn}</strong></li></ul></li>'
            for p in page)
        following = ""
        if start + rows < len(hits):
            params = {k: v[0] for k, v in query.items()} | {"start": str(start + rows)}
            following = f'<div class="pagination"><a class="pagination__next" href="/search?{urlencode(params)}">Next</a></div>'
        return (f'<html><body><nav><ul><li><a href="/">Home</a></li></ul></nav><div class="search-results__heading">'
                f'<strong class="results-count">{len(hits)}</strong></div><ul class="results-list">{items}</ul>'
                f'{following}</body></html>').encode()

    def provider_page(self, provider: Provider) -> bytes:
        events = ['<li class="timeline__day timeline__day--opened"><div class="event"><p class="timeline__date">'
                  '<time>01 September 2011</time></p><span class="event__title">Opened</span></div></li>']
        for r in provider.reports:
            hidden = f'<span class="nonvisual">{html.escape(r.published)}</span>' if r.published else ""
            events.append(
                f'<li class="timeline__day"><div class="event"><p class="timeline__date"><time>{r.inspection_date}</time></p>'
                f'<span class="event__title heading--sub"><a class="publication-link" target="_blank" '
                f'href="{self.base}/v1/file/{r.file_id}">{html.escape(r.title)} {hidden}</a></span></div></li>')
        return (f'<html><body><h1 class="heading--title">{html.escape(provider.name)}</h1>'
                f'<p class="title-block__subheading">URN: {provider.urn}</p>'
                f'<ul><li><span>Local authority: </span><span>{html.escape(provider.local_authority)}</span></li>'
                f'<li><span>Type: </span><span>School</span></li></ul>'
                f'<ol class="timeline">{"".join(reversed(events))}</ol></body></html>').encode()
