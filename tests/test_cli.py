"""The command line: every command has help and is in the README; analyze end to end."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from sagte.cli import app

README = Path(__file__).resolve().parents[1] / "README.md"
runner = CliRunner()


def _commands(typer_app: typer.Typer, prefix: str = ""):
    group = typer.main.get_command(typer_app)
    stack = [(prefix, group)]
    while stack:
        name, cmd = stack.pop()
        subs = getattr(cmd, "commands", None)
        if subs:
            for sub_name, sub in subs.items():
                stack.append((f"{name} {sub_name}".strip(), sub))
        else:
            yield name, cmd


COMMANDS = sorted(name for name, _ in _commands(app))


@pytest.mark.parametrize("name", COMMANDS)
def test_every_command_has_help_with_an_example(name):
    result = runner.invoke(app, [*name.split(), "--help"])
    assert result.exit_code == 0, result.output
    assert "Example:" in result.output


@pytest.mark.parametrize("name", COMMANDS)
def test_every_command_is_in_the_readme(name):
    assert f"sagte {name}" in README.read_text(encoding="utf-8")


def test_analyze_stdin_json():
    result = runner.invoke(app, ["analyze", "-", "--date", "2025-02-12"], input="„Wir prüfen das genau“, sagte die Ministerin.")
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    assert doc["date"] == "2025-02-12"
    assert doc["statements"][0]["speaker"]["text"] == "die Ministerin"


def test_analyze_table_shows_who_said_what():
    result = runner.invoke(app, ["analyze", "-", "--format", "table"], input="„Wir prüfen das genau“, sagte die Ministerin.")
    assert result.exit_code == 0
    assert "die Ministerin" in result.stdout


def test_analyze_html_escapes_text():
    result = runner.invoke(app, ["analyze", "-", "--format", "html"], input="„<script>alert(1)</script> ist böse“, sagte er.")
    assert result.exit_code == 0
    assert "<script>" not in result.stdout and "&lt;script&gt;" in result.stdout


@pytest.mark.parametrize(
    "args,stdin,code,message",
    [
        (["analyze", "-"], "", 2, "empty"),
        (["analyze", "-", "--date", "gestern"], "Text.", 2, "YYYY-MM-DD"),
        (["analyze", "nonexistent.txt"], None, 2, "does not exist"),
        (["analyze"], None, 2, "give a FILE"),
    ],
)
def test_analyze_errors(args, stdin, code, message):
    result = runner.invoke(app, args, input=stdin)
    assert result.exit_code == code
    assert message in result.output


def test_analyze_jsonl_keeps_order_and_reports_bad_lines(tmp_path):
    src = tmp_path / "in.jsonl"
    out = tmp_path / "out.jsonl"
    lines = [
        {"id": "a", "text": "„Wir bleiben hier“, sagte sie.", "date": "2025-01-02"},
        {"id": "b", "text": ""},
        "not json",
        {"id": "d", "text": "Er sagte, er habe Zeit.", "date": "kein Datum"},
        {"id": "e", "text": "Laut Polizei ist alles ruhig."},
    ]
    src.write_text("\n".join(l if isinstance(l, str) else json.dumps(l, ensure_ascii=False) for l in lines) + "\n", encoding="utf-8")
    result = runner.invoke(app, ["analyze", "--jsonl", str(src), "--output", str(out)])
    assert result.exit_code == 1
    rows = [json.loads(l) for l in out.read_text(encoding="utf-8").splitlines()]
    assert [r.get("id") for r in rows] == ["a", "b", None, "d", "e"]
    assert "error" in rows[1] and "empty" in rows[1]["error"]
    assert "error" in rows[2] and "error" in rows[3]
    assert rows[0]["statements"] and rows[4]["statements"]


def test_readme_quick_start_is_two_commands():
    text = README.read_text(encoding="utf-8")
    block = re.search(r"## Quick start\n+```(?:sh|bash)?\n(.*?)```", text, re.S)
    assert block, "README needs a ## Quick start code block"
    commands = [l for l in block.group(1).splitlines() if l.strip() and not l.startswith("#")]
    assert len(commands) == 2
