"""The warehouse as one self-contained HTML page with charts (Plotly; its JavaScript is inlined
once, so the file opens offline): documents by status and kind with their errors, grade
distributions by framework and area, inspections over time, the partnership network, the
reconciliation with official data, and, when asked for, one school's or one trust's inspections over time."""
from __future__ import annotations

import datetime as dt
import html
import os
from collections import defaultdict
from pathlib import Path

from warehouse.query import open_read_only
from warehouse.report_data import (
    GRADE_ORDER,
    MAX_NETWORK_EDGES,
    ReportData,
    Timeline,
    read_report_data,
    school_timeline_for,
    trust_timeline_for,
)

MAX_LABELLED_NODES = 80  # up to this many nodes every school is named on the page; beyond, those in two or more partnerships

COLOURS = {"Outstanding": "#1a9850", "Good": "#91cf60", "Requires improvement": "#fdae61", "Satisfactory": "#fee08b",
           "Adequate": "#fee08b",
           "Inadequate": "#d73027", "Exceptional": "#1a9850", "Strong standard": "#66bd63",
           "Expected standard": "#d9ef8b", "Needs attention": "#fdae61", "Urgent improvement": "#d73027",
           "agree": "#1a9850", "disagree": "#d73027", "only documents": "#74add1", "only official": "#bababa"}
PAGE_CSS = """
body{font-family:system-ui,-apple-system,Segoe UI,Roboto,sans-serif;margin:2rem auto;max-width:1100px;color:#222;padding:0 1rem}
h1{margin-bottom:.2rem} h2{margin-top:2.5rem;border-bottom:1px solid #ddd;padding-bottom:.3rem}
.meta{color:#666} .totals{display:flex;gap:1rem;flex-wrap:wrap;margin:1rem 0}
.totals div{background:#f4f6f8;border-radius:6px;padding:.6rem 1rem} .totals b{display:block;font-size:1.4rem}
table{border-collapse:collapse;font-size:.85rem;width:100%} td,th{border-bottom:1px solid #eee;padding:.25rem .5rem;text-align:left;vertical-align:top}
.empty{color:#777;font-style:italic} code{background:#f4f6f8;padding:0 .2rem}
"""


class ReportError(Exception):
    """The report cannot be written; the message says what to do."""


SOURCE_SYMBOLS = {"both": "circle", "documents": "square", "official": "diamond"}


def write_report(db: str | Path, out: str | Path, schools: tuple[str, ...] = (), trusts: tuple[str, ...] = ()) -> Path:
    """Read the published warehouse and write the page to `out` (whole, or not at all). `schools`
    (URNs or words of names) and `trusts` (words of a trust's name) add a picture of each over time;
    one that is not found, or fits several, raises ChosenSchoolsMissing before anything is written."""
    con = open_read_only(db)
    try:
        data = read_report_data(con)
        data.timelines = [school_timeline_for(con, which) for which in schools]
        data.timelines += [trust_timeline_for(con, which) for which in trusts]
    finally:
        con.close()
    page = render_page(data, str(db))
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    incoming = out.with_name(f".{out.name}.incoming")
    incoming.write_text(page, encoding="utf-8")
    os.replace(incoming, out)
    return out


def render_page(data: ReportData, db: str) -> str:
    charts = _Charts()
    sections = [_timeline_section(charts, n, timeline) for n, timeline in enumerate(data.timelines)] + [
        _section("Documents", "What the warehouse holds, by status and by kind; documents that could not be used "
                              "are listed below with what to do.",
                 charts.bar("documents-by-status", [s for s, _ in data.by_status], [n for _, n in data.by_status],
                            "documents"),
                 charts.stacked("documents-by-kind", _pivot([(k, r, n) for k, r, n in data.by_kind]), "documents",
                                horizontal=True),
                 _problems_table(data)),
        _section("Grades by framework", "Overall effectiveness as printed, per framework (schools, and councils' "
                                        "overall grades under la2009, sif and ilacs).",
                 charts.stacked("overall-by-framework", _pivot(data.overall_by_framework), "inspections",
                                order=GRADE_ORDER)),
        _section("Grades by area", "Every graded area, Ofsted's four-point scales and report cards apart.",
                 *[charts.stacked(f"grades-{scale}", _pivot([(a, g, n) for s, a, g, n in data.grades_by_area if (s or "ofsted") == scale]),
                                  "judgements", order=GRADE_ORDER, horizontal=True, title=f"{scale} scale")
                   for scale in sorted({s or "ofsted" for s, *_ in data.grades_by_area})]),
        _section("Inspections over time", "Inspections by the year of their first day, by remit.",
                 charts.stacked("inspections-by-year", _pivot([(str(y), r, n) for y, r, n in data.inspections_by_year]),
                                "inspections")),
        _section("Partnership network", "Schools (dots) linked to the partnerships (diamonds) documents name them in."
                 + (f" The {MAX_NETWORK_EDGES} links of the largest partnerships of {data.network_total:,} are drawn."
                    if data.network_total > len(data.network) else ""),
                 charts.network("partnership-network", data.network)),
        _section("Reconciliation with official data",
                 "The documents against Ofsted's management information, field by field (schoolpipe reconcile)."
                 if data.official_imports else "",
                 _reconciliation(charts, data)),
    ]
    run = data.last_run
    run_line = (f"last run {html.escape(str(run[0]))} ({html.escape(str(run[1]))}), {run[4]}, "
                f"started {run[2]:%Y-%m-%d %H:%M}" if run and run[2] else "no run recorded")
    totals = "".join(f"<div><b>{n:,}</b>{html.escape(name.replace('_', ' '))}</div>" for name, n in data.totals.items())
    return (f"<!doctype html><html lang=en><head><meta charset=utf-8><title>schoolpipe report</title>"
            f"<meta name=viewport content='width=device-width, initial-scale=1'><style>{PAGE_CSS}</style></head><body>"
            f"<h1>schoolpipe report</h1><p class=meta>{html.escape(db)} · {run_line} · written "
            f"{dt.datetime.now():%Y-%m-%d %H:%M}</p><div class=totals>{totals}</div>"
            + "".join(sections) + "</body></html>")


