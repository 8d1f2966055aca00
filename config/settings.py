"""Tadamon settings, read from environment variables (see SPEC section 7)."""

import json
import os
from datetime import timedelta
from pathlib import Path

import bootstrap_wrapper
import dj_database_url
from csp.constants import NONE, SELF, UNSAFE_INLINE
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from config.storage import media_origins, media_storage

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("TADAMON_VAR_DIR", BASE_DIR / "var"))


def envbool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def envlist(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = envbool("DJANGO_DEBUG", True)
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("DJANGO_SECRET_KEY is required when DJANGO_DEBUG is off.")
    SECRET_KEY = "insecure-development-key-only-used-with-DJANGO_DEBUG-on"
ALLOWED_HOSTS = envlist("DJANGO_ALLOWED_HOSTS", "localhost,127.0.0.1,[::1],testserver")
CSRF_TRUSTED_ORIGINS = envlist("DJANGO_CSRF_TRUSTED_ORIGINS", "")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django_htmx",
    "django_tasks",
    "js_lib_htmx",
    "axes",
    "phonenumber_field",
    "tadamon.core",
    "tadamon.messaging",
    "tadamon.accounts",
    "tadamon.registry",
    "tadamon.events",
    "tadamon.calls",
    "tadamon.programme",
    "tadamon.sales",
    "tadamon.visitors",
    "tadamon.awards",
    "tadamon.b2b",
    "tadamon.broadcasts",
    "tadamon.reports",
    "tadamon.calendars",
    "tadamon.invitations",
    "tadamon.api",
    "tadamon.public",
    "tadamon.pwa",
    "tadamon.demo",
    # After Tadamon's apps: our templates (tadamon/accounts/templates/account/) replace its own.
    "allauth",
    "allauth.account",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Visitors' public pages from the cache, before the session and the rest
    # (tadamon/public/cache.py).
    "tadamon.public.cache.PublicPageMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "tadamon.core.middleware.LanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    # django-allauth: the state of a sign-up or a reset in progress, between its pages.
    "allauth.account.middleware.AccountMiddleware",
    "csp.middleware.CSPMiddleware",
    # Last, as django-axes asks: it turns a locked-out login into its 429 page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"
ASGI_APPLICATION = "config.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "tadamon" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "tadamon.accounts.device.device",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{VAR_DIR / 'tadamon.sqlite3'}",
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "0")),
    )
}
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    Path(DATABASES["default"]["NAME"]).parent.mkdir(parents=True, exist_ok=True)
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            # WAL lets readers and the single writer work at the same time.
            "init_command": "PRAGMA journal_mode=WAL;",
            # A transaction takes the write lock when it begins. A deferred one that read first
            # cannot wait for the lock when it comes to write (its snapshot may be stale), so
            # SQLite refused it at once: "database is locked" when phones resend together.
            "transaction_mode": "IMMEDIATE",
            # Seconds a writer waits for the one before it instead of failing.
            "timeout": float(os.environ.get("TADAMON_SQLITE_TIMEOUT_S", "20")),
        }
    )
    # Opening a SQLite connection costs about 2 ms of CPU (Django's SQL functions, the PRAGMAs),
    # more than a cached public page (tadamon/public/cache.py): each worker keeps its own,
    # unless DATABASE_CONN_MAX_AGE says otherwise.
    if not os.environ.get("DATABASE_CONN_MAX_AGE"):
        DATABASES["default"]["CONN_MAX_AGE"] = 600

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "registry:organization_list"
LOGOUT_REDIRECT_URL = "public:home"

