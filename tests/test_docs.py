"""The README keeps up with the command line: every command is shown there."""

from __future__ import annotations

from pathlib import Path

import click

from claimledger.cli import main

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")


def command_paths(group: click.Group, prefix: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    paths: list[tuple[str, ...]] = []
    for name, command in group.commands.items():
        if isinstance(command, click.Group):
            paths += command_paths(command, (*prefix, name))
        else:
            paths.append((*prefix, name))
    return paths


def documented(path: tuple[str, ...]) -> bool:
    """A README line that starts the command and names its last word ("eval …|events …")."""
    start = " ".join(("claimledger", *path[:-1]))
    lines = README.splitlines()
    return any(start in line and path[-1] in line.split(start, 1)[1] for line in lines)


def test_every_command_is_in_the_readme() -> None:
    assert [p for p in command_paths(main) if not documented(p)] == []


def test_readme_opens_with_the_two_setup_commands() -> None:
    opening = README[:400]
    assert "make run" in opening and "make test" in opening
