"""Production settings (issue 10, first acceptance point): `check --deploy` is clean with
production settings, and a production start without a secret key refuses with a clear
message. Run in subprocesses, since settings are read once per process."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _manage(*args: str, **env: str) -> subprocess.CompletedProcess:
    environment = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "TADAMON_")) and key != "DATABASE_URL"
    }
    environment.update({"DJANGO_SETTINGS_MODULE": "config.settings", **env})
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.fixture
def production(tmp_path) -> dict[str, str]:
    return {
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(60),
        "DJANGO_ALLOWED_HOSTS": "tadamon.example.ma",
        "TADAMON_PUBLIC_BASE_URL": "https://tadamon.example.ma",
        "TADAMON_VAR_DIR": str(tmp_path),
    }


def test_check_deploy_is_clean_with_production_settings(production):
    result = _manage("check", "--deploy", "--fail-level", "WARNING", **production)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_a_production_start_without_a_secret_key_refuses_clearly(production):
    del production["DJANGO_SECRET_KEY"]
    result = _manage("check", **production)
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY is required when DJANGO_DEBUG is off." in result.stderr


def test_a_production_start_without_the_public_address_refuses_clearly(production):
    """Certificates' QR codes would point at 127.0.0.1 (issue 15)."""
    del production["TADAMON_PUBLIC_BASE_URL"]
    result = _manage("check", **production)
    assert result.returncode != 0
    assert "TADAMON_PUBLIC_BASE_URL is required when DJANGO_DEBUG is off" in result.stderr


@pytest.mark.parametrize("address", ["http://127.0.0.1:8000", "https://localhost", "tadamon.ma"])
def test_check_deploy_reports_a_public_address_that_is_not_public(production, address):
    production["TADAMON_PUBLIC_BASE_URL"] = address
    result = _manage("check", "--deploy", "--fail-level", "WARNING", **production)
    assert result.returncode != 0
    assert "tadamon.W001" in result.stdout + result.stderr


def test_production_sends_mail_by_smtp_unless_told_otherwise(production):
    show = (
        "shell",
        "--no-imports",
        "-c",
        "from django.conf import settings; print(settings.EMAIL_BACKEND)",
    )
    assert _manage(*show, **production).stdout.strip() == (
        "django.core.mail.backends.smtp.EmailBackend"
    )
    development = _manage(*show, DJANGO_DEBUG="1", TADAMON_VAR_DIR=production["TADAMON_VAR_DIR"])
    assert development.stdout.strip() == "django.core.mail.backends.console.EmailBackend"
