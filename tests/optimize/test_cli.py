"""``python -m tadamon.optimize``: JSON out, exit status 2 and no traceback on bad input."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
INSTANCE = {
    "capacity": 1,
    "applicants": [{"id": "a", "score": 2}, {"id": "b", "score": 1}],
}


def run(*args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "tadamon.optimize", *args],
        cwd=ROOT,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=60,
    )


def write(tmp_path: Path, content: Any) -> str:
    path = tmp_path / "instance.json"
    path.write_text(content if isinstance(content, str) else json.dumps(content))
    return str(path)


def test_select_prints_the_result(tmp_path: Path) -> None:
    done = run("select", write(tmp_path, INSTANCE))
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert (result["status"], result["selected"]) == ("OPTIMAL", ["a"])


def test_select_reads_stdin() -> None:
    done = run("select", "-", stdin=json.dumps(INSTANCE))
    assert done.returncode == 0
    assert json.loads(done.stdout)["waitlist"] == ["b"]


def test_invalid_instance_exits_2_with_invalid_status(tmp_path: Path) -> None:
    done = run("select", write(tmp_path, {**INSTANCE, "capacity": -3}))
    assert done.returncode == 2
    assert json.loads(done.stdout) == {
        "status": "INVALID",
        "error": "capacity must be an integer >= 0",
    }
    assert "capacity must be an integer >= 0" in done.stderr
    assert "Traceback" not in done.stderr


def test_invalid_json_exits_2(tmp_path: Path) -> None:
    done = run("select", write(tmp_path, "{not json"))
    assert done.returncode == 2
    assert json.loads(done.stdout)["status"] == "INVALID"
    assert "not valid JSON" in done.stderr
    assert "Traceback" not in done.stderr


def test_missing_file_exits_2(tmp_path: Path) -> None:
    done = run("select", str(tmp_path / "absent.json"))
    assert done.returncode == 2
    assert "cannot read" in done.stderr


def test_unknown_command_prints_usage() -> None:
    done = run("juggle", "x.json")
    assert done.returncode == 2
    assert done.stdout == ""
    assert done.stderr.startswith("usage: python -m tadamon.optimize {select")


def test_no_django_is_imported() -> None:
    code = (
        "import sys, tadamon.optimize.selection, tadamon.optimize.__main__; "
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'django'))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60
    )
    assert done.stdout.strip() == "[]", done.stderr
    django_import = re.compile(r"^\s*(from|import)\s+django\b", re.MULTILINE)
    sources = (ROOT / "tadamon" / "optimize").rglob("*.py")
    assert not any(django_import.search(path.read_text()) for path in sources)
