"""Stridewell settings: one module, driven by environment variables.

DEBUG=1 is the zero-setup development mode (SQLite file, console e-mail, tasks run
immediately). With DEBUG off the settings are production-grade and refuse to start
without SECRET_KEY and ALLOWED_HOSTS.
"""

from __future__ import annotations

from pathlib import Path

from django.utils.csp import CSP

from config.env import (
    EnvError,
    env_bool,
    env_database,
    env_email,
    env_int,
    env_list,
    env_redis,
    env_str,
)

BASE_DIR = Path(__file__).resolve().parent.parent
APP_DIR = BASE_DIR / "stridewell"

DEBUG = env_bool("DEBUG", default=False)
TESTING = env_bool("STRIDEWELL_TESTING", default=False)

SECRET_KEY = env_str("SECRET_KEY")
if not SECRET_KEY:
    if not (DEBUG or TESTING):
        raise EnvError("SECRET_KEY", "must be set when DEBUG is off (production)")
    SECRET_KEY = "dev-only-insecure-key-never-use-in-production-4b8f1c2e9d7a"  # noqa: S105
elif len(SECRET_KEY) < 50 and not (DEBUG or TESTING):
    raise EnvError("SECRET_KEY", "must be at least 50 characters long in production")

_default_hosts = ["127.0.0.1", "localhost", "[::1]"] if (DEBUG or TESTING) else []
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", default=_default_hosts)
if not ALLOWED_HOSTS:
    raise EnvError("ALLOWED_HOSTS", "must be set when DEBUG is off (comma-separated host names)")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_tasks_db",
    "ninja",
    "stridewell.core",
    "stridewell.accounts",
    "stridewell.clinic",
    "stridewell.training",
    "stridewell.outcomes",
    "stridewell.planner",
    "stridewell.booking",
    "stridewell.journal",
    "stridewell.newsletter",
    "stridewell.enquiries",
    "stridewell.api",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "stridewell.core.audit.AuditRequestMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"
ASGI_APPLICATION = "config.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [APP_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "stridewell.clinic.context_processors.clinic",
            ],
        },
    },
]

DATABASES = {"default": env_database("DATABASE_URL", default_sqlite=BASE_DIR / "db.sqlite3")}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = ["stridewell.accounts.backends.EmailBackend"]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "home"
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
if TESTING:
    # Argon2 is deliberately slow; tests create many users. Production keeps Argon2 first.
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher", *PASSWORD_HASHERS]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
PASSWORD_RESET_TIMEOUT = 60 * 60 * 3
# Log-in throttling (stridewell.accounts.throttle, ADR 0013). Free failures per (account,
# client address) or per (account, device cookie); then a wait that starts at the base delay
# and doubles with each failure, up to the maximum. Counters are forgotten after the window
# (plus the maximum delay) without failures.
LOGIN_FAILURE_LIMIT = env_int("LOGIN_FAILURE_LIMIT", default=5, minimum=1)
LOGIN_FAILURE_WINDOW_SECONDS = env_int("LOGIN_FAILURE_WINDOW_SECONDS", default=900, minimum=1)
LOGIN_DELAY_BASE_SECONDS = env_int("LOGIN_DELAY_BASE_SECONDS", default=30, minimum=1)
LOGIN_DELAY_MAX_SECONDS = env_int("LOGIN_DELAY_MAX_SECONDS", default=900, minimum=1)
# Attempts without a device cookie also stop at: this many distinct accounts failed from one
# client address (a clinic NAT has many people on it), and this many failures on one account
# from everywhere, per window.
LOGIN_ADDRESS_ACCOUNT_LIMIT = env_int("LOGIN_ADDRESS_ACCOUNT_LIMIT", default=30, minimum=1)
LOGIN_ACCOUNT_UNTRUSTED_LIMIT = env_int("LOGIN_ACCOUNT_UNTRUSTED_LIMIT", default=100, minimum=1)
# How many reverse proxies in front of the app append to X-Forwarded-For. 0 = trust only
# REMOTE_ADDR (direct exposure); 1 = one proxy (e.g. nginx) whose address we replace.
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", default=0, minimum=0)
# The largest multipart body read at all (a 10 MB run file plus the form around it): over
# it, reading stops and the answer is a 413. See stridewell/core/uploads.py.
UPLOAD_MAX_BYTES = env_int("UPLOAD_MAX_BYTES", default=12 * 1024 * 1024, minimum=1024)
FILE_UPLOAD_HANDLERS = [
    "stridewell.core.uploads.CappedUploadHandler",
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "django.core.files.uploadhandler.TemporaryFileUploadHandler",
]

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [APP_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG or TESTING
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
MEDIA_URL = "media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(BASE_DIR / "var" / "media")))

# --- cache (rate limits, log-in throttling) -------------------------------------------
REDIS_URL = env_redis("REDIS_URL")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": env_str("CACHE_KEY_PREFIX", "stridewell"),
        }
    }
elif DEBUG or TESTING:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
else:
    # Per-process counters would multiply every limit by the number of workers and forget
    # them on each restart: log-in throttling would be close to absent (ADR 0013).
    raise EnvError(
        "REDIS_URL",
        "must be set when DEBUG is off: rate-limit and log-in counters must be shared by all "
        "app processes (e.g. redis://127.0.0.1:6379/0)",
    )

# --- e-mail ---------------------------------------------------------------------------------
MAILERS = {
    "default": env_email("EMAIL_URL", default="console://" if DEBUG else "smtp://localhost:25")
}
DEFAULT_FROM_EMAIL = env_str(
    "DEFAULT_FROM_EMAIL", "Stridewell Sports Physiotherapy <clinic@stridewell.test>"
)
SERVER_EMAIL = DEFAULT_FROM_EMAIL
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000").rstrip("/")

# --- background work -------------------------------------------------------------------------
_tasks_backend = env_str("TASKS_BACKEND", "immediate" if (DEBUG or TESTING) else "database")
if _tasks_backend not in {"immediate", "database"}:
    raise EnvError("TASKS_BACKEND", f"must be 'immediate' or 'database', got {_tasks_backend!r}")
TASKS = {
    "default": {
        "BACKEND": (
            "django.tasks.backends.immediate.ImmediateBackend"
            if _tasks_backend == "immediate"
            else "django_tasks_db.DatabaseBackend"
        ),
    }
}

# --- security ---------------------------------------------------------------------------------
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False  # htmx reads the token from a meta tag, not the cookie
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
if not DEBUG and not TESTING:
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", default=60 * 60 * 24 * 365, minimum=0)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]

SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF, CSP.NONCE],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "object-src": [CSP.NONE],
}

# --- logging -----------------------------------------------------------------------------------
LOG_LEVEL = env_str("LOG_LEVEL", "INFO").upper()
if LOG_LEVEL not in {"DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"}:
    raise EnvError(
        "LOG_LEVEL", f"must be DEBUG, INFO, WARNING, ERROR or CRITICAL, got {LOG_LEVEL!r}"
    )
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"},
    },
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        "stridewell": {"level": LOG_LEVEL, "propagate": True},
    },
}

# --- Stridewell ----------------------------------------------------------------------------------
CLINIC_TIME_ZONE = "Europe/London"
# Demo accounts are created only by `manage.py demo`, which refuses to run unless this is on.
DEMO_DATA_ALLOWED = env_bool("DEMO_DATA_ALLOWED", default=DEBUG or TESTING)

# Whitenoise serves from the finders (no collectstatic) while developing and testing.
WHITENOISE_USE_FINDERS = DEBUG or TESTING
WHITENOISE_AUTOREFRESH = DEBUG or TESTING
