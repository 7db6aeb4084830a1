"""The sources file: what to fetch (fixed URL lists, index pages followed one level, local folders,
Ofsted's report site by URN or local authority)."""
from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

KINDS = ("urls", "index", "folder", "ofsted")
FIELDS = {"urls": {"name", "kind", "urls"}, "index": {"name", "kind", "url", "follow"},
          "folder": {"name", "kind", "path"}, "ofsted": {"name", "kind", "urns", "local_authority", "remit", "base_url",
                                                                   "delta_from"}}
REMITS = ("school", "early_years", "local_authority", "further_education")  # ofsted_site.json's remit_filters


class SourcesError(ValueError):
    """A sources file that cannot be used; the message names the source and the field."""


@dataclass(frozen=True)
class Source:
    name: str
    kind: str
    urls: tuple[str, ...] = ()
    url: str | None = None
    follow: str | None = None
    path: str | None = None
    urns: tuple[str, ...] = ()            # ofsted: providers by URN
    local_authority: str | None = None    # ofsted: every provider in this local authority
    remit: str | None = None              # ofsted: only this kind of provider
    delta_from: str | None = None         # ofsted: Ofsted's management information (URL or file): only newer inspections

    def follows(self, link: str) -> bool:
        return bool(re.search(self.follow or r"\.(pdf|html?|txt)$", link, re.I))


@dataclass(frozen=True)
class SourcesFile:
    path: str
    sources: tuple[Source, ...] = field(default_factory=tuple)

    def named(self, name: str) -> Source:
        for source in self.sources:
            if source.name == name:
                return source
        known = ", ".join(s.name for s in self.sources) or "none"
        raise SourcesError(f"no source named {name!r} in {self.path} (sources: {known})")


def _http_url(value, where: str) -> str:
    if not isinstance(value, str) or not re.match(r"^https?://[^/\s]+", value, re.I):
        raise SourcesError(f"{where}: {value!r} is not an http(s) URL")
    return value


def load_sources(path: str | Path) -> SourcesFile:
    path = Path(path)
    if not path.exists():
        raise SourcesError(f"sources file {path} does not exist; create it (see README: Sources) or pass --sources FILE")
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise SourcesError(f"{path} is not valid TOML: {exc}") from exc
    unknown = sorted(set(data) - {"source"})
    if unknown:
        hint = " (did you mean [[source]]?)" if any(k.lower().startswith("source") for k in unknown) else ""
        raise SourcesError(f"{path}: unknown table {', '.join(unknown)}{hint}; each source is a [[source]] table")
    entries = data.get("source", [])
    if not isinstance(entries, list) or not entries or not all(isinstance(e, dict) for e in entries):
        raise SourcesError(f"{path} has no [[source]] entries")
    sources, names = [], set()
    for n, entry in enumerate(entries, 1):
        name = entry.get("name")
        where = f"{path}, source {name or n}"
        if not name or not isinstance(name, str):
            raise SourcesError(f"{where}: every source needs a name")
        if name in names:
            raise SourcesError(f"{where}: the name {name!r} is used twice")
        names.add(name)
        kind = entry.get("kind")
        if kind not in KINDS:
            raise SourcesError(f"{where}: kind must be one of {', '.join(KINDS)}, got {kind!r}")
        extra = sorted(set(entry) - FIELDS[kind])
        if extra:
            raise SourcesError(f"{where}: unknown field {', '.join(map(repr, extra))} for a {kind!r} source "
                               f"(its fields: {', '.join(sorted(FIELDS[kind]))})")
        if kind == "urls":
            urls = entry.get("urls")
            if not isinstance(urls, list) or not urls:
                raise SourcesError(f"{where}: a 'urls' source needs urls = [\"https://...\"]")
            sources.append(Source(name, kind, urls=tuple(_http_url(u, where) for u in urls)))
        elif kind == "index":
            follow = entry.get("follow")
            if follow is not None:
                try:
                    re.compile(follow)
                except re.error as exc:
                    raise SourcesError(f"{where}: follow is not a valid regular expression ({exc})") from exc
            sources.append(Source(name, kind, url=_http_url(entry.get("url"), where), follow=follow))
        elif kind == "ofsted":
            sources.append(ofsted_source(name, entry.get("urns"), entry.get("local_authority"), entry.get("remit"),
                                         entry.get("base_url"), where, entry.get("delta_from"), path.parent))
        else:
            folder = entry.get("path")
            if not folder:
                raise SourcesError(f"{where}: a 'folder' source needs path = \"...\"")
            if not isinstance(folder, str):
                raise SourcesError(f"{where}: path must be text, got {folder!r}")
            resolved = Path(folder)  # relative to the working folder, as in DESIGN's example
            if not resolved.is_absolute() and not resolved.exists() and (path.parent / folder).exists():
                resolved = path.parent / folder  # or else to the sources file's own folder
            if not resolved.is_dir():
                looked = (f"looked in {Path.cwd()} and in {path.parent.resolve()}" if not Path(folder).is_absolute()
                          else "it does not exist")
                raise SourcesError(f"{where}: folder {folder!r} not found ({looked}); give an absolute path")
            sources.append(Source(name, kind, path=str(resolved.resolve())))
    return SourcesFile(str(path), tuple(sources))


def ofsted_source(name: str, urns, local_authority, remit, base_url, where: str, delta_from=None,
                  relative_to: Path | None = None) -> Source:
    """An "ofsted" source, checked: URNs as printed (digits, or EY/SC and digits), or a local authority;
    with `delta_from`, Ofsted's management information (a URL, or a file) decides which have newer reports."""
    urns = [urns] if isinstance(urns, str) else (urns or [])
    if not isinstance(urns, list) or not all(isinstance(u, (str, int)) for u in urns):
        raise SourcesError(f"{where}: urns must be a list of URNs, e.g. urns = [\"123456\", \"EY123456\"]")
    cleaned = tuple(str(u).strip().upper() for u in urns)
    bad = [u for u in cleaned if not re.fullmatch(r"[A-Z]{0,3}\d{5,8}", u)]
    if bad:
        raise SourcesError(f"{where}: {', '.join(map(repr, bad))} is not a URN (six to eight digits, perhaps after EY or SC)")
    if local_authority is not None and (not isinstance(local_authority, str) or not local_authority.strip()):
        raise SourcesError(f"{where}: local_authority must be a name, e.g. local_authority = \"Oxfordshire\"")
    if not cleaned and not local_authority:
        raise SourcesError(f"{where}: an 'ofsted' source needs urns = [...] or local_authority = \"...\"")
    if remit is not None and remit not in REMITS:
        raise SourcesError(f"{where}: remit must be one of {', '.join(REMITS)}, got {remit!r}")
    if delta_from is not None:
        if not isinstance(delta_from, str) or not delta_from.strip():
            raise SourcesError(f"{where}: delta_from must be the URL or path of Ofsted's management information")
        if not re.match(r"^https?://", delta_from, re.I):
            local = Path(delta_from)
            if not local.is_absolute() and not local.exists() and relative_to is not None:
                local = relative_to / delta_from
            if not local.is_file():
                raise SourcesError(f"{where}: delta_from {delta_from!r} is neither an http(s) URL nor a file")
            delta_from = str(local.resolve())
    return Source(name, "ofsted", url=_http_url(base_url, where).rstrip("/") if base_url else None, urns=cleaned,
                  local_authority=local_authority.strip() if local_authority else None, remit=remit,
                  delta_from=delta_from)
