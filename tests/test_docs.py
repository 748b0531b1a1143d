"""Every CLI command and every setting is documented, or a test fails."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from sidelines.cli import app
from sidelines.config import Settings

README = (Path(__file__).resolve().parents[1] / "README.md").read_text()


def test_every_command_is_in_the_readme():
    names = [c.name or c.callback.__name__ for c in app.registered_commands]
    names += [f"kb {c.name}" for c in app.registered_groups[0].typer_instance.registered_commands]
    missing = [n for n in names if f"sidelines {n}" not in README]
    assert not missing, f"undocumented commands: {missing}"


def test_every_setting_has_a_comment_in_config():
    source = (Path(__file__).resolve().parents[1] / "src" / "sidelines" / "config.py").read_text()
    for setting in dataclasses.fields(Settings):
        line = next(i for i, text in enumerate(source.splitlines()) if text.strip().startswith(f"{setting.name}:"))
        assert source.splitlines()[line - 1].strip().startswith("#:"), f"{setting.name} has no comment"


def test_the_readme_opens_with_the_two_commands():
    head = README.split("\n## ")[0]
    assert "make demo" in head and "make test" in head
