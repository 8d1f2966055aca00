import pytest
from django.conf import settings as django_settings
from django.core.cache import cache
from django.test import Client

from tadamon.accounts.models import Role
from tadamon.accounts.tokens import issue_token
from tests import audit_guard
from tests.factories import OrganizationFactory, UserFactory, kind


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix, tmp_path_factory):
    """On SQLite the test database is a file, as `make run`'s is, with its WAL, IMMEDIATE
    transactions and busy timeout. pytest-django's default, a shared in-memory database, locks
    whole tables and never waits for a writer: threads against it test nothing a server does
    (tests/core/test_concurrency.py)."""
    database = django_settings.DATABASES["default"]
    if database["ENGINE"].endswith("sqlite3"):
        test_name = tmp_path_factory.mktemp("database") / "test_tadamon.sqlite3"
        database.setdefault("TEST", {})["NAME"] = str(test_name)
        # A test database need not survive a power cut: no waiting for the disk at each commit.
        options = database.setdefault("OPTIONS", {})
        options["init_command"] = options.get("init_command", "") + "PRAGMA synchronous=OFF;"


@pytest.fixture(autouse=True)
def _fast_and_isolated(settings, tmp_path):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    # Rate-limit counters live in the cache (locmem in tests): none carries into the next test.
    cache.clear()


@pytest.fixture(scope="session", autouse=True)
def _assets_built():
    """Every page names the installable app's icons (base.html) and its web font (tadamon.css),
    and the browser tests load them: they are cut from their sources here, as `make` does
    (`manage.py build_assets`), a no-op while up to date."""
    from tadamon.pwa import icons, webfont

    icons.build()
    webfont.build()


@pytest.fixture(scope="session", autouse=True)
def _audit_guard_installed():
    audit_guard.install()


@pytest.fixture(autouse=True)
def _every_service_write_is_audited(_audit_guard_installed):
    """A service that wrote domain rows without an audit entry fails the test that called it
    (tests/audit_guard.py)."""
    first = len(audit_guard.violations)
    yield
    found = audit_guard.violations[first:]
    del audit_guard.violations[first:]
    assert not found, "; ".join(sorted(set(found)))


@pytest.fixture
def organizer_body(db):
    return OrganizationFactory(
        name_ar="جهة طنجة تطوان الحسيمة", name_fr="Région TTA", kind=kind("public_institution")
    )


@pytest.fixture
def organizer(organizer_body):
    return UserFactory(username="organizer", role=Role.ORGANIZER, organization=organizer_body)


@pytest.fixture
def exhibitor_org(db):
    return OrganizationFactory()


@pytest.fixture
def exhibitor(exhibitor_org):
    return UserFactory(username="exhibitor", role=Role.EXHIBITOR, organization=exhibitor_org)


@pytest.fixture
def other_org(db):
    return OrganizationFactory()


@pytest.fixture
def observer(db):
    return UserFactory(username="observer", role=Role.OBSERVER)


class ApiClient(Client):
    """A test client that sends a bearer token and JSON bodies."""

    def __init__(self, token: str | None = None, **kwargs):
        if token:
            kwargs["HTTP_AUTHORIZATION"] = f"Bearer {token}"
        super().__init__(**kwargs)

    def _json(self, method, path, data=None, **kwargs):
        return getattr(super(), method)(path, data=data, content_type="application/json", **kwargs)

    def post_json(self, path, data=None, **kwargs):
        return self._json("post", path, data, **kwargs)

    def patch_json(self, path, data=None, **kwargs):
        return self._json("patch", path, data, **kwargs)

    def put_json(self, path, data=None, **kwargs):
        return self._json("put", path, data, **kwargs)


@pytest.fixture
def api_for():
    def make(user=None) -> ApiClient:
        return ApiClient(issue_token(user=user) if user is not None else None)

    return make
