"""``python -m tadamon.optimize allocate``: JSON out; exit status 2 and one line on bad input.

A few runs go through a real subprocess (no solver banner on stdout, no traceback); the others
call ``main`` in process, which is the same code without a second of imports per case.
"""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tadamon.optimize.__main__ import COMMANDS, main

ROOT = Path(__file__).resolve().parents[2]
INSTANCE = {
    "booths": [{"id": "B1", "zone": "Z1", "accessible": True}, {"id": "B2", "zone": "Z1"}],
    "adjacency": [["B1", "B2"]],
    "waves": ["W1"],
    "wave_capacity": None,
    "exhibitors": [
        {"id": "a", "sector": "food", "region": "R1", "waves": None, "needs_accessible": False},
        {"id": "b", "sector": "crafts", "region": "R2", "needs_accessible": True, "zones": None},
        {"id": "c", "sector": "food"},
    ],
    "sector_zones": None,
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


def run_here(
    capsys: pytest.CaptureFixture[str], *args: str, stdin: str = ""
) -> tuple[int, str, str]:
    code = main(list(args), io.StringIO(stdin))
    out, err = capsys.readouterr()
    return code, out, err


def write(tmp_path: Path, content: Any) -> str:
    path = tmp_path / "instance.json"
    path.write_text(content if isinstance(content, str) else json.dumps(content))
    return str(path)


def test_allocate_prints_the_result(tmp_path: Path) -> None:
    done = run("allocate", write(tmp_path, INSTANCE))
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)  # nothing but the JSON on stdout (no solver banner)
    assert result["assignments"] == [
        {"exhibitor": "a", "wave": "W1", "booth": "B2"},
        {"exhibitor": "b", "wave": "W1", "booth": "B1"},
    ]
    assert (result["unassigned"], result["status"]) == (["c"], "OPTIMAL")
    assert done.stderr == ""


def test_allocate_reads_stdin_and_takes_a_time_limit(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run_here(
        capsys, "allocate", "-", "--time-limit", "2.5", stdin=json.dumps(INSTANCE)
    )
    assert code == 0, err
    assert json.loads(out)["placed"] == 2


def test_the_time_limit_may_come_first(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run_here(
        capsys, "--time-limit", "3", "allocate", "-", stdin=json.dumps(INSTANCE)
    )
    assert code == 0, err


def test_bad_input_in_a_real_process_exits_2_without_traceback(tmp_path: Path) -> None:
    done = run("allocate", write(tmp_path, {**INSTANCE, "adjacency": [["B1", "B9"]]}))
    assert done.returncode == 2
    assert done.stderr == "error: adjacency[0][1] 'B9' is not a booth id\n"
    assert json.loads(done.stdout) == {
        "status": "INVALID",
        "error": "adjacency[0][1] 'B9' is not a booth id",
    }


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("{not json", "is not valid JSON"),
        ("[" * 100_000 + "]" * 100_000, "is not usable JSON"),
        ({**INSTANCE, "adjacency": [["B1", "B9"]]}, "adjacency[0][1] 'B9' is not a booth id"),
        ({**INSTANCE, "wave_capacity": -1}, "wave_capacity must be an integer >= 0 or null"),
        (
            {**INSTANCE, "booths": [{"id": "B1"}, {"id": "B1"}]},
            "booths[1].id 'B1' duplicates booths[0].id",
        ),
        (
            {**INSTANCE, "exhibitors": [{"id": "a", "waves": ["W7"]}]},
            "exhibitors[0].waves[0] 'W7' is not a known wave label",
        ),
    ],
)
def test_bad_input_exits_2_with_one_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, content: Any, message: str
) -> None:
    code, out, err = run_here(capsys, "allocate", write(tmp_path, content))
    assert code == 2
    assert message in err
    assert len(err.strip().splitlines()) == 1
    assert json.loads(out)["status"] == "INVALID"


@pytest.mark.parametrize("limit", ["0", "-1", "soon", "nan"])
def test_a_bad_time_limit_is_a_usage_error(capsys: pytest.CaptureFixture[str], limit: str) -> None:
    code, out, err = run_here(capsys, "allocate", "-", "--time-limit", limit)
    assert code == 2
    assert out == ""
    assert err.strip() == f"error: --time-limit must be a number of seconds > 0, not {limit!r}"


def test_usage_names_every_command(capsys: pytest.CaptureFixture[str]) -> None:
    for args in (["allocate"], ["allocate", "-", "--time-limit"], ["juggle", "x.json"]):
        code, out, err = run_here(capsys, *args)
        assert (code, out) == (2, "")
        assert err.startswith("usage: python -m tadamon.optimize {select,allocate,schedule}")


def test_select_still_works_and_takes_the_time_limit(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    instance = {"capacity": 1, "applicants": [{"id": "a", "score": 2}, {"id": "b", "score": 1}]}
    code, out, err = run_here(capsys, "select", write(tmp_path, instance), "--time-limit", "5")
    assert code == 0, err
    assert json.loads(out)["selected"] == ["a"]
    # The flag overrides the instance's own limit (an invalid one here would be rejected).
    assert COMMANDS["select"]({**instance, "time_limit_s": "x"}, 5.0)["status"] == "OPTIMAL"


def test_commands_take_the_time_limit() -> None:
    assert set(COMMANDS) == {"select", "allocate", "schedule"}
    assert COMMANDS["allocate"](INSTANCE, None)["status"] == "OPTIMAL"
