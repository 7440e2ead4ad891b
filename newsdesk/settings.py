"""Django settings. Every knob is a NEWSDESK_* environment variable (docs/configuration.md)."""

from pathlib import Path

from newsdesk.infra.clientaddr import trusted_networks
from newsdesk.infra.config import (
    LOG_LEVELS,
    ConfigError,
    broker_url,
    database_url,
    env_bool,
    env_choice,
    env_float,
    env_int,
    env_list,
    env_networks,
    env_path,
    env_rate,
    env_str,
)

BASE_DIR = Path(__file__).resolve().parent
DATA_DIR = env_path("NEWSDESK_DATA_DIR", BASE_DIR.parent / "var")
DATA_DIR.mkdir(parents=True, exist_ok=True)
LOG_DIR = DATA_DIR / "logs"

DEBUG = env_bool("NEWSDESK_DEBUG", False)
SECRET_KEY = env_str("NEWSDESK_SECRET_KEY", "")
if not SECRET_KEY:
    # A per-install key kept in the data folder, so a fresh clone runs without set-up.
    _key_file = DATA_DIR / "secret_key"
    if not _key_file.exists():
        import secrets

        _key_file.write_text(secrets.token_urlsafe(50))
        _key_file.chmod(0o600)
    SECRET_KEY = _key_file.read_text().strip()
ALLOWED_HOSTS = env_list("NEWSDESK_ALLOWED_HOSTS", ["127.0.0.1", "localhost", "testserver"])
CSRF_TRUSTED_ORIGINS = env_list("NEWSDESK_CSRF_TRUSTED_ORIGINS", [])
# Reverse proxies whose X-Forwarded-For is believed (infra/clientaddr.py).
TRUSTED_PROXIES = trusted_networks(env_list("NEWSDESK_TRUSTED_PROXIES", []))
SITE_NAME = env_str("NEWSDESK_SITE_NAME", "newsdesk")
SITE_URL = env_str("NEWSDESK_SITE_URL", "http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    # Before staticfiles, so its runserver (guarded static files) is the one used.
    "newsdesk.web",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "rest_framework",
    "drf_spectacular",
    "newsdesk.accounts",
    "newsdesk.sources",
    "newsdesk.articles",
    "newsdesk.stories",
    "newsdesk.comments",
    "newsdesk.pipeline",
    "newsdesk.desk",
]

MIDDLEWARE = [
    "newsdesk.infra.clientaddr.ProxyHeadersMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # Static files from the production server itself (gunicorn), compressed and cached.
    "newsdesk.infra.staticfiles.StaticFilesMiddleware",
    "newsdesk.infra.csp.ContentSecurityPolicyMiddleware",
    # Cached pages for anonymous readers leave from here (web/pagecache.py).
    "newsdesk.web.pagecache.PageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "newsdesk.infra.querystring.NulQueryMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

# Served over HTTPS (directly or behind a TLS-terminating proxy): one switch for what
# `check --deploy` asks (HSTS, redirect, Secure cookies).
HTTPS = env_bool("NEWSDESK_HTTPS", False)
# Read even without HTTPS, so setting it is never reported as an unknown variable.
HSTS_PRELOAD = env_bool("NEWSDESK_HSTS_PRELOAD", False)
if HTTPS:
    SECURE_SSL_REDIRECT = True
    SECURE_HSTS_SECONDS = 31536000
    SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = True
    if TRUSTED_PROXIES:
        # Believed only from NEWSDESK_TRUSTED_PROXIES (clientaddr.ProxyHeadersMiddleware).
        SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    # HSTS for every subdomain, and browsers' preload list, bind hosts beyond this site
    # and are hard to undo: the owner opts in; silenced, not forgotten, otherwise.
    SECURE_HSTS_INCLUDE_SUBDOMAINS = SECURE_HSTS_PRELOAD = HSTS_PRELOAD
    if not SECURE_HSTS_PRELOAD:
        SILENCED_SYSTEM_CHECKS = ["security.W005", "security.W021"]

ROOT_URLCONF = "newsdesk.urls"
WSGI_APPLICATION = "newsdesk.wsgi.application"
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "newsdesk.web.context.site",
            ]
        },
    }
]

