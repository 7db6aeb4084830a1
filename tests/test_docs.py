"""The README opens with the two set-up commands and documents every command."""
import re
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


def test_every_setting_is_documented():
    import dataclasses

    from pipeline.settings import Settings

    missing = [f.name for f in dataclasses.fields(Settings) if f"`{f.name}`" not in README]
    assert not missing, f"README does not name these settings: {missing}"


def test_every_status_is_documented():
    from corpus.fetch import FETCH_STATUSES
    from pipeline.models import DOCUMENT_STATUSES

    missing = [s for s in (*DOCUMENT_STATUSES, *FETCH_STATUSES) if f"`{s}`" not in README and f" {s}" not in README]
    assert not missing, f"README does not name these statuses: {missing}"


def _commands():
    import typer.main

    group = typer.main.get_command(app)
    return group.commands


def test_every_option_of_every_command_is_in_readme():
    missing = []
    for name, command in _commands().items():
        for param in command.params:
            flags = [o for o in getattr(param, "opts", []) if o.startswith("--") and o != "--help"]
            if flags and not any(re.search(rf"(?<![\w-]){re.escape(flag)}(?![\w-])", README) for flag in flags):
                missing.append(f"schoolpipe {name} {flags[0]}")
    assert not missing, f"README does not mention: {missing}"


def test_every_command_has_an_example_in_its_help():
    without = [name for name, command in _commands().items() if "Example: schoolpipe" not in (command.help or "")]
    assert not without, f"no 'Example: schoolpipe …' line in the help of: {without}"
