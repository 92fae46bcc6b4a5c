"""Settings of the Heerlen privacy portal: one module, driven by environment variables.

Every variable is documented once, in `.env.example`, and listed in the README's table.
Unset, they give embedded defaults for local use: SQLite, tasks run in-process, e-mail to the
console, a local-memory cache. Production sets them (PostgreSQL, Redis broker and cache).
"""

from pathlib import Path

import environ
from celery.schedules import crontab
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()

DEBUG = env.bool("DJANGO_DEBUG", default=False)

# Only ever used with DJANGO_DEBUG=true on a developer's machine.
# bandit B105: refused without DEBUG, so never a production key.
_LOCAL_SECRET_KEY = "django-insecure-local-development-only"  # noqa: S105  # nosec B105
SECRET_KEY = env.str("DJANGO_SECRET_KEY", default="")
if not SECRET_KEY and DEBUG:
    SECRET_KEY = _LOCAL_SECRET_KEY
if not DEBUG and (
    len(SECRET_KEY) < 50 or len(set(SECRET_KEY)) < 5 or SECRET_KEY.startswith("django-insecure")
):
    raise ImproperlyConfigured(
        "DJANGO_SECRET_KEY must be set to a random value of at least 50 characters when "
        "DJANGO_DEBUG is off. Generate one with: "
        "python -c 'import secrets; print(secrets.token_urlsafe(64))'"
    )

# Keys for personal data at rest (core/crypto.py), separate from the secret key.
# Only a developer's machine with DEBUG on may fall back to fixed, publicly known keys.
_LOCAL_FIELD_KEY = "bG9jYWwtZGV2ZWxvcG1lbnQtb25seS1maWVsZC1rZXk="
FIELD_ENCRYPTION_KEYS = env.list(
    "FIELD_ENCRYPTION_KEYS", default=[_LOCAL_FIELD_KEY] if DEBUG else []
)
BLIND_INDEX_KEY = env.str(
    "BLIND_INDEX_KEY", default="local-development-only-blind-index" if DEBUG else ""
)
# Only while the blind-index key is being changed (docs/key-rotation.md): the old key, so
# lookups still find what `rotate_keys --blind-index` has not re-keyed yet.
BLIND_INDEX_PREVIOUS_KEY = env.str("BLIND_INDEX_PREVIOUS_KEY", default="")
if not DEBUG and (
    not FIELD_ENCRYPTION_KEYS
    or _LOCAL_FIELD_KEY in FIELD_ENCRYPTION_KEYS
    or len(BLIND_INDEX_KEY) < 32
):
    raise ImproperlyConfigured(
        "FIELD_ENCRYPTION_KEYS (Fernet keys, newest first) and BLIND_INDEX_KEY (at least 32 "
        "random characters) must be set when DJANGO_DEBUG is off. Generate a Fernet key with: "
        "python -c 'from cryptography.fernet import Fernet; print(Fernet.generate_key().decode())'"
    )

ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env.list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    # The admin, as django-otp's OTPAdminSite (back-office sign-in, below).
    "heerlen_privacy.apps.BackOfficeAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "csp",
    "core",
    "accesslog",
    "statements",
    "requests_app",
    "retention",
    "cases",
    "subjects",
    "digid",
    # Back-office sign-in (below): second factors and the lockout.
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "axes",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Cached statement pages are answered here with the headers they were stored with,
    # CSP and Permissions-Policy included (neither varies per request: no nonces).
    "statements.cache.StatementPageCacheMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # request.resident: who is logged in with DigiD (never a Django user).
    "digid.session.ResidentMiddleware",
    # Right after authentication: tells whether the signed-in user passed a second factor.
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "axes.middleware.AxesMiddleware",  # last, as django-axes requires
]

# --- Back-office sign-in: two factors, lockout, idle sessions -------------------
# The admin site is django-otp's OTPAdminSite (heerlen_privacy/admin_site.py, installed by
# BackOfficeAdminConfig in INSTALLED_APPS): no page of /beheer/ opens without a verified TOTP
# code. Devices are enrolled by the DPO in the admin ("TOTP devices", QR code); the first
# account uses `manage.py addstatictoken` once. Its apps and middleware are in the lists above.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
OTP_TOTP_ISSUER = "Gemeente Heerlen privacy"
# No throttle on the devices themselves: a wrong code is a failed sign-in for django-axes
# (admin_site.BackOfficeLoginForm), locked out per user name and address, so knowing a
# password does not let anyone keep the user's own code from working.
OTP_TOTP_THROTTLE_FACTOR = 0
OTP_STATIC_THROTTLE_FACTOR = 0
# Five wrong passwords for one user name from one address lock that pair out for an hour.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = 1  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
# The same client address as the access log: behind our proxy, its X-Forwarded-For.
AXES_CLIENT_IP_CALLABLE = "core.http.client_ip"
# Idle sessions end after 30 minutes: every request moves the expiry on.
SESSION_COOKIE_AGE = 30 * 60
# In the database under a hash of the cookie's key, not the key (core/sessions.py).
SESSION_ENGINE = "core.sessions"
SESSION_SAVE_EVERY_REQUEST = True