_postgres = database_url("NEWSDESK_DATABASE_URL")
if _postgres:
    if not env_str("NEWSDESK_SECRET_KEY", ""):
        # Each host would make its own key: sessions and signed values would not verify.
        raise ConfigError(
            "NEWSDESK_SECRET_KEY must be set (the same on every host) when "
            "NEWSDESK_DATABASE_URL points at PostgreSQL"
        )
    DATABASES = {"default": _postgres}
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": DATA_DIR / "newsdesk.sqlite3",
            # One connection per web worker, kept: opening one (WAL pragma, Django's SQL
            # functions) cost more than serving a cached page.
            "CONN_MAX_AGE": None,
            # WAL lets the site read while the worker writes; IMMEDIATE avoids
            # "database is locked" upgrades from read to write transactions.
            "OPTIONS": {
                "timeout": 30,
                "transaction_mode": "IMMEDIATE",
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            },
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

LANGUAGE_CODE = "en"
TIME_ZONE = "UTC"
USE_I18N = False
USE_TZ = True
STATIC_URL = "static/"
STATIC_ROOT = DATA_DIR / "static"
# WhiteNoise (infra/staticfiles.py) serves STATIC_ROOT, filled by `collectstatic` (which
# run_desk runs) with gzip copies, and fills in from the apps' own static folders what was
# not collected, so a missing collectstatic is slower, never broken.
WHITENOISE_USE_FINDERS = True
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
WHITENOISE_MAX_AGE = 3600
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
LOGIN_URL = "/admin/login/"
# Commenters' e-mail addresses are removed this many days after the comment (0: kept).
COMMENT_EMAIL_RETENTION_DAYS = env_int("NEWSDESK_COMMENT_EMAIL_RETENTION_DAYS", 90, minimum=0)
# Searches one client may run per minute (infra/ratelimit.py); past it, 429.
SEARCH_PER_MINUTE = env_int("NEWSDESK_SEARCH_PER_MINUTE", 30, minimum=1)
# Sign-in lock-out (accounts/throttle.py): this many failures per account or address...
LOGIN_MAX_FAILURES = env_int("NEWSDESK_LOGIN_MAX_FAILURES", 10, minimum=1)
# ...within this many seconds locks sign-in for that account or address this long.
LOGIN_LOCKOUT_S = env_int("NEWSDESK_LOGIN_LOCKOUT_S", 900, minimum=1)
# Rendered public pages kept per web process for anonymous readers (web/pagecache.py);
# 0 turns the page cache off. About 30 KB a page.
PAGE_CACHE_ENTRIES = env_int("NEWSDESK_PAGE_CACHE_ENTRIES", 2000, minimum=0)
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "pages": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "pages",
        "OPTIONS": {"MAX_ENTRIES": max(PAGE_CACHE_ENTRIES, 1)},
    },
    # Parts of pages (menu, sidebar, footer, the blank comment form) rendered once per
    # page stamp in each process and reused by every page, the page cache on or off
    # ({% cache %} in web/templates; the stamp is part of each key), and the lists'
    # lengths (web/pagecache.py FRAGMENTS).
    "fragments": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "fragments",
        "OPTIONS": {"MAX_ENTRIES": 1000},
    },
}

# --- REST API (newsdesk/desk/api): DRF with an OpenAPI 3 schema from drf-spectacular.
API_RATES = {
    # Per client address for anonymous readers, per token (or session) for editors.
    "address": env_rate("NEWSDESK_API_RATE_ADDRESS", "120/min"),
    "token": env_rate("NEWSDESK_API_RATE_TOKEN", "600/min"),
}
API_MAX_PAGE_SIZE = env_int("NEWSDESK_API_MAX_PAGE_SIZE", 100, minimum=1)
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "newsdesk.desk.api.access.BearerTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": [],
    "DEFAULT_THROTTLE_CLASSES": [
        "newsdesk.desk.api.access.AddressThrottle",
        "newsdesk.desk.api.access.TokenThrottle",
    ],
    "DEFAULT_RENDERER_CLASSES": [
        "rest_framework.renderers.JSONRenderer",
        "rest_framework.renderers.BrowsableAPIRenderer",
    ],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "newsdesk.desk.api.errors.json_errors",
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "newsdesk API",
    "DESCRIPTION": "Published pieces, stories, sources, categories, tags and comments; "
    "editor actions with a Bearer token from `newsdesk create_token`.",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "COMPONENT_SPLIT_REQUEST": True,
    "ENUM_NAME_OVERRIDES": {"PieceStatusEnum": "newsdesk.stories.models.StoryArticle.Status"},
}

