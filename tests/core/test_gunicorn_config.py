"""gunicorn's settings come from the environment (config/gunicorn.py, issue 10)."""

import multiprocessing
import runpy
from pathlib import Path

CONFIG = Path(__file__).resolve().parents[2] / "config" / "gunicorn.py"


def test_defaults_serve_127_0_0_1_with_two_workers_a_core_plus_one(monkeypatch):
    for name in ("GUNICORN_BIND", "WEB_CONCURRENCY", "GUNICORN_MAX_REQUESTS"):
        monkeypatch.delenv(name, raising=False)
    config = runpy.run_path(str(CONFIG))
    assert config["bind"] == "127.0.0.1:8000"
    assert config["workers"] == 2 * multiprocessing.cpu_count() + 1
    assert config["max_requests"] == 0


def test_the_environment_overrides_them(monkeypatch):
    monkeypatch.setenv("GUNICORN_BIND", "0.0.0.0:9000")
    monkeypatch.setenv("WEB_CONCURRENCY", "3")
    monkeypatch.setenv("GUNICORN_MAX_REQUESTS", "5000")
    monkeypatch.setenv("GUNICORN_ACCESS_LOG", "")
    config = runpy.run_path(str(CONFIG))
    assert (config["bind"], config["workers"]) == ("0.0.0.0:9000", 3)
    assert (config["max_requests"], config["max_requests_jitter"]) == (5000, 2500)
    assert config["accesslog"] is None
