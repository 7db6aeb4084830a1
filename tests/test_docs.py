"""The README opens with the two set-up commands and documents every command."""
from pathlib import Path

from schoolpipe.cli import app

README = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")


def test_readme_starts_with_make_demo_and_make_test():
    code = README.split("```", 2)[1]
    assert "make demo" in code and "make test" in code


def test_every_command_is_documented():
    names = [c.name or c.callback.__name__ for c in app.registered_commands]
    assert names
    for name in names:
        assert f"schoolpipe {name}" in README, f"README does not document `schoolpipe {name}`"


def test_ci_runs_the_readme_test_command():
    ci = (Path(__file__).resolve().parent.parent / ".ci" / "run").read_text()
    assert "make test" in ci and "make test" in README
