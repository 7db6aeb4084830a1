"""Ofsted's report site as a source, against a replica on 127.0.0.1 serving real PDFs as the files:
reports by URN and by local authority, what each listing says kept beside the fetch, a second
run that downloads nothing."""
from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest
from ofsted_replica import OfstedReplica, Provider, Report

from corpus.ofsted import OfstedSiteError, parse_provider_page, parse_search_page, site_spec, walk
from corpus.sources import SourcesError, load_sources
from pipeline.school_names import same_authority
from pipeline.settings import Settings

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
needs_shared = pytest.mark.skipif(not (SHARED / "samples").is_dir(), reason="../shared is not beside this checkout")


def real_pdf(name: str) -> bytes:
    found = sorted(SHARED.glob(f"**/{name}"))
    return found[0].read_bytes()


def providers() -> list[Provider]:
    school_a = real_pdf("ofsted-103980-2016.pdf")
    school_b = real_pdf("ofsted-139305-2016.pdf")
    council = sorted((SHARED / "real" / "ilacs" / "docs").glob("*.pdf"))[0].read_bytes()
    return [
        Provider("103980", 21, "Oakfield Primary School", "Oakshire", [
            Report(501, "School inspection", "12 October 2016", "School inspection, PDF - 07 November 2016", school_a),
            Report(502, "Academy conversion letter", "01 April 2017", "Academy conversion letter, PDF", school_b),
        ]),
        Provider("139305", 23, "Elm Bank Academy", "Oakshire", [
            Report(601, "School inspection", "08 November 2016", "School inspection,  pdf - 30 November 2016", school_b),
        ]),
        Provider("80999", 44, "Oakshire County Council", "Oakshire", [
            Report(701, "Children's services inspection", "05 March 2018", None, council),
        ]),
        # elsewhere, but its name has the word the place search looks for
        Provider("120001", 21, "Oakshire Road Infant School", "Elmshire", [
            Report(801, "School inspection", "02 May 2019", "School inspection, PDF - 30 May 2019", school_a),
        ]),
    ]


@pytest.fixture
def replica():
    if not (SHARED / "real" / "ilacs" / "docs").is_dir():
        pytest.skip("../shared is not beside this checkout")
    with OfstedReplica(providers()) as server:
        yield server


def test_the_site_description_is_checked_when_it_loads(tmp_path):
    spec = json.loads((ROOT / "corpus" / "ofsted_site.json").read_text())
    assert site_spec()["selectors"]["report_link"] == spec["selectors"]["report_link"]
    broken = dict(spec, selectors={k: v for k, v in spec["selectors"].items() if k != "report_link"})
    path = tmp_path / "site.json"
    path.write_text(json.dumps(broken))
    with pytest.raises(OfstedSiteError, match="selectors.*report_link"):
        site_spec(str(path))
    path.write_text(json.dumps(dict(spec, provider_path="(unclosed")))
    with pytest.raises(OfstedSiteError, match="provider_path is not a valid regular expression"):
        site_spec(str(path))


@needs_shared
def test_pages_parse_into_providers_and_listed_reports(replica):
    spec = site_spec()
    search = parse_search_page(replica.search_page({"location": ["Oakshire"], "start": ["0"]}), replica.base + "/search",
                               spec)
    assert [p.urn for p in search.providers] == ["103980", "139305"] and search.next_url is not None
    page = parse_provider_page(replica.provider_page(replica.providers[0]), replica.base + "/provider/21/103980", spec)
    assert (page.urn, page.name, page.local_authority) == ("103980", "Oakfield Primary School", "Oakshire")
    assert [(r.title, r.inspection_date, r.publication_date) for r in page.reports] == [
        ("School inspection", dt.date(2016, 10, 12), dt.date(2016, 11, 7))]  # the conversion letter is no report
    odd = parse_provider_page(replica.provider_page(replica.providers[1]), replica.base + "/provider/23/139305", spec)
    assert odd.reports[0].publication_date == dt.date(2016, 11, 30)  # "  pdf - " as some listings print it


def test_local_authority_names_compare_as_people_write_them():
    assert same_authority("Oxfordshire", "oxfordshire county council")
    assert same_authority("Bristol, City of", "City of Bristol")
    assert not same_authority("North Yorkshire", "Yorkshire") and not same_authority(None, "Oxfordshire")