class _Charts:
    """Plotly figures as page fragments; the first carries plotly.js, the rest reuse it."""

    def __init__(self) -> None:
        self.drawn = 0

    def _html(self, name: str, figure) -> str:
        figure.update_layout(margin={"l": 10, "r": 10, "t": 40, "b": 10}, template="plotly_white",
                             font={"family": "system-ui, sans-serif"})
        fragment = figure.to_html(full_html=False, include_plotlyjs=self.drawn == 0, div_id=f"chart-{name}",
                                  config={"displaylogo": False, "responsive": True})
        self.drawn += 1
        return f"<div class=chart data-chart='{name}'>{fragment}</div>"

    def bar(self, name: str, labels: list[str], values: list[int], what: str) -> str:
        import plotly.graph_objects as go

        if not labels:
            return _empty(f"no {what}")
        figure = go.Figure(go.Bar(x=labels, y=values, text=values, textposition="auto", marker_color="#4575b4"))
        figure.update_layout(height=300, yaxis_title=what)
        return self._html(name, figure)

    def stacked(self, name: str, table: dict[str, dict[str, int]], what: str, order: list[str] | None = None,
                horizontal: bool = False, title: str = "") -> str:
        """table: category -> series -> count; one bar per category, one colour per series."""
        import plotly.graph_objects as go

        if not table:
            return _empty(f"no {what}")
        categories = list(table)
        series = sorted({s for row in table.values() for s in row},
                        key=lambda s: (order.index(s) if order and s in order else len(order or []), s))
        figure = go.Figure()
        for s in series:
            counts = [table[c].get(s, 0) for c in categories]
            figure.add_trace(go.Bar(name=s, x=counts if horizontal else categories, y=categories if horizontal else counts,
                                    orientation="h" if horizontal else "v", marker_color=COLOURS.get(s)))
        figure.update_layout(barmode="stack", title=title, legend_title_text="",
                             height=max(300, 26 * len(categories) + 120) if horizontal else 380,
                             **({"xaxis_title": what} if horizontal else {"yaxis_title": what}))
        if horizontal:
            figure.update_yaxes(autorange="reversed")
        return self._html(name, figure)

    def network(self, name: str, edges: list[tuple[str, str, str]]) -> str:
        import networkx as nx
        import plotly.graph_objects as go

        if not edges:
            return _empty("no school is named as a member of a partnership")
        graph = nx.Graph()
        for school, partnership, _ in edges:
            graph.add_edge(("s", school), ("p", partnership))
        position = nx.spring_layout(graph, seed=7, k=1.5 / max(1, len(graph)) ** 0.5)  # the same picture every time
        xs, ys = [], []
        for a, b in graph.edges:
            xs += [position[a][0], position[b][0], None]
            ys += [position[a][1], position[b][1], None]
        kinds = {p: k for _, p, k in edges}
        figure = go.Figure(go.Scatter(x=xs, y=ys, mode="lines", line={"width": 0.7, "color": "#aaa"},
                                      hoverinfo="skip", showlegend=False))
        few = len(graph) <= MAX_LABELLED_NODES
        for side, label, symbol, colour in (("p", "partnership", "diamond", "#d73027"), ("s", "school", "circle", "#4575b4")):
            nodes = [n for n in graph.nodes if n[0] == side]
            # every partnership is named on the page; schools too while the picture has room for them
            named = [n[1] if side == "p" or few or graph.degree(n) > 1 else "" for n in nodes]
            figure.add_trace(go.Scatter(
                x=[position[n][0] for n in nodes], y=[position[n][1] for n in nodes], mode="markers+text", name=label,
                marker={"symbol": symbol, "color": colour, "size": [8 + 2 * min(graph.degree(n), 10) for n in nodes]},
                text=[_short(name) for name in named], textposition="top center",
                textfont={"size": 11 if side == "p" else 9, "color": "#333"},
                hovertext=[n[1] + (f" ({kinds[n[1]]})" if side == "p" and kinds.get(n[1]) else "") +
                           f"<br>{graph.degree(n)} link{'s' if graph.degree(n) != 1 else ''}" for n in nodes],
                hoverinfo="text"))
        figure.update_layout(height=560, xaxis={"visible": False}, yaxis={"visible": False})
        return self._html(name, figure)


    def timeline(self, name: str, rows: list[tuple]) -> str:
        """One line per school, a mark per inspection: its colour the grade (or outcome), its shape the source."""
        import plotly.graph_objects as go

        if not rows:
            return _empty("no inspection of these schools in the documents or the official data")
        schools = list(dict.fromkeys(r[0] for r in rows))
        figure = go.Figure()
        for result in sorted({r[2] for r in rows}, key=lambda g: (GRADE_ORDER.index(g) if g in GRADE_ORDER else 99, g)):
            picked = [r for r in rows if r[2] == result]
            figure.add_trace(go.Scatter(
                x=[r[1] for r in picked], y=[_school_label(r[0]) for r in picked], mode="markers", name=_short(result, 40),
                marker={"size": 13, "color": COLOURS.get(result, "#9e9e9e"), "line": {"width": 1, "color": "#444"},
                        "symbol": [SOURCE_SYMBOLS.get(r[3], "circle") for r in picked]},
                hovertext=[f"{r[0]}<br>{r[1]:%d %B %Y}: {r[2]}<br>{r[4] or 'inspection'}, URN then {r[5]}"
                           f"<br>from {r[3]}" for r in picked], hoverinfo="text"))
        figure.update_layout(height=max(260, 34 * len(schools) + 140), legend_title_text="",
                             yaxis={"categoryorder": "array", "categoryarray": [_school_label(s) for s in reversed(schools)]},
                             xaxis_title="first day of the inspection")
        return self._html(name, figure)


