"""Settings shared by every profile. Everything that differs per machine comes from the environment."""

from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

from gezinsplan.conf.env import env_bool, env_int, env_list, env_str

PACKAGE_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PACKAGE_DIR.parent.parent
VAR_DIR = Path(env_str("GEZINSPLAN_VAR_DIR", str(BASE_DIR / "var")))

DEBUG = env_bool("DEBUG", False)
SECRET_KEY = env_str("SECRET_KEY")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", "")

# Demo mode shows a banner and the demo logins; two-factor is optional there. Never in production.
DEMO_MODE = env_bool("GEZINSPLAN_DEMO", False)

DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{VAR_DIR / 'gezinsplan.sqlite3'}"),
        conn_max_age=env_int("DB_CONN_MAX_AGE", 0),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the demo server read while a write is in progress.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
    }
DATABASES["default"]["ATOMIC_REQUESTS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    "knox",  # API tokens stored only as a hash, with expiry (replaces rest_framework.authtoken)
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_filters",
    "django_htmx",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "axes",
    "csp",
    "gezinsplan.core",
    "gezinsplan.accounts",
    "gezinsplan.families",
    "gezinsplan.cases",
    "gezinsplan.privacy",
    "gezinsplan.safety",
    "gezinsplan.analysis",
    "gezinsplan.collaboration",
    "gezinsplan.demo",
    "gezinsplan.api",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "gezinsplan.core.middleware.LanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "gezinsplan.privacy.middleware.TwoFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "gezinsplan.core.middleware.AccessLogMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "gezinsplan.urls"
WSGI_APPLICATION = "gezinsplan.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "gezinsplan.core.context_processors.gezinsplan",
            ],
        },
    }
]

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "families:caseload"
LOGOUT_REDIRECT_URL = "accounts:login"

# Sessions live in the database so that several app servers can share them.
SESSION_ENGINE = "django.contrib.sessions.backends.db"
SESSION_COOKIE_AGE = env_int("SESSION_COOKIE_AGE", 30 * 60)
SESSION_SAVE_EVERY_REQUEST = True  # inactivity timeout: each request extends the session
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True

CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "gezinsplan_cache",
    }
}
if env_str("REDIS_URL", ""):
    CACHES["default"] = {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": env_str("REDIS_URL")}

# Five failed logins lock the account for a while.
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = 0.25  # hours
AXES_LOCKOUT_PARAMETERS = ["username"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_VERBOSE = False
AXES_SENSITIVE_PARAMETERS = ["password", "otp_token"]
# The lockout is per account (username), as intended; rotating addresses does not get around it.
SILENCED_SYSTEM_CHECKS = ["axes.W006"]

LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Nederlands")), ("en", _("Engels"))]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
# The interface language is Dutch unless the user picks another one with the switch in the header (the cookie is
# set by django.views.i18n.set_language; the browser's Accept-Language is ignored, see core.middleware).
LANGUAGE_COOKIE_AGE = 365 * 24 * 60 * 60
LANGUAGE_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SAMESITE = "Lax"
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [PACKAGE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "knox.auth.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_PAGINATION_CLASS": "gezinsplan.api.pagination.Pagination",
    "EXCEPTION_HANDLER": "gezinsplan.api.exceptions.exception_handler",

    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "PAGE_SIZE": 50,
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
}
# API tokens (django-rest-knox): only a SHA-512 digest is stored; a token lapses after the same inactivity as a
# session and at the latest after a working day.
REST_KNOX = {
    "TOKEN_TTL": timedelta(seconds=SESSION_COOKIE_AGE),
    "AUTO_REFRESH": True,
    "AUTO_REFRESH_MAX_TTL": timedelta(hours=env_int("API_TOKEN_MAX_HOURS", 10)),
    "MIN_REFRESH_INTERVAL": 60,
    "AUTH_HEADER_PREFIX": "Token",
}

SPECTACULAR_SETTINGS = {
    "TITLE": "Gezinsplan API",
    "DESCRIPTION": "Eén gezin, één plan. Alle toegang volgt betrokkenheid en komt in de toegangslog.",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": "/api/v1",
    "COMPONENT_SPLIT_REQUEST": True,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
}

# Content Security Policy: only our own scripts and styles.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
        "base-uri": ["'self'"],
    }
}
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# Logging never writes personal data: request paths carry opaque ids only, and we log no bodies.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {"axes": {"level": "WARNING"}},
}