@needs_shared
def test_a_walk_by_local_authority_reads_every_page_and_keeps_only_that_authority(replica):
    asked: list[str] = []

    def fetch_page(url: str) -> bytes | None:
        import httpx

        asked.append(url)
        response = httpx.get(url)
        return response.content if response.status_code == 200 else None

    found = walk(fetch_page, site_spec(), replica.base, local_authority="Oakshire")
    assert sorted(listing.provider_urn for listing in found.listings) == ["103980", "139305", "80999"]
    assert sum("/search" in url for url in asked) == 2  # two result pages of two
    assert found.notes == []


def test_an_ofsted_source_is_checked_in_the_sources_file(tmp_path):
    path = tmp_path / "sources.toml"
    path.write_text('[[source]]\nname = "ours"\nkind = "ofsted"\nurns = ["123456", "ey123456"]\n')
    assert load_sources(path).sources[0].urns == ("123456", "EY123456")
    for body, said in (('urns = ["12"]', "is not a URN"), ('remit = "zoo"\nurns = ["123456"]', "remit must be one of"),
                       ("", "needs urns")):
        path.write_text(f'[[source]]\nname = "ours"\nkind = "ofsted"\n{body}\n')
        with pytest.raises(SourcesError, match=said):
            load_sources(path)


def settings_for(tmp_path: Path, replica) -> Settings:
    return Settings(db=str(tmp_path / "w.duckdb"), raw_dir=str(tmp_path / "raw"), host_delay=0.0, fetch_backoff=0.01,
                    fetch_timeout=5.0, fetch_retries=1, ofsted_url=replica.base)


@pytest.mark.prefect
@pytest.mark.usefixtures("prefect_server")
def test_refresh_by_urn_fetches_that_providers_reports_and_nothing_else(tmp_path, replica):
    from flows.run_sources import run_sources_flow

    settings = settings_for(tmp_path, replica)
    first = run_sources_flow(sources_file="", settings=settings, command="refresh", ofsted={"urns": ["103980"]})
    assert first.fetch_errors == [] and first.by_status == {"ok": 1}
    con = duckdb.connect(settings.db, read_only=True)
    try:
        documents = con.execute("SELECT uri, kind FROM documents").fetchall()
        listed = con.execute("SELECT url, source, provider_urn, provider_name, local_authority, title, inspection_date, "
                             "publication_date FROM report_listings").fetchall()
        inspections = con.execute("SELECT urn FROM inspections").fetchall()
    finally:
        con.close()
    assert documents == [(f"{replica.base}/v1/file/501", "inspection_report")]
    assert listed == [(f"{replica.base}/v1/file/501", "ofsted", "103980", "Oakfield Primary School", "Oakshire",
                       "School inspection", dt.date(2016, 10, 12), dt.date(2016, 11, 7))]
    assert inspections == [("103980",)]  # the real report is that school's
    assert replica.hits["/v1/file/502"] == 0 and replica.hits["/v1/file/601"] == 0
    second = run_sources_flow(sources_file="", settings=settings, command="refresh", ofsted={"urns": ["103980"]})
    assert second.downloads == 0 and second.documents_processed == 0
    assert replica.hits["/v1/file/501"] == 2  # the second time a conditional request, answered 304


@pytest.mark.prefect
@pytest.mark.usefixtures("prefect_server")
def test_refresh_by_local_authority_follows_the_pages(tmp_path, replica):
    from flows.run_sources import run_sources_flow

    settings = settings_for(tmp_path, replica)
    summary = run_sources_flow(sources_file="", settings=settings, command="refresh",
                               ofsted={"local_authority": "Oakshire"})
    assert summary.fetch_errors == []
    con = duckdb.connect(settings.db, read_only=True)
    try:
        uris = sorted(u.rsplit("/", 1)[1] for (u,) in con.execute("SELECT uri FROM documents").fetchall())
        remits = dict(con.execute("SELECT split_part(d.uri, '/', -1), i.remit FROM documents d "
                                  "JOIN inspections i USING (document_id)").fetchall())
    finally:
        con.close()
    assert uris == ["501", "601", "701"]  # not Elmshire's school, not the conversion letter
    assert remits["701"] == "local_authority" and remits["501"] == "school"