# --- Celery: a SQLite-backed queue by default (no extra service), Redis for scale-out.
CELERY_BROKER_URL = broker_url("NEWSDESK_BROKER_URL", "sqlqueue://")
QUEUE_VISIBILITY_TIMEOUT_S = env_float("NEWSDESK_QUEUE_VISIBILITY_TIMEOUT_S", 900.0, minimum=5.0)
if CELERY_BROKER_URL == "sqlqueue://":
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "path": str(DATA_DIR / "queue.sqlite3"),
        "visibility_timeout": QUEUE_VISIBILITY_TIMEOUT_S,
        # The prefork worker polls a virtual transport: after each task it sleeps this
        # long before taking the next message, so it bounds tasks/s per worker (0.2 s
        # capped the pipeline at ~2.4 articles/s; bench pipeline, docs/benchmarks.md).
        "polling_interval": 0.02,
    }
else:
    CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": QUEUE_VISIBILITY_TIMEOUT_S}
CELERY_TASK_IGNORE_RESULT = True
# At least once, as Celery's guide says: a message is acked after its task ran, and one
# whose worker process died is handed out again. The rows make a second run harmless
# (pipeline/leases.py); the sweeper catches a message that was lost outright.
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
# Every task is cut off (soft: an exception the flow records against the article's
# source; hard: the pool process is killed). Clustering tasks get longer limits, set on
# the tasks. The queue's visibility timeout must stay above the longest hard limit.
TASK_SOFT_TIME_LIMIT_S = env_float("NEWSDESK_TASK_SOFT_TIME_LIMIT_S", 120.0, minimum=5.0)
CELERY_TASK_SOFT_TIME_LIMIT = TASK_SOFT_TIME_LIMIT_S
CELERY_TASK_TIME_LIMIT = TASK_SOFT_TIME_LIMIT_S + 30
CLUSTER_TIME_LIMIT_S = 600.0
if QUEUE_VISIBILITY_TIMEOUT_S <= max(CELERY_TASK_TIME_LIMIT, CLUSTER_TIME_LIMIT_S + 30):
    raise ConfigError(
        f"NEWSDESK_QUEUE_VISIBILITY_TIMEOUT_S={QUEUE_VISIBILITY_TIMEOUT_S:g} must be above the "
        f"longest task time limit ({max(CELERY_TASK_TIME_LIMIT, CLUSTER_TIME_LIMIT_S + 30):g} s), "
        "or a running task's message would be handed to a second worker"
    )
# How long a queued step (fetch an article, cluster it, write a story) may take before
# the sweeper hands it out again.
WORK_LEASE_S = env_float("NEWSDESK_WORK_LEASE_S", 900.0, minimum=5.0)
# How long an extracted article may wait for the rest of its batch (articles still being
# fetched, feeds being read) before it is clustered anyway (pipeline/cluster_state.py).
CLUSTER_HOLD_S = env_float("NEWSDESK_CLUSTER_HOLD_S", 120.0, minimum=0.0)
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# The SQLite queue is polled: with one message reserved per pool process, a worker took
# the next one only at its next poll, idle ~20 ms after every task (bench pipeline: the
# pool busy 56% of the extraction phase). Four reserved per process keep the next one at
# hand; a dead worker's reserved messages come back after the visibility timeout (and the
# sweeper re-queues their rows' work), so they are delayed, never lost. Redis delivers
# without polling: one per process there, so a long task holds nothing back.
CELERY_WORKER_PREFETCH_MULTIPLIER = 4 if CELERY_BROKER_URL == "sqlqueue://" else 1
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_ALWAYS_EAGER = env_bool("NEWSDESK_TASKS_EAGER", False)
CELERY_BEAT_SCHEDULE_FILENAME = str(DATA_DIR / "celerybeat-schedule")
# Dedup and clustering keep an in-process index, so they run on one ordered queue.
CELERY_TASK_ROUTES = {
    "newsdesk.pipeline.tasks.cluster_article": {"queue": "cluster"},
    "newsdesk.pipeline.tasks.repair_stories": {"queue": "cluster"},
}
CELERY_BEAT_SCHEDULE = {
    "dispatch-due-sources": {
        "task": "newsdesk.pipeline.tasks.dispatch_due_sources",
        "schedule": env_float("NEWSDESK_SCHEDULER_INTERVAL_S", 10.0, minimum=1.0),
    },
    "repair-stories": {
        "task": "newsdesk.pipeline.tasks.repair_stories",
        "schedule": env_float("NEWSDESK_REPAIR_INTERVAL_S", 900.0, minimum=10.0),
    },
    "deliver-webhooks": {
        "task": "newsdesk.pipeline.tasks.deliver_webhooks",
        "schedule": env_float("NEWSDESK_SCHEDULER_INTERVAL_S", 10.0, minimum=1.0),
    },
    "expire-comment-emails": {
        "task": "newsdesk.pipeline.tasks.expire_comment_emails",
        "schedule": 86400.0,
    },
    "sweep-work": {
        "task": "newsdesk.pipeline.tasks.sweep_work",
        "schedule": env_float("NEWSDESK_SWEEP_INTERVAL_S", 60.0, minimum=1.0),
    },
    "refresh-dirty-stories": {
        "task": "newsdesk.pipeline.tasks.refresh_dirty_stories",
        "schedule": env_float("NEWSDESK_SCHEDULER_INTERVAL_S", 10.0, minimum=1.0),
    },
}

