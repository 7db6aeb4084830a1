"""Shared fixtures: sample paths, a session-wide Prefect server, generated PDFs."""
from __future__ import annotations

import os
import tempfile
from pathlib import Path

# Before anything imports Prefect: no network, a throwaway home, quiet logs.
os.environ["PREFECT_SERVER_ANALYTICS_ENABLED"] = "false"
os.environ.setdefault("PREFECT_HOME", tempfile.mkdtemp(prefix="schoolpipe-prefect-"))
os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")
os.environ.setdefault("PREFECT_SERVER_LOGGING_LEVEL", "WARNING")

import sys  # noqa: E402

import pytest  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # benchmarks.generate_demo, a development tool

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT.parent / "shared" / "samples"
DEMO = ROOT / "corpus" / "demo"
GOLDEN = Path(__file__).resolve().parent / "golden"


def pytest_addoption(parser):
    parser.addoption("--regen-golden", action="store_true", help="rewrite tests/golden/*.json from the current output")


@pytest.fixture(scope="session")
def regen_golden(request) -> bool:
    return bool(request.config.getoption("--regen-golden") or os.environ.get("SCHOOLPIPE_REGEN_GOLDEN"))


@pytest.fixture(scope="session")
def samples() -> Path:
    """The shared samples: present in CI; absent on a user's machine, where these tests skip."""
    if not SAMPLES.is_dir():
        pytest.skip("../shared/samples is not beside this checkout")
    return SAMPLES


@pytest.fixture(scope="session")
def prefect_server():
    """One temporary Prefect server for every test that runs a real flow."""
    from prefect.testing.utilities import prefect_test_harness

    with prefect_test_harness(server_startup_timeout=60):
        yield


@pytest.fixture(scope="session")
def generated_pdfs(tmp_path_factory) -> Path:
    """The demo generator's documents written afresh, to test the generator and the parsers."""
    from benchmarks.generate_demo import write_demo_corpus

    folder = tmp_path_factory.mktemp("generated")
    write_demo_corpus(folder)
    return folder


PREFECT_FIXTURES = {"prefect_server", "prefect_api"}


def pytest_collection_modifyitems(items):
    """A test that needs a Prefect server is a `prefect` test, whoever forgot to say so."""
    for item in items:
        if PREFECT_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.prefect)


def sample_passage(file_name: str, first: str, last: str) -> str:
    """The text of a shared sample from `first` to the end of the next `last`, read from
    ../shared (tests do not keep copies of it); '' when the samples are not beside this checkout,
    where the tests that use it skip."""
    path = SAMPLES / file_name
    if not path.is_file():
        return ""
    text = path.read_text(encoding="utf-8")
    start = text.index(first)
    end = text.index(last, start) + len(last)
    return text[start:end] + ("\n" if text[end:end + 1] == "\n" else "")