@pytest.mark.slow
def test_schoolpipe_refresh_urn_needs_no_sources_file(tmp_path, replica):
    env = {**os.environ, "SCHOOLPIPE_OFSTED_URL": replica.base, "SCHOOLPIPE_HOST_DELAY": "0",
           "SCHOOLPIPE_RAW_DIR": str(tmp_path / "raw"), "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
           "PREFECT_HOME": str(tmp_path / "prefect")}
    schoolpipe = str(Path(sys.executable).with_name("schoolpipe"))
    done = subprocess.run([schoolpipe, "refresh", "--urn", "139305", "--db",
                           str(tmp_path / "w.duckdb"), "--sources", str(tmp_path / "none.toml")],
                          capture_output=True, text=True, env=env, cwd=tmp_path, timeout=240)
    assert done.returncode == 0, done.stderr[-800:]
    con = duckdb.connect(str(tmp_path / "w.duckdb"), read_only=True)
    try:
        assert con.execute("SELECT uri FROM documents").fetchall() == [(f"{replica.base}/v1/file/601",)]
    finally:
        con.close()
    bad = subprocess.run([schoolpipe, "refresh", "--urn", "12", "--db",
                          str(tmp_path / "w.duckdb")], capture_output=True, text=True, env=env, cwd=tmp_path, timeout=60)
    assert bad.returncode == 1 and "is not a URN" in bad.stderr and len(bad.stderr.strip().splitlines()) == 1


MI_HEADER = ["URN", "LAESTAB", "School name", "Ofsted phase", "Type of education", "Local authority", "Postcode",
             "Inspection number of latest full inspection", "Inspection type", "Inspection start date",
             "Inspection end date", "Publication date", "URN at time of latest full inspection", "Category of concern",
             "Latest OEIF overall effectiveness"]


def management_information(path: Path, as_at: str, starts: dict[str, str]) -> Path:
    """An invented latest-inspections release: the URNs' latest inspection start dates."""
    import csv
    import io

    text = io.StringIO()
    rows = [[f"State-funded schools - latest inspections as at {as_at}"], [], MI_HEADER]
    rows += [[urn, "9991234", "Invented School", "Primary", "Community school", "Oakshire", "ZZ1 1ZZ", "ITS555",
              "S5 Inspection", start, "", "", urn, "", "2"] for urn, start in starts.items()]
    csv.writer(text).writerows(rows)
    path.write_bytes(text.getvalue().encode("cp1252"))
    return path


@pytest.mark.prefect
@pytest.mark.usefixtures("prefect_server")
def test_the_nightly_delta_fetches_only_what_the_official_data_says_is_newer(tmp_path, replica):
    from flows.run_sources import run_sources_flow

    settings = settings_for(tmp_path, replica)
    sources = tmp_path / "sources.toml"

    def run_with(release: Path):
        sources.write_text(f'[[source]]\nname = "nightly"\nkind = "ofsted"\nurns = ["103980", "139305"]\n'
                           f'delta_from = "{release}"\n')
        return run_sources_flow(sources_file=str(sources), settings=settings)

    # the two schools' latest inspections are the sample reports' (9 and 8 November 2016)
    march = management_information(tmp_path / "mi-march.csv", "31 March 2017", {"103980": "09/11/2016", "139305": "08/11/2016"})
    first = run_with(march)
    assert first.by_status == {"ok": 2} and any("2 providers with an inspection newer" in n for n in first.notes)
    pages = sum(n for path, n in replica.hits.items() if path.startswith(("/search", "/provider")))
    again = run_with(march)  # the same release: nothing newer, so the site is not even asked
    assert any("0 providers" in n for n in again.notes) and again.requests == 0
    assert sum(n for path, n in replica.hits.items() if path.startswith(("/search", "/provider"))) == pages
    june = management_information(tmp_path / "mi-june.csv", "30 June 2019", {"103980": "09/11/2016", "139305": "14/05/2019"})
    later = run_with(june)
    assert any("1 provider with an inspection newer" in n for n in later.notes)
    assert replica.hits["/provider/23/139305"] == 2 and replica.hits["/provider/21/103980"] == 1
    con = duckdb.connect(settings.db, read_only=True)
    try:
        releases = con.execute("SELECT count(*) FROM official_releases").fetchone()[0]
    finally:
        con.close()
    assert releases == 2  # each release imported once, as import-official keeps them
    refused = tmp_path / "mi-empty.csv"
    refused.write_text(",".join(MI_HEADER) + "\n", encoding="utf-8")  # a header, no row
    bad = run_with(refused)
    assert bad.fetch_errors == [] and any("nothing was fetched for this source" in n for n in bad.notes)