def _timeline_section(charts: _Charts, n: int, timeline: Timeline) -> str:
    rows = "".join(f"<tr><td>{html.escape(r[0])}</td><td>{r[1]:%Y-%m-%d}</td><td>{html.escape(r[2])}</td>"
                   f"<td>{html.escape(str(r[4] or ''))}</td><td>{html.escape(r[5])}</td><td>{html.escape(r[3])}</td></tr>"
                   for r in timeline.rows)
    table = (f"<table><tr><th>school</th><th>first day</th><th>grade or outcome</th><th>type</th><th>URN then</th>"
             f"<th>from</th></tr>{rows}</table>" if rows else "")
    return _section(timeline.title, timeline.about + " Shapes: circle in both, square only in the documents, "
                    "diamond only in the official data.", charts.timeline(f"timeline-{n}", timeline.rows), table)


def _school_label(label: str, limit: int = 48) -> str:
    """'Name (URN)' shortened in its name only: two schools of one name stay two lines."""
    name, urn = label.rsplit(" (", 1) if label.endswith(")") and " (" in label else (label, "")
    suffix = f" ({urn}" if urn else ""
    return _short(name, max(8, limit - len(suffix))) + suffix


def _short(name: str, limit: int = 32) -> str:
    return name if len(name) <= limit else name[: limit - 1].rstrip() + "…"


def _reconciliation(charts: _Charts, data: ReportData) -> str:
    if not data.official_imports:
        return _empty("no official data imported: schoolpipe import-official FILE (Ofsted management information "
                      "or GIAS CSV), then this section compares the documents with it")
    files = "; ".join(f"{html.escape(kind)}: {html.escape(name)} ({rows:,} rows)" for kind, name, rows in data.official_imports)
    table = {f: {"agree": a, "disagree": d, "only documents": od, "only official": oo}
             for f, a, d, od, oo in data.reconciliation}
    chart = (charts.stacked("reconciliation", table, "values compared", horizontal=True,
                            order=["agree", "disagree", "only documents", "only official"])
             if table else _empty("no school is in both the documents and the official record (matched on URN)"))
    return f"<p class=meta>{files}</p>{chart}"


def _problems_table(data: ReportData) -> str:
    if not data.problems:
        return "<p>Every document was read.</p>"
    rows = "".join(f"<tr><td>{html.escape(s)}</td><td>{html.escape(u)}</td><td>{html.escape(e)}</td></tr>"
                   for u, s, e in data.problems)
    more = (f"<p class=meta>… and {data.problems_total - len(data.problems):,} more: "
            f"<code>schoolpipe query \"SELECT * FROM document_problems\"</code></p>"
            if data.problems_total > len(data.problems) else "")
    return (f"<h3>Documents that could not be used ({data.problems_total:,})</h3><table><tr><th>status</th>"
            f"<th>document</th><th>what went wrong, what to do</th></tr>{rows}</table>{more}")


def _pivot(rows: list[tuple[str, str, int]]) -> dict[str, dict[str, int]]:
    table: dict[str, dict[str, int]] = defaultdict(dict)
    for category, series, n in rows:
        table[category][series] = table[category].get(series, 0) + n
    return dict(table)


def _section(title: str, about: str, *parts: str) -> str:
    return f"<section><h2>{html.escape(title)}</h2>" + (f"<p>{html.escape(about)}</p>" if about else "") + "".join(parts) + "</section>"


def _empty(message: str) -> str:
    return f"<p class=empty>{html.escape(message)}</p>"
