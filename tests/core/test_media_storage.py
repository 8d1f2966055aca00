"""Pluggable media storage (issue 10): local files by default, an S3-compatible bucket with
TADAMON_MEDIA_STORAGE=s3, and a clear refusal when the package or the bucket is missing.
Run in subprocesses, since settings are read once per process. django-storages is an optional
extra that is not installed here: a stand-in package on PYTHONPATH plays its part."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SHOW = (
    "import json, django; django.setup(); from django.conf import settings; "
    "print(json.dumps({'default': settings.STORAGES['default'], "
    "'img_src': settings.CONTENT_SECURITY_POLICY['DIRECTIVES']['img-src']}))"
)


def _settings(tmp_path: Path, *, pythonpath: str = "", **env: str) -> subprocess.CompletedProcess:
    environment = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "TADAMON_", "AWS_")) and key != "DATABASE_URL"
    }
    environment.update(
        {"DJANGO_SETTINGS_MODULE": "config.settings", "TADAMON_VAR_DIR": str(tmp_path), **env}
    )
    if pythonpath:
        environment["PYTHONPATH"] = pythonpath
    return subprocess.run(
        [sys.executable, "-c", SHOW],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.fixture
def fake_storages(tmp_path) -> str:
    """A directory holding stand-ins for `storages.backends.s3` and `boto3`."""
    packages = tmp_path / "site"
    s3 = packages / "storages" / "backends"
    s3.mkdir(parents=True)
    (packages / "storages" / "__init__.py").write_text("")
    (s3 / "__init__.py").write_text("")
    (s3 / "s3.py").write_text("class S3Storage:\n    pass\n")
    (packages / "boto3").mkdir()
    (packages / "boto3" / "__init__.py").write_text("")
    return str(packages)


def test_media_are_local_files_by_default(tmp_path):
    result = _settings(tmp_path)
    assert result.returncode == 0, result.stderr
    shown = json.loads(result.stdout)
    assert shown["default"] == {"BACKEND": "django.core.files.storage.FileSystemStorage"}
    assert not any("amazonaws" in source for source in shown["img_src"])


def test_s3_reads_the_standard_variables(tmp_path, fake_storages):
    result = _settings(
        tmp_path,
        pythonpath=fake_storages,
        TADAMON_MEDIA_STORAGE="s3",
        AWS_STORAGE_BUCKET_NAME="tadamon-media",
        AWS_S3_ENDPOINT_URL="https://s3.example.ma:9000",
        AWS_S3_REGION_NAME="eu-west-3",
        AWS_ACCESS_KEY_ID="AKIAEXAMPLE",
        AWS_SECRET_ACCESS_KEY="not-a-real-secret",
    )
    assert result.returncode == 0, result.stderr
    shown = json.loads(result.stdout)
    assert shown["default"] == {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": "tadamon-media",
            "endpoint_url": "https://s3.example.ma:9000",
            "region_name": "eu-west-3",
            "access_key": "AKIAEXAMPLE",
            "secret_key": "not-a-real-secret",
            "file_overwrite": False,
            "default_acl": None,
            "querystring_auth": True,
        },
    }
    # The content security policy lets pages show images from the bucket.
    assert "https://s3.example.ma:9000" in shown["img_src"]


def test_s3_on_aws_without_keys_leaves_them_to_boto3(tmp_path, fake_storages):
    result = _settings(
        tmp_path,
        pythonpath=fake_storages,
        TADAMON_MEDIA_STORAGE="s3",
        AWS_STORAGE_BUCKET_NAME="tadamon-media",
        AWS_S3_REGION_NAME="eu-west-3",
    )
    assert result.returncode == 0, result.stderr
    shown = json.loads(result.stdout)
    assert shown["default"]["OPTIONS"] == {
        "bucket_name": "tadamon-media",
        "region_name": "eu-west-3",
        "file_overwrite": False,
        "default_acl": None,
        "querystring_auth": True,
    }
    assert "https://tadamon-media.s3.eu-west-3.amazonaws.com" in shown["img_src"]


def test_s3_without_the_package_refuses_clearly(tmp_path):
    result = _settings(tmp_path, TADAMON_MEDIA_STORAGE="s3", AWS_STORAGE_BUCKET_NAME="media")
    assert result.returncode != 0
    assert "TADAMON_MEDIA_STORAGE=s3 needs django-storages with boto3" in result.stderr
    assert "pip install -e '.[s3]'" in result.stderr


def test_s3_without_a_bucket_refuses_clearly(tmp_path, fake_storages):
    result = _settings(tmp_path, pythonpath=fake_storages, TADAMON_MEDIA_STORAGE="s3")
    assert result.returncode != 0
    assert "TADAMON_MEDIA_STORAGE=s3 needs AWS_STORAGE_BUCKET_NAME" in result.stderr


def test_an_unknown_storage_is_refused(tmp_path):
    result = _settings(tmp_path, TADAMON_MEDIA_STORAGE="ftp")
    assert result.returncode != 0
    assert "TADAMON_MEDIA_STORAGE must be 'local' or 's3', not 'ftp'." in result.stderr