# The first hasher makes every new hash; the others only read old ones, which are rehashed
# with the first at the next log-in (tadamon/accounts/hashers.py says why Argon2id).
PASSWORD_HASHERS = [
    "tadamon.accounts.hashers.Argon2idPasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
AUTHENTICATION_BACKENDS = [
    # django-axes first: it refuses a locked-out login before the password is checked.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
    # Log-in by e-mail or by a verified phone number (django-allauth, issue 19).
    "allauth.account.auth_backends.AuthenticationBackend",
]
# Login throttling: five failures for one user name from one address lock that pair out for
# fifteen minutes (a shared cooperative phone or a fair's Wi-Fi must not lock everyone out).
AXES_FAILURE_LIMIT = int(os.environ.get("TADAMON_LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("TADAMON_LOGIN_COOLOFF_MINUTES", "15")))
# A user name from one address after AXES_FAILURE_LIMIT failures, and one address after
# TADAMON_LOGIN_ADDRESS_FAILURE_LIMIT failures across user names (tadamon/accounts/lockout.py).
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"], "ip_address"]
AXES_HANDLER = "tadamon.accounts.lockout.AddressAwareHandler"
TADAMON_LOGIN_ADDRESS_FAILURE_LIMIT = int(
    os.environ.get("TADAMON_LOGIN_ADDRESS_FAILURE_LIMIT", "20")
)
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "tadamon.accounts.throttling.locked_out"
# Behind TADAMON_PROXY_COUNT proxies the client's address is read from X-Forwarded-For.
TADAMON_PROXY_COUNT = int(os.environ.get("TADAMON_PROXY_COUNT", "0"))
AXES_CLIENT_IP_CALLABLE = "tadamon.accounts.throttling.client_ip"
AXES_VERBOSE = False
# The log-in field is allauth's "login" (user name, e-mail or phone); see throttling.login_name.
AXES_USERNAME_CALLABLE = "tadamon.accounts.throttling.login_name"

# Accounts people make themselves (django-allauth, issue 19): sign-up with a phone number or an
# e-mail, each verified by a code; log-in by user name, e-mail or verified phone; password reset
# by a code sent by e-mail or SMS. Only the pages listed in tadamon/accounts/allauth_urls.py
# exist; the adapter (tadamon/accounts/adapter.py) stores phones on the user and sends codes
# through tadamon/accounts/delivery.py.
ACCOUNT_ADAPTER = "tadamon.accounts.adapter.AccountAdapter"
ACCOUNT_FORMS = {
    "login": "tadamon.accounts.forms.LoginForm",
    "signup": "tadamon.registry.forms.SignupForm",
    "reset_password": "tadamon.accounts.forms.ResetPasswordForm",
    "reset_password_from_key": "tadamon.accounts.forms.SetPasswordForm",
    "confirm_password_reset_code": "tadamon.accounts.forms.ConfirmCodeForm",
    "confirm_email_verification_code": "tadamon.accounts.forms.ConfirmEmailCodeForm",
    "verify_phone": "tadamon.accounts.forms.ConfirmPhoneCodeForm",
}
ACCOUNT_LOGIN_METHODS = {"username", "email", "phone"}
# allauth's checks want "email*" for mandatory e-mail verification; our sign-up form asks for a
# phone number or an e-mail, at least one (tadamon.registry.forms.SignupForm), and a person
# who gave only a phone number proves it by SMS instead (tadamon/accounts/stages.py).
ACCOUNT_SIGNUP_FIELDS = ["phone", "email*", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_EMAIL_VERIFICATION_BY_CODE_ENABLED = True
ACCOUNT_PHONE_VERIFICATION_ENABLED = True
ACCOUNT_PHONE_VERIFICATION_SUPPORTS_RESEND = True
ACCOUNT_PASSWORD_RESET_BY_CODE_ENABLED = True
ACCOUNT_PASSWORD_RESET_BY_CODE_TIMEOUT = 15 * 60
ACCOUNT_UNIQUE_EMAIL = True
# Our subjects begin with "Tadamon:" themselves.
ACCOUNT_EMAIL_SUBJECT_PREFIX = ""
ACCOUNT_SESSION_REMEMBER = True
# A phone number already taken is said so, on its field: a cooperative that signed up once
# must hear it rather than wait for a code that never comes. Sending codes stays rate-limited.
ACCOUNT_PREVENT_ENUMERATION = False
# Six digits, easy to type from an SMS on a phone.
ALLAUTH_USER_CODE_FORMAT = {"numeric": True, "length": 6, "dashed": False}
# A code works for fifteen minutes (an SMS can be slow to arrive at a fair).
ACCOUNT_PHONE_VERIFICATION_TIMEOUT = 15 * 60
ACCOUNT_EMAIL_VERIFICATION_BY_CODE_TIMEOUT = 15 * 60
# Failed log-ins are counted by django-axes (above), per user name and per address; allauth's
# own log-in limits would lock a fair's shared Wi-Fi out. Sending codes keeps its limits.
ACCOUNT_RATE_LIMITS = {
    "login": None,
    "login_failed": None,
    "signup": "30/m/ip",
    "verify_phone": "1/30s/key,10/m/ip",
    "reset_password": "20/m/ip,5/m/key",
}
PHONENUMBER_DEFAULT_REGION = "MA"

# A session lasts a working day at a fair, then the user logs in again.
SESSION_COOKIE_AGE = int(os.environ.get("TADAMON_SESSION_HOURS", "12")) * 3600
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"

# Content security policy: scripts, styles, fonts and images come from this site only (no
# inline script; Tadamon's behaviours are in tadamon/static/tadamon/ui.js). Inline style
# attributes stay allowed: templates size a few boxes with them and they run no code.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF, UNSAFE_INLINE],
        "img-src": [SELF, "data:", "blob:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        # Named although default-src covers them: the installable app's manifest and its
        # service worker (tadamon/pwa) come from this site, whatever default-src becomes.
        "manifest-src": [SELF],
        "worker-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

LANGUAGE_CODE = "ar"
LANGUAGES = [("ar", _("Arabic")), ("fr", _("French")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
# Dates with the month in words and figures grouped by thousands, in each language.
FORMAT_MODULE_PATH = ["config.formats"]
TIME_ZONE = "Africa/Casablanca"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = VAR_DIR / "static"
# Made at build time by `manage.py build_assets` (make, bin/serve, the test suite) into these
# git-ignored folders: the installable app's icons, cut from one picture, served as
# static/tadamon/icons/, and the Arabic web font cut for phones (tadamon/pwa/webfont.py),
# served as static/fonts/.
TADAMON_ICONS_DIR = Path(os.environ.get("TADAMON_ICONS_DIR", BASE_DIR / "build" / "icons"))
TADAMON_FONTS_DIR = Path(os.environ.get("TADAMON_FONTS_DIR", BASE_DIR / "build" / "fonts"))
# Assets come from PyPI packages and are served by us: nothing is fetched at run time.
STATICFILES_DIRS = [
    ("bootstrap", bootstrap_wrapper.get_bootstrap_dir()),
    ("fonts", TADAMON_FONTS_DIR),
    BASE_DIR / "tadamon" / "static",
    ("tadamon/icons", TADAMON_ICONS_DIR),
]
STORAGES = {
    # Local files by default; TADAMON_MEDIA_STORAGE=s3 shares a bucket (config/storage.py).
    "default": media_storage(),
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
MEDIA_URL = "media/"
MEDIA_ROOT = VAR_DIR / "media"
# Media in a bucket are loaded by the browser from the bucket's host.
CONTENT_SECURITY_POLICY["DIRECTIVES"]["img-src"] += media_origins(STORAGES["default"])
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024

# Mail is sent by the task worker from the outbox (tadamon/messaging). In production Django's
# SMTP backend is the default (DJANGO_EMAIL_HOST...); a hosted provider through django-anymail
# is chosen with DJANGO_EMAIL_BACKEND (docs/deploy.md). Development prints mail to the console.
EMAIL_BACKEND = os.environ.get(
    "DJANGO_EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_TIMEOUT = int(os.environ.get("DJANGO_EMAIL_TIMEOUT", "20"))
if EMAIL_BACKEND.startswith("anymail."):
    INSTALLED_APPS.append("anymail")
    ANYMAIL = json.loads(os.environ.get("TADAMON_ANYMAIL", "{}"))
TADAMON_OUTBOX_ATTEMPTS = int(os.environ.get("TADAMON_OUTBOX_ATTEMPTS", "4"))
DEFAULT_FROM_EMAIL = os.environ.get("DJANGO_DEFAULT_FROM_EMAIL", "Tadamon <no-reply@localhost>")
EMAIL_HOST = os.environ.get("DJANGO_EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("DJANGO_EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("DJANGO_EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("DJANGO_EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = envbool("DJANGO_EMAIL_USE_TLS", False)

if not DEBUG:
    SESSION_COOKIE_SECURE = envbool("DJANGO_SECURE_COOKIES", True)
    CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    # HTTPS only: plain HTTP is redirected (except the load balancer's health check), and
    # browsers remember it for a year. DJANGO_SECURE_SSL_REDIRECT=0 behind a proxy that
    # redirects itself, or for a benchmark on 127.0.0.1.
    SECURE_SSL_REDIRECT = envbool("DJANGO_SECURE_SSL_REDIRECT", True)
    SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
    SECURE_HSTS_SECONDS = int(os.environ.get("DJANGO_HSTS_SECONDS", str(365 * 24 * 3600)))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = envbool("DJANGO_HSTS_INCLUDE_SUBDOMAINS", True)
    SECURE_HSTS_PRELOAD = envbool("DJANGO_HSTS_PRELOAD", True)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("DJANGO_LOG_LEVEL", "INFO")},
    # fontTools logs every table it subsets for each PDF at INFO, django-axes every log-in:
    # noise in the server's log.
    "loggers": {"fontTools": {"level": "WARNING"}, "axes": {"level": "WARNING"}},
}

# Background work (django-tasks): run at once in-process by default; a worker-backed backend
# is chosen by setting TADAMON_TASKS_BACKEND.
TASKS_BACKEND = os.environ.get(
    "TADAMON_TASKS_BACKEND", "django_tasks.backends.immediate.ImmediateBackend"
)
TASKS = {"default": {"BACKEND": TASKS_BACKEND}}
if TASKS_BACKEND == "django_tasks_rq.RQBackend":
    # Redis is the broker: `manage.py rqworker` (make worker) runs the queued tasks. The
    # queue may live in another Redis than the cache (TADAMON_TASKS_REDIS_URL), one that
    # never evicts keys: an evicted job is a task silently lost.
    TASKS_REDIS_URL = os.environ.get("TADAMON_TASKS_REDIS_URL") or REDIS_URL
    if not TASKS_REDIS_URL:
        raise ImproperlyConfigured(
            "TADAMON_TASKS_BACKEND=django_tasks_rq.RQBackend needs REDIS_URL (or "
            "TADAMON_TASKS_REDIS_URL): the task queue lives in Redis."
        )
    INSTALLED_APPS += ["django_rq", "django_tasks_rq"]
    RQ_QUEUES = {
        "default": {
            "URL": TASKS_REDIS_URL,
            # RQ stops a job after 180 s by default; a certificate batch or a national
            # allocation can take longer.
            "DEFAULT_TIMEOUT": int(os.environ.get("TADAMON_TASKS_TIMEOUT_S", "3600")),
        }
    }
    # The worker runs django-tasks' jobs through their own Job class (it calls the Task).
    RQ = {"JOB_CLASS": "django_tasks_rq.Job"}

# Tadamon's own limits.
TADAMON_PHOTO_MAX_BYTES = int(os.environ.get("TADAMON_PHOTO_MAX_BYTES", 3 * 1024 * 1024))
TADAMON_IMPORT_MAX_ROWS = int(os.environ.get("TADAMON_IMPORT_MAX_ROWS", 20000))
TADAMON_PHONE_REGION = "MA"
# Seconds the B2B scheduler may search before answering with its best schedule and bound.
TADAMON_B2B_TIME_LIMIT_S = float(os.environ.get("TADAMON_B2B_TIME_LIMIT_S", 30))
# Dotted path of the SmsGateway class (tadamon/core/sms.py); the default only logs.
TADAMON_SMS_GATEWAY = os.environ.get("TADAMON_SMS_GATEWAY", "tadamon.core.sms.LoggingSmsGateway")
# An HTTP provider's address, account, key and sender name (tadamon/core/sms_http.py).
TADAMON_SMS_URL = os.environ.get("TADAMON_SMS_URL", "")
TADAMON_SMS_ACCOUNT = os.environ.get("TADAMON_SMS_ACCOUNT", "")
TADAMON_SMS_TOKEN = os.environ.get("TADAMON_SMS_TOKEN", "")
TADAMON_SMS_SENDER = os.environ.get("TADAMON_SMS_SENDER", "Tadamon")
TADAMON_SMS_TIMEOUT_S = float(os.environ.get("TADAMON_SMS_TIMEOUT_S", "10"))
# The address printed in certificates' QR codes (/verify/<number>) and in e-mailed links: the
# public site's origin. Required in production, where a wrong default would be printed on
# every certificate; in development the request's host stands in (tadamon/core/origin.py).
TADAMON_PUBLIC_BASE_URL = os.environ.get("TADAMON_PUBLIC_BASE_URL", "").strip()
if not TADAMON_PUBLIC_BASE_URL and not DEBUG:
    raise ImproperlyConfigured(
        "TADAMON_PUBLIC_BASE_URL is required when DJANGO_DEBUG is off: the public address of "
        "the site (e.g. https://tadamon.example.ma), printed in certificates' QR codes."
    )
# Certificate checks (/verify/<number>) one client address may make per window: a number's
# check suffix has about 30,000 values, so unlimited look-ups would enumerate the holders.
TADAMON_VERIFY_LIMIT = int(os.environ.get("TADAMON_VERIFY_LIMIT", "30"))
TADAMON_VERIFY_WINDOW_MINUTES = int(os.environ.get("TADAMON_VERIFY_WINDOW_MINUTES", "10"))
# Days an invitation's link works (tadamon/invitations); sending it again gives new days.
TADAMON_INVITATION_DAYS = int(os.environ.get("TADAMON_INVITATION_DAYS", "14"))
# Invitation pages (/join/<token>/) one address may open per window, found or not; then 429.
TADAMON_JOIN_LIMIT = int(os.environ.get("TADAMON_JOIN_LIMIT", "30"))
TADAMON_JOIN_WINDOW_MINUTES = int(os.environ.get("TADAMON_JOIN_WINDOW_MINUTES", "10"))
# Anonymous visitors' public pages are served from the cache, bumped by every change they
# show (tadamon/public/cache.py); 0 renders every page (the benchmark's "before").
TADAMON_PUBLIC_CACHE = envbool("TADAMON_PUBLIC_CACHE", True)
# A deployment's name (any text): changing it alone makes phones take the new release (issue 20).
TADAMON_RELEASE = os.environ.get("TADAMON_RELEASE", "")
