"""A run's own account of its wall time (pipeline/timings.py): phases that add up, workers' seconds that fit."""
from __future__ import annotations

import json
import shutil

import pytest

from pipeline import timings
from pipeline.models import SourceDocument
from pipeline.timings import Timings


class Clock:
    """A clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_each_second_goes_to_the_innermost_phase():
    clock = Clock()
    recorder = Timings(workers=2, clock=clock, started=99.0)  # the process started a second ago
    recorder.switch(timings.DISCOVERY)
    clock.now += 2
    with recorder.phase(timings.LOAD):
        clock.now += 3
        with recorder.phase(timings.INDEX):
            clock.now += 4
        clock.now += 1
    clock.now += 0.5
    report = recorder.report()
    assert report["wall_seconds"] == pytest.approx(11.5)
    phases = report["phases"]
    assert phases[timings.START_UP] == pytest.approx(1.0)
    assert phases[timings.DISCOVERY] == pytest.approx(2.5)
    assert phases[timings.LOAD] == pytest.approx(4.0)
    assert phases[timings.INDEX] == pytest.approx(4.0)
    assert sum(phases.values()) == pytest.approx(report["wall_seconds"])


def test_workers_seconds_are_parse_extract_start_up_and_the_rest_idle():
    clock = Clock()
    recorder = Timings(workers=2, clock=clock, started=clock.now)
    recorder.add_document(3.0, 1.0, start_seconds=2.0)
    recorder.add_document(1.0, 0.25)
    clock.now += 10
    report = recorder.report()
    busy = report["worker_seconds"]
    assert report["documents"] == 2
    assert busy[timings.PARSE] == pytest.approx(1.25)
    assert busy[timings.EXTRACT] == pytest.approx(2.75)
    assert busy[timings.WORKER_START] == pytest.approx(2.0)
    assert busy[timings.IDLE] == pytest.approx(2 * 10 - 6.0)


def test_the_breakdown_adds_the_time_after_the_report_and_gives_shares():
    report = {"wall_seconds": 9.0, "workers": 2, "documents": 1,
              "phases": {timings.START_UP: 3.0, timings.LOAD: 6.0},
              "worker_seconds": {timings.PARSE: 9.0, timings.IDLE: 9.0}}
    rows = timings.breakdown(report, wall=10.0)
    assert [name for name, _, _ in rows[:3]] == [timings.START_UP, timings.LOAD, rows[2][0]]
    assert rows[2][0].startswith("exit") and rows[2][1] == pytest.approx(1.0)
    assert sum(share for _, _, share in rows[:3]) == pytest.approx(1.0)   # the parent's rows: the wall time
    assert sum(share for _, _, share in rows[3:]) == pytest.approx(1.0)   # the workers': what they had
    assert timings.breakdown(report)[2][0] == timings.PARSE  # no outside wall time: no exit row


def test_nothing_is_recorded_unless_a_run_asks():
    timings.stop()
    with timings.phase(timings.LOAD):
        timings.switch(timings.INDEX)
        timings.add_document(1.0, 0.5)
    assert timings.current() is None


def test_process_age_is_the_processes_own():
    age = timings.process_age()
    assert 0 <= age < 7 * 24 * 3600


def test_parse_seconds_are_part_of_a_documents_seconds(tmp_path):
    from flows.process import timed_process_document
    from pipeline.settings import Settings

    path = tmp_path / "a.txt"
    shutil.copy("corpus/demo/demo-short-inspection-118634.txt", path)
    source = SourceDocument(uri=str(path), path=str(path), sha256="0" * 64, size_bytes=path.stat().st_size)
    done = timed_process_document(source, Settings())
    assert done.result.status == "ok"
    assert done.seconds == done.result.seconds
    assert 0 < done.parse_seconds < done.seconds
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(b"%PDF-1.4 truncated")
    failed = timed_process_document(SourceDocument(uri=str(broken), path=str(broken), sha256="1" * 64,
                                                   size_bytes=18), Settings())
    assert failed.result.status == "corrupt" and failed.parse_seconds == failed.seconds  # never reached extraction


@pytest.mark.processes
def test_a_run_with_timings_writes_every_stage(tmp_path, prefect_server, monkeypatch):
    from typer.testing import CliRunner

    from schoolpipe.cli import app

    corpus = tmp_path / "c"
    corpus.mkdir()
    for name in ("demo-short-inspection-118634.txt", "demo-2019-141207.pdf", "demo-case-study-kestrel-vale.html"):
        shutil.copy(f"corpus/demo/{name}", corpus)
    report_file = tmp_path / "timings.json"
    monkeypatch.setenv(timings.ENV, str(report_file))
    done = CliRunner().invoke(app, ["run", "--corpus", str(corpus), "--db", str(tmp_path / "w.duckdb")])
    assert done.exit_code == 0, done.output
    assert timings.current() is None  # the command's recorder ends with it
    report = json.loads(report_file.read_text())
    wall, workers = report["wall_seconds"], report["workers"]
    assert set(report["phases"]) == set(timings.PHASES)
    assert set(report["worker_seconds"]) == {*timings.WORKER_STAGES, timings.IDLE}
    assert report["documents"] == 3
    assert all(seconds >= 0 for seconds in (*report["phases"].values(), *report["worker_seconds"].values()))
    for stage in (timings.DISCOVERY, timings.LOAD, timings.INDEX, timings.PUBLISH, timings.OPEN):
        assert report["phases"][stage] > 0, stage
    for stage in timings.WORKER_STAGES:
        assert report["worker_seconds"][stage] > 0, stage
    assert sum(report["phases"].values()) == pytest.approx(wall)
    busy = sum(report["worker_seconds"][stage] for stage in timings.WORKER_STAGES)
    assert busy <= wall * workers
    assert busy + report["worker_seconds"][timings.IDLE] == pytest.approx(wall * workers)