# --- DigiD for residents (digid/): OpenID Connect through the municipality's broker -------
# Off unless the issuer (or discovery URL), client id and secret are all set.
DIGID_OIDC_ISSUER = env.str("DIGID_OIDC_ISSUER", default="")
DIGID_OIDC_DISCOVERY_URL = env.str("DIGID_OIDC_DISCOVERY_URL", default="")
DIGID_OIDC_CLIENT_ID = env.str("DIGID_OIDC_CLIENT_ID", default="")
DIGID_OIDC_CLIENT_SECRET = env.str("DIGID_OIDC_CLIENT_SECRET", default="")
DIGID_BSN_CLAIM = env.str("DIGID_BSN_CLAIM", default="bsn")
DIGID_LEVEL_CLAIM = env.str("DIGID_LEVEL_CLAIM", default="acr")
# The claim with the BSN of a person the resident acts for (DigiD Machtigen); "" = none.
DIGID_REPRESENTED_BSN_CLAIM = env.str("DIGID_REPRESENTED_BSN_CLAIM", default="")
DIGID_NAME_CLAIM = env.str("DIGID_NAME_CLAIM", default="name")
DIGID_EMAIL_CLAIM = env.str("DIGID_EMAIL_CLAIM", default="email")
# Lowest level per "kind:domain", "domain", "kind" or "*" (requests_app/assurance.py).
DIGID_MINIMUM_LEVELS = env.dict(
    "DIGID_MINIMUM_LEVELS", default={"youth": "substantieel", "*": "midden"}
)
# mozilla-django-oidc (digid/oidc.py): PKCE with S256, a nonce, RS256 only; endpoints come
# from discovery at run time, never from these settings.
OIDC_USE_PKCE = True
OIDC_PKCE_CODE_CHALLENGE_METHOD = "S256"
OIDC_USE_NONCE = True
OIDC_RP_SIGN_ALGO = "RS256"
OIDC_RP_SCOPES = "openid"
OIDC_TIMEOUT = 10
OIDC_AUTHENTICATION_CALLBACK_URL = "digid-callback"
OIDC_RP_CLIENT_ID = DIGID_OIDC_CLIENT_ID
OIDC_OP_AUTHORIZATION_ENDPOINT = ""

ROOT_URLCONF = "heerlen_privacy.urls"
WSGI_APPLICATION = "heerlen_privacy.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "heerlen_privacy.context_processors.language_switch",
                "digid.context.digid",
            ],
        },
    },
]

DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
DATABASES["default"]["CONN_MAX_AGE"] = env.int("DATABASE_CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

CACHES = {"default": env.cache("CACHE_URL", default="locmemcache://")}
if CACHES["default"]["BACKEND"] == "django.core.cache.backends.redis.RedisCache":
    CACHES["default"]["BACKEND"] = "heerlen_privacy.redis_cache.SharedClientRedisCache"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Dutch first: unprefixed URLs are Dutch, English lives under /en/.
LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Dutch")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
TIME_ZONE = "Europe/Amsterdam"
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = env.path("DJANGO_STATIC_ROOT", default=BASE_DIR / "staticfiles")
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_ROOT = env.path("DJANGO_MEDIA_ROOT", default=BASE_DIR / "media")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# E-mail: to the console unless EMAIL_URL names an SMTP server.
vars().update(env.email_url("EMAIL_URL", default="consolemail://"))
# Where residents reach the portal: the base of the links in e-mails.
PUBLIC_BASE_URL = env.str("PUBLIC_BASE_URL", default="http://127.0.0.1:8000").rstrip("/")
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="Gemeente Heerlen <privacy@heerlen.nl>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# A decision letter (answer, refusal, extension, judgement) is issued only after a second
# person approved it (`requests_app.letter_drafts`). Off only where one person must do all.
LETTERS_FOUR_EYES = env.bool("LETTERS_FOUR_EYES", default=True)

# --- Security -------------------------------------------------------------------------------
SECURE_SSL_REDIRECT = env.bool("DJANGO_SECURE_SSL_REDIRECT", default=not DEBUG)
BEHIND_PROXY = env.bool("DJANGO_BEHIND_TLS_PROXY", default=False)
# Callbacks to reporting parties go to public addresses only (`cases.callbacks`); this machine
# only for a receiver in development or the tests.
CALLBACKS_ALLOW_LOOPBACK = env.bool("CALLBACKS_ALLOW_LOOPBACK", default=DEBUG)
if BEHIND_PROXY:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = 0 if DEBUG else 31_536_000
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
# "preload" only takes effect when heerlen.nl itself is submitted to the browsers' list.
SECURE_HSTS_PRELOAD = not DEBUG
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
SESSION_COOKIE_SECURE = not DEBUG
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_HTTPONLY = True
# The forms' one cookie lives until the browser closes, as the website statement says.
CSRF_COOKIE_AGE = None
X_FRAME_OPTIONS = "DENY"

# Nothing from another host, ever: the statements promise anonymous reading and data that
# stays in the EU/EEA. No 'unsafe-inline' either: styles and scripts live in static files.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}
PERMISSIONS_POLICY = {
    feature: []
    for feature in (
        "accelerometer",
        "camera",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "payment",
        "usb",
        "interest-cohort",
        "browsing-topics",
    )
}

# --- Celery ---------------------------------------------------------------------------------
# Without a broker, tasks run in-process: the portal works on a laptop with nothing installed.
CELERY_BROKER_URL = env.str("CELERY_BROKER_URL", default="")
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_EAGER_PROPAGATES = True
if not CELERY_BROKER_URL:
    CELERY_BROKER_URL = "memory://"
# Results and arguments are stored in plain text: keep none unless a task asks for it.
CELERY_RESULT_BACKEND = env.str("CELERY_RESULT_BACKEND", default="") or None
CELERY_TASK_IGNORE_RESULT = True
CELERY_RESULT_EXPIRES = 24 * 3600
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
# Redelivered when a worker dies mid-task, so every task must be idempotent.
CELERY_TASK_ACKS_LATE = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_TIME_LIMIT = 15 * 60
CELERY_TASK_SOFT_TIME_LIMIT = 10 * 60
# Longer than the longest task and the longest retry backoff, or Redis redelivers early.
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": 2 * 3600}
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_TIMEZONE = TIME_ZONE
# The schedule is code: reviewed, versioned, and not switchable off in the admin.
# Run exactly one beat process (see docker-compose.yml).
CELERY_BEAT_SCHEDULE = {
    "beat-heartbeat": {
        "task": "heerlen_privacy.celery.record_beat_heartbeat",
        "schedule": crontab(minute="*/5"),
    },
    # The outbox: e-mails that could not be queued when they were made (broker down).
    "emails-dispatch-pending": {
        "task": "requests_app.tasks.emails_dispatch_pending",
        "schedule": crontab(minute="*"),
    },
    # The outbox of callbacks to reporting parties: rows whose task was lost.
    "callbacks-dispatch-pending": {
        "task": "cases.tasks.callbacks_dispatch_pending",
        "schedule": crontab(minute="*"),
    },
    # The DPO's report: each month's figures, stored once the month is over, before the
    # retention run (which stores them too before it destroys anything) removes requests.
    "requests-figures-store-monthly": {
        "task": "requests_app.tasks.figures_store_monthly",
        "schedule": crontab(hour=1, minute=0),
    },
    # Retention: one nightly run enforces the published retention periods and also
    # removes unverified requests, expired answer files and sessions. 01:30 Europe/Amsterdam:
    # outside the hour (02:00-03:00) that is skipped or repeated when daylight saving changes.
    "retention-run-nightly": {
        "task": "retention.tasks.retention_run_nightly",
        "schedule": crontab(hour=1, minute=30),
    },
    # The DPO: destruction lists awaiting approval for four weeks (no personal data).
    "retention-destruction-lists-remind": {
        "task": "retention.tasks.destruction_lists_remind",
        "schedule": crontab(hour=7, minute=15),
    },
    # Each handler and the DPO: what is due within 7 days and what is overdue.
    "requests-send-reminders": {
        "task": "requests_app.tasks.requests_send_reminders",
        "schedule": crontab(hour=7, minute=0),
    },
}

# --- Logging --------------------------------------------------------------------------------
# Plain lines to stderr; no request bodies or personal data are logged by the portal itself.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "filters": {"redact": {"()": "heerlen_privacy.logfilters.RedactPersonalData"}},
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": "plain",
            "filters": ["redact"],
        }
    },
    "root": {"handlers": ["console"], "level": env.str("DJANGO_LOG_LEVEL", default="INFO")},
    # WeasyPrint reports every layout step, and axes its start, at INFO: noise for an operator.
    "loggers": {
        # runserver's request log: through the redacting handler, not Django's own, which
        # would print every status link's secret.
        "django.server": {"handlers": ["console"], "level": "INFO", "propagate": False},
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
        "axes": {"level": "WARNING"},
    },
}

REST_FRAMEWORK = {
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    # --- Intake API: requests per API client, counted in the default cache (Redis in
    # production) by cases.api.throttling.ClientRateThrottle. A reporting party's nightly
    # batch of a few hundred signals fits; a runaway loop does not.
    "DEFAULT_THROTTLE_RATES": {"intake": "600/hour"},
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Heerlen privacy portal API",
    "DESCRIPTION": "The municipality of Heerlen's privacy statements, as published.",
    "VERSION": "1.0.0",
    "SERVE_PERMISSIONS": ["rest_framework.permissions.AllowAny"],
    "SERVE_AUTHENTICATION": [],
    # Swagger UI from our own static files: no CDN.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "cases.api.callbacks_schema.add_callback_headers",
    ],
    # Two choice sets named "status" (a case's, a batch's), each with its own enum name.
    "ENUM_NAME_OVERRIDES": {
        "StatusEnum": "cases.api.serializers.CASE_STATUS_CHOICES",  # its name before batches
        "SignalBatchStatusEnum": "cases.api.batches.BATCH_STATUS_CHOICES",
    },
}