# --- Fetching (newsdesk/infra/http.py)
FETCH_ALLOWED_NETWORKS = env_networks("NEWSDESK_FETCH_ALLOWED_NETWORKS")
FETCH_MAX_BYTES = env_int("NEWSDESK_FETCH_MAX_BYTES", 10 * 1024 * 1024, minimum=1024)
FETCH_DEADLINE_S = env_float("NEWSDESK_FETCH_DEADLINE_S", 30.0, minimum=0.1)
FETCH_MAX_REDIRECTS = env_int("NEWSDESK_FETCH_MAX_REDIRECTS", 5, minimum=0)
FETCH_MAX_ITEMS = env_int("NEWSDESK_FETCH_MAX_ITEMS", 1000, minimum=1)
FETCH_USER_AGENT_CONTACT = env_str("NEWSDESK_CONTACT_URL", SITE_URL)
FETCH_HOST_CONCURRENCY = env_int("NEWSDESK_FETCH_HOST_CONCURRENCY", 2, minimum=1)
FETCH_HOST_GAP_S = env_float("NEWSDESK_FETCH_HOST_GAP_S", 5.0, minimum=0.0)
FETCH_HOST_WAIT_S = env_float("NEWSDESK_FETCH_HOST_WAIT_S", 60.0, minimum=0.0)
FETCH_ROBOTS_TTL_S = env_int("NEWSDESK_FETCH_ROBOTS_TTL_S", 86400, minimum=60)
FETCH_ERROR_BUDGET = env_float("NEWSDESK_FETCH_ERROR_BUDGET", 10.0, minimum=0.1)
POLL_MIN_INTERVAL_S = env_int("NEWSDESK_POLL_MIN_INTERVAL_S", 300, minimum=1)
POLL_MAX_INTERVAL_S = env_int("NEWSDESK_POLL_MAX_INTERVAL_S", 86400, minimum=1)

# Extraction reads at most this much of a page: its cost grows faster than the page.
EXTRACT_MAX_BYTES = env_int("NEWSDESK_EXTRACT_MAX_BYTES", 512 * 1024, minimum=64 * 1024)

# --- Stories and writing
CLUSTER_WINDOW_HOURS = env_int("NEWSDESK_CLUSTER_WINDOW_HOURS", 72, minimum=1)
WRITER_BACKEND = env_str("NEWSDESK_WRITER", "extractive")
WRITER_MIN_SOURCES = env_int("NEWSDESK_WRITER_MIN_SOURCES", 2, minimum=1)
AUTO_PUBLISH = env_bool("NEWSDESK_AUTO_PUBLISH", True)
# Off by default: hot-linking another outlet's photo borrows their copyright and tells
# their server who reads our pages.
SHOW_SOURCE_IMAGES = env_bool("NEWSDESK_SHOW_SOURCE_IMAGES", False)
LLM_BASE_URL = env_str("NEWSDESK_LLM_BASE_URL", "")
LLM_MODEL = env_str("NEWSDESK_LLM_MODEL", "")
LLM_API_KEY = env_str("NEWSDESK_LLM_API_KEY", "")
LLM_TIMEOUT_S = env_float("NEWSDESK_LLM_TIMEOUT_S", 120.0, minimum=1.0)

# --- Logging: console plus a file in the data folder.
LOG_DIR.mkdir(parents=True, exist_ok=True)
LOG_LEVEL = env_choice("NEWSDESK_LOG_LEVEL", "INFO", LOG_LEVELS)
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
    "handlers": {
        "console": {"class": "logging.StreamHandler", "formatter": "plain"},
        "file": {
            "class": "logging.handlers.WatchedFileHandler",
            "filename": str(LOG_DIR / "newsdesk.log"),
            "formatter": "plain",
        },
    },
    "loggers": {
        "newsdesk": {"handlers": ["console", "file"], "level": LOG_LEVEL, "propagate": False},
        "django.request": {"handlers": ["console", "file"], "level": "WARNING"},
    },
}
