"""gunicorn settings, read from environment variables (`gunicorn -c config/gunicorn.py
config.wsgi`; used by `make serve` and the systemd unit of docs/deploy.md).

| variable | default |
|---|---|
| GUNICORN_BIND | 127.0.0.1:8000 (a proxy in front: nginx, caddy, the load balancer) |
| WEB_CONCURRENCY | 2 × cores + 1 worker processes |
| GUNICORN_THREADS | 1 thread per worker |
| GUNICORN_TIMEOUT | 120 s before a silent worker is killed and replaced |
| GUNICORN_MAX_REQUESTS | 0: a worker is never replaced; N: after about N requests |
| GUNICORN_ACCESS_LOG | "-" (standard output); "" for none |
"""

import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
# Django's request handling is synchronous and mostly CPU and database bound: processes,
# gunicorn's usual 2 × cores + 1, use every core while some wait on PostgreSQL.
workers = int(os.environ.get("WEB_CONCURRENCY") or 2 * multiprocessing.cpu_count() + 1)
threads = int(os.environ.get("GUNICORN_THREADS", "1"))
# Imports of 20,000 rows and report PDFs take seconds, not minutes; anything slower belongs
# in the task worker, so a worker silent for this long is stuck.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "120"))
graceful_timeout = 30
keepalive = 5
# Off by default: a worker starts in seconds of CPU (Django, then every view and API schema
# imported), and workers started together reach the limit together, so the load benchmark
# saw all of them restart at once and requests wait 10-50 s. Set it (e.g. 5000) only if the
# workers' memory grows; the jitter then spreads the restarts.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "0"))
max_requests_jitter = max_requests // 2

accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-") or None
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
# The request's duration in microseconds (%(D)s) ends each access log line.
access_log_format = '%(h)s "%(r)s" %(s)s %(B)s "%(f)s" "%(a)s" %(D)s'
# The proxy in front says whether the client used HTTPS (X-Forwarded-Proto, read by Django's
# SECURE_PROXY_SSL_HEADER); trust only the proxies listed here.
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1")
proc_name = "tadamon"


def post_worker_init(worker: object) -> None:
    """Import the URLconf (every view, the API's schemas) before taking requests: otherwise
    the first request each new worker serves waits seconds for it."""
    from django.urls import get_resolver

    get_resolver().url_patterns  # noqa: B018 - the import is the point