# Two-factor login is required for professionals outside demo mode (django-otp).
GEZINSPLAN_REQUIRE_2FA = env_bool("GEZINSPLAN_REQUIRE_2FA", not DEMO_MODE)
# Emergency access (noodknop): how long a break-the-glass access lasts.
GEZINSPLAN_EMERGENCY_ACCESS_HOURS = env_int("GEZINSPLAN_EMERGENCY_ACCESS_HOURS", 4)

# Numbers of the method that the seeds give as local practice (R168): configuration with the seed's value.
GEZINSPLAN_METHOD = {
    "product_2a_budget_hours": 25,  # R010: at most 25 hours per 2a indication
    "budget_warning_share": 0.8,  # warn when 80% of a budget is used
    "ots_guardianship_review_months": 24,  # R633: review a long OTS for conversion to guardianship
    "acute_threat_window_days": 92,  # R547: the acute-threat checklist looks at the three months before
    "child_alone_interval_days": 42,  # R595: speak each child alone at least this often
    "abuse_conversations_per_child": 2,  # R157: suspected abuse: talk with the young person more than once
    "good_enough_stagnation_count": 2,  # R652: this many 'not good enough' in a row is stagnation
    "vague_terms": ["onveilig", "zorgelijk", "verwaarlozing", "problemen", "problematiek", "multiproblem",
                    "instabiel", "escalatie", "spanningen", "ruzie", "onrust", "opvoedingsonmacht"],  # R579
    # analysis
    "genogram_timeline_required_municipalities": ["Westland"],  # R252: seed 001, Het Lokale Team in Westland
    "plan_current_months": 6,  # R597: risk and safety assessment at most this old for a 'current' plan
    "life_domains": None,  # R559: life-domain codes reviewed with the family; None = all of analysis.LifeDomain
    "matching_visible_to": ["gi"],  # R569: organisation types that see the matching approach
    # R117: instruments (codes of analysis.instruments.CATALOGUE) available per organisation type
    "instruments_available": {
        "lokaal_team": ["ARIJ", "WIK", "ZRM", "GIZ", "SOS", "VL_PLUS", "LIRIK", "KOMPAS", "ERBIJ"],
        "gi": ["ARIJ", "WIK", "ZRM", "GIZ", "SOS", "VL_PLUS", "LIRIK", "KOMPAS", "ERBIJ"],
    },
    # Working together, meetings (collaboration/meetings_*.py):
    "help_review_weeks": 13,  # R527: a help item's progress is reviewed at least once per network-meeting rhythm
    "local_team_link_working_days": 5,  # R656: link and inform the local team within this after a beschikking
    "introduction_weeks": 2,  # R227: the joint introduction after a 2b decision within this many weeks
    "municipal_arrangements": [  # R270: arrangements the LT can apply or speed up for a linked JB
        "Leerlingenvervoer", "Bijzondere bijstand", "Schuldhulpverlening", "Wmo-voorziening",
        "Kwijtschelding gemeentelijke belastingen", "Urgentie woningzoekende",
    ],
    "collaboration_meetings_per_year": 2,  # R328: two local collaboration meetings per subregion per year (2021)
    "learning_groups_from": "2022-01-01",  # R325: local learning groups start from 2022
    "home_visit_days": 7,  # R517: first home visit within a week of the registration
    "clarity_check_days": 42,  # R309: ask whether agreements and goal are clear at least every six weeks
    "revisit_after_change_days": 14,  # R265: session to revisit the analysis after a change of contact person
    "help_after_handover_days": 28,  # R337: signal a handed-over family without registered help
    "privacy_follow_up_days": 14,  # R038, R089, R160: days to complete a follow-up of a refused consent
    "start_training_half_days": 4,  # R282: the start training is four half-days per employee
    "reflection_interval_days": 91,  # R282: a reflection meeting once every three months
    "maintenance_interval_days": 365,  # R282: a yearly maintenance meeting
}
