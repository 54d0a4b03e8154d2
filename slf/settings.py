"""Settings for SLF Logbook: one file, driven by environment variables.

Every variable is listed in the README's configuration table.
"""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool = False) -> bool:
    return os.environ.get(name, str(default)).strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG", False)

# Nothing falls back silently outside DEBUG: the published development key and the embedded database are
# used only when asked for by name. manage.py asks for both for the development commands (demo, …) and
# slf/settings_pytest.py for the test run; a production process gets neither and refuses to start.
_problems = []
if not os.environ.get("SECRET_KEY") and not (DEBUG or env_bool("SLF_DEV_SECRET_KEY")):
    _problems.append(
        "SECRET_KEY is not set. Set it to a long random value, e.g. the output of\n"
        '      python -c "import secrets; print(secrets.token_urlsafe(50))"\n'
        "    For local development only: DEBUG=1, or SLF_DEV_SECRET_KEY=1 for the published development key."
    )
if not os.environ.get("DATABASE_URL") and not (DEBUG or env_bool("SLF_EMBEDDED_DB")):
    _problems.append(
        "DATABASE_URL is not set. Set it to your PostgreSQL, e.g.\n"
        "      DATABASE_URL=postgres://user:password@host:5432/slf\n"
        "    For local development only: DEBUG=1, or SLF_EMBEDDED_DB=1 for the embedded PostgreSQL under .data/."
    )
if _problems:
    raise SystemExit(
        "SLF Logbook will not start (DEBUG is off):\n" + "".join(f"  * {problem}\n" for problem in _problems)
    )
_DEVELOPMENT_KEY = "dev-only-insecure-key-change-me-in-production-0123456789abcdef"
SECRET_KEY = os.environ.get("SECRET_KEY") or _DEVELOPMENT_KEY

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    "accounts",
    "offices",
    "meetings",
    "logbook",
    "visits",
    "knowledge",
    "programmes",
    "bootcamps",
    "taskforce",
    "development",
    "cafe",
    "changeagents",
    "drafts",
    "notifications",
    "sso",
    "scale",
    "progress",
    "home",
    "privacy",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "django_htmx",
    "template_partials",
    "crispy_forms",
    "crispy_bootstrap5",
    "csp",
    "axes",
    "django_filters",
    "pgtrigger",
    "pghistory",
    "pghistory.admin",
    "procrastinate.contrib.django",
    "djangosaml2",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Above everything that can reach the database, so every page, the 503 of an outage included, gets them:
    "csp.middleware.CSPMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "slf.headers.PersonalCacheMiddleware",  # Cache-Control: private for signed-in pages and .ics files
    "django.contrib.sessions.middleware.SessionMiddleware",
    "djangosaml2.middleware.SamlSessionMiddleware",  # SAML's own cookie: the IdP's POST is cross-site
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "pghistory.middleware.HistoryMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "slf.input.HostileInputMiddleware",  # 400 for NUL and control characters before any view
    "slf.htmx.HtmxMiddleware",  # django-htmx's, plus full pages for history restores and Vary
    "axes.middleware.AxesMiddleware",
    "privacy.accesslog.AccessLogMiddleware",  # one row per page about a person (privacy/accesslog.py)
]

ROOT_URLCONF = "slf.urls"
WSGI_APPLICATION = "slf.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "slf.context_processors.navigation",
                "knowledge.context_processors.glossary",
                "privacy.context_processors.footer",
            ],
            "builtins": ["slf.dates"],
        },
    },
]

# --- Database -------------------------------------------------------------
# DATABASE_URL set: that PostgreSQL. Unset (only with DEBUG or SLF_EMBEDDED_DB, see the top): the embedded
# PostgreSQL under .data/.
DATA_DIR = Path(os.environ.get("SLF_DATA_DIR", BASE_DIR / ".data"))
DATABASE_URL = os.environ.get("DATABASE_URL", "")
if not DATABASE_URL:
    from slf.embedded_db import embedded_database_url

    # SLF_DATABASE picks another database on the same server, e.g. slf_scale for the benchmark.
    DATABASE_URL = embedded_database_url(DATA_DIR / "postgres", os.environ.get("SLF_DATABASE", "slf"))

DATABASES = {
    "default": dj_database_url.parse(
        DATABASE_URL,
        conn_max_age=int(os.environ.get("DB_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if env_bool("DB_POOL"):
    # psycopg's connection pool (one per process); replaces persistent connections.
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["OPTIONS"]["pool"] = {
        "min_size": int(os.environ.get("DB_POOL_MIN", "2")),
        "max_size": int(os.environ.get("DB_POOL_MAX", "10")),
        "timeout": 10,
    }
DATABASES["default"]["TEST"] = {"NAME": os.environ.get("SLF_TEST_DATABASE", "test_slf")}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- People and sign-in -----------------------------------------------------
# History rows carry the real time of each change, not the start of its transaction.
PGHISTORY_CREATED_AT_FUNCTION = "clock_timestamp()"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "accounts.backends.PasswordSignInSwitch",  # PASSWORD_LOGIN=off: passwords for superusers only
    "django.contrib.auth.backends.ModelBackend",
    # Single sign-on (sso/): each answers only its own callback, and only when its provider is configured.
    "sso.oidc.OIDCBackend",
    "sso.saml.SAMLBackend",
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "accounts:login"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# django-axes: lock out repeated failed sign-ins, counted per e-mail address and client address, and per
# client address alone with a higher limit (accounts/signin.py; docs/deploy.md "Sign-in lock-out").
AXES_ENABLED = env_bool("AXES_ENABLED", True)
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "10"))  # one e-mail address, one client address
AXES_ADDRESS_FAILURE_LIMIT = int(os.environ.get("AXES_ADDRESS_FAILURE_LIMIT", "100"))  # any e-mails, one address
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"], "ip_address"]
AXES_HANDLER = "accounts.signin.SignInLockoutHandler"  # a limit per parameter
AXES_RESET_ON_SUCCESS = True  # the person's own failures from that address only
AXES_USERNAME_FORM_FIELD = "username"  # the sign-in form field (it holds the e-mail address)
AXES_USERNAME_CALLABLE = "accounts.signin.lockout_username"  # counted normalised: "A@x" = " a@X "
AXES_CLIENT_IP_CALLABLE = "slf.proxy.client_ip"
# The client address: REMOTE_ADDR unless a reverse proxy's header is named here; TRUSTED_PROXY_COUNT proxies
# append to it (slf/proxy.py). A client's own X-Forwarded-For is never believed without this.
TRUSTED_PROXY_HEADER = os.environ.get("TRUSTED_PROXY_HEADER", "").strip()
TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "1"))
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_VERBOSE = False

# --- Single sign-on (sso/; README "Single sign-on") -------------------------------------------------------
# Password sign-in stays on for the demo and small installations; off, only superusers (the break-glass account)
# may sign in with a password.
PASSWORD_LOGIN = env_bool("PASSWORD_LOGIN", True)
# Shown to a person the identity provider signs in but no rule gives an office: whom to ask.
SSO_ACCESS_CONTACT = os.environ.get("SSO_ACCESS_CONTACT", "").strip()

# OpenID Connect (Microsoft Entra ID, Keycloak, …) with mozilla-django-oidc: authorization code flow with PKCE,
# state and nonce; the ID token's signature checked against the provider's keys (JWKS), its issuer, audience and
# expiry by sso/oidc.py. OIDC_ENTRA_TENANT fills in Entra ID's endpoints; any other provider names them.
OIDC_NAME = os.environ.get("OIDC_NAME", "").strip() or "Microsoft Entra ID"
_entra_tenant = os.environ.get("OIDC_ENTRA_TENANT", "").strip()
_entra = f"https://login.microsoftonline.com/{_entra_tenant}" if _entra_tenant else ""
OIDC_OP_ISSUER = os.environ.get("OIDC_ISSUER", f"{_entra}/v2.0" if _entra else "").strip().rstrip("/")
OIDC_OP_AUTHORIZATION_ENDPOINT = os.environ.get(
    "OIDC_AUTHORIZATION_ENDPOINT", f"{_entra}/oauth2/v2.0/authorize" if _entra else ""
)
OIDC_OP_TOKEN_ENDPOINT = os.environ.get("OIDC_TOKEN_ENDPOINT", f"{_entra}/oauth2/v2.0/token" if _entra else "")
OIDC_OP_JWKS_ENDPOINT = os.environ.get("OIDC_JWKS_ENDPOINT", f"{_entra}/discovery/v2.0/keys" if _entra else "")
OIDC_OP_USER_ENDPOINT = os.environ.get("OIDC_USERINFO_ENDPOINT", "")  # optional: the ID token's claims suffice
OIDC_OP_LOGOUT_ENDPOINT = os.environ.get("OIDC_END_SESSION_ENDPOINT", f"{_entra}/oauth2/v2.0/logout" if _entra else "")
OIDC_RP_CLIENT_ID = os.environ.get("OIDC_CLIENT_ID", "")
OIDC_RP_CLIENT_SECRET = os.environ.get("OIDC_CLIENT_SECRET", "")
OIDC_RP_SIGN_ALGO = os.environ.get("OIDC_SIGN_ALGO", "RS256")
OIDC_RP_SCOPES = os.environ.get("OIDC_SCOPES", "openid email profile")
OIDC_GROUP_CLAIMS = env_list("OIDC_GROUP_CLAIMS", "groups,roles")  # claims whose values the sign-in rules match
OIDC_USE_PKCE = True
OIDC_USE_NONCE = True
OIDC_VERIFY_KID = True
OIDC_STORE_ID_TOKEN = True  # the hint for the provider's sign-out
OIDC_TIMEOUT = int(os.environ.get("OIDC_TIMEOUT", "10"))
OIDC_AUTHENTICATION_CALLBACK_URL = "sso:oidc-callback"
OIDC_REDIRECT_ALLOWED_HOSTS: list[str] = []
OIDC_ENABLED = bool(OIDC_OP_ISSUER and OIDC_RP_CLIENT_ID and OIDC_OP_AUTHORIZATION_ENDPOINT and OIDC_OP_TOKEN_ENDPOINT)

# SAML 2.0 (KOMBIT's Fælleskommunal Adgangsstyring / Context Handler, OIOSAML 3, often through Keycloak) with
# djangosaml2/pysaml2 (needs the xmlsec1 program): signed assertions only, audience, recipient and validity
# window checked, a response used once. The IdP's metadata from a URL or a file; sso/saml.py builds the config.
SAML_NAME = os.environ.get("SAML_NAME", "").strip() or "KOMBIT Adgangsstyring"
SAML_IDP_METADATA_URL = os.environ.get("SAML_IDP_METADATA_URL", "").strip()
SAML_IDP_METADATA_FILE = os.environ.get("SAML_IDP_METADATA_FILE", "").strip()
SAML_SP_ENTITY_ID = os.environ.get("SAML_SP_ENTITY_ID", "").strip() or f"{SITE_URL}/sso/saml/metadata/"
SAML_SP_CERT_FILE = os.environ.get("SAML_SP_CERT_FILE", "").strip()
SAML_SP_KEY_FILE = os.environ.get("SAML_SP_KEY_FILE", "").strip()
SAML_EMAIL_ATTRIBUTES = env_list(
    "SAML_EMAIL_ATTRIBUTES", "https://data.gov.dk/model/core/eid/email,urn:oid:0.9.2342.19200300.100.1.3,mail,email"
)
SAML_NAME_ATTRIBUTES = env_list(
    "SAML_NAME_ATTRIBUTES", "https://data.gov.dk/model/core/eid/fullName,urn:oid:2.5.4.3,cn,displayName,name"
)
SAML_LANGUAGE_ATTRIBUTES = env_list("SAML_LANGUAGE_ATTRIBUTES", "preferredLanguage,locale")
# OIOSAML 3's basic privilege profile (base64 XML: user system roles with their data scopes), and plain
# attributes whose values the rules match as they are (Keycloak roles or groups).
SAML_PRIVILEGE_ATTRIBUTES = env_list(
    "SAML_PRIVILEGE_ATTRIBUTES",
    "https://data.gov.dk/model/core/eid/privilegesIntermediate,dk:gov:saml:attribute:Privileges_intermediate",
)
SAML_ROLE_ATTRIBUTES = env_list("SAML_ROLE_ATTRIBUTES", "Role,roles,groups")
SAML_ENABLED = bool(SAML_IDP_METADATA_URL or SAML_IDP_METADATA_FILE)
SAML_CONFIG_LOADER = "sso.saml.config_loader"
SAML_DEFAULT_BINDING = "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect"  # a redirect: no inline script
SAML_CSP_HANDLER = ""  # our CSP stays as it is
SAML_SESSION_COOKIE_NAME = "slf_saml_session"
SAML_ATTRIBUTE_MAPPING: dict[str, tuple[str, ...]] = {}  # sso/saml.py reads the attributes itself
SAML_IGNORE_LOGOUT_ERRORS = True  # the local session always ends

# --- E-mail ---------------------------------------------------------------
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
if os.environ.get("EMAIL_URL"):
    # smtp://user:password@host:587 (STARTTLS) or smtps://... (TLS)
    from urllib.parse import unquote, urlparse

    _mail = urlparse(os.environ["EMAIL_URL"])
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_HOST = _mail.hostname or "localhost"
    EMAIL_PORT = _mail.port or 25
    EMAIL_HOST_USER = unquote(_mail.username or "")
    EMAIL_HOST_PASSWORD = unquote(_mail.password or "")
    EMAIL_USE_TLS = _mail.scheme == "smtp" and EMAIL_PORT == 587
    EMAIL_USE_SSL = _mail.scheme == "smtps"
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "SLF Logbog <noreply@slf.example>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
EMAIL_TIMEOUT = int(os.environ.get("EMAIL_TIMEOUT", "30"))  # seconds; a hanging mail server fails the try

# --- Task queue (Procrastinate: jobs in this PostgreSQL, `manage.py procrastinate worker`) ---------------
# A mail that fails is tried again after MAIL_RETRY_FIRST_WAIT seconds, doubling up to MAIL_RETRY_MAX_WAIT,
# MAIL_MAX_ATTEMPTS tries in all (the defaults: about a day), then marked failed with the reason.
MAIL_MAX_ATTEMPTS = int(os.environ.get("MAIL_MAX_ATTEMPTS", "25"))
MAIL_RETRY_FIRST_WAIT = int(os.environ.get("MAIL_RETRY_FIRST_WAIT", "30"))
MAIL_RETRY_MAX_WAIT = int(os.environ.get("MAIL_RETRY_MAX_WAIT", "3600"))

# --- Language and time ------------------------------------------------------
LANGUAGE_CODE = "da"
LANGUAGES = [("da", _("Danish")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Copenhagen"
USE_I18N = True
USE_TZ = True
#: Dates and times in each language's own forms (slf/formats/<language>/formats.py, read by slf/dates.py).
FORMAT_MODULE_PATH = ["slf.formats"]
LANGUAGE_COOKIE_NAME = "slf_language"
LANGUAGE_COOKIE_SAMESITE = "Lax"

# --- Static files -----------------------------------------------------------
STATIC_URL = "static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", DATA_DIR / "media"))
MEDIA_URL = "/media/"  # never served directly: files go through permission-checked views
ATTACHMENT_MAX_BYTES = int(os.environ.get("ATTACHMENT_MAX_MB", "10")) * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
# Production: STATIC_MANIFEST=1 after collectstatic gives hashed, compressed,
# forever-cached files.
STATIC_MANIFEST = env_bool("STATIC_MANIFEST", False)
# Uploaded files (attachments): the local disk under MEDIA_ROOT, or with S3_BUCKET set an S3-compatible
# bucket (AWS, MinIO, Ceph, a Danish cloud's object storage), so app servers share nothing but the database
# and the bucket. The bucket stays private: files are read through the storage by the permission-checked
# download view, never by a bucket URL.
S3_BUCKET = os.environ.get("S3_BUCKET", "").strip()
if S3_BUCKET:
    _default_storage = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": S3_BUCKET,
            "endpoint_url": os.environ.get("S3_ENDPOINT_URL") or None,  # unset: AWS
            "region_name": os.environ.get("S3_REGION") or None,
            "access_key": os.environ.get("S3_ACCESS_KEY_ID") or None,  # unset: boto3's own chain (IAM role, …)
            "secret_key": os.environ.get("S3_SECRET_ACCESS_KEY") or None,
            "location": os.environ.get("S3_PREFIX", "").strip("/"),  # a folder in a shared bucket
            "addressing_style": os.environ.get("S3_ADDRESSING_STYLE", "path"),  # path works on every server
            "signature_version": "s3v4",
            "default_acl": None,  # the bucket's own policy (private); never public-read
            "querystring_auth": True,  # should a URL ever be made, it is signed and expires
        },
    }
else:
    _default_storage = {"BACKEND": "django.core.files.storage.FileSystemStorage"}
STORAGES = {
    "default": _default_storage,
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if STATIC_MANIFEST
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
# Without collectstatic (development, tests, the demo) WhiteNoise serves the
# files straight from the app and static/ folders.
WHITENOISE_USE_FINDERS = not STATIC_MANIFEST
WHITENOISE_AUTOREFRESH = not STATIC_MANIFEST
WHITENOISE_MAX_AGE = 60 * 60 * 24 * 365 if STATIC_MANIFEST else 60

# --- Forms ------------------------------------------------------------------
CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# --- Security ---------------------------------------------------------------
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = 60 * 60 * 12
CSRF_COOKIE_SAMESITE = "Lax"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
# django-permissions-policy: the app needs no powerful browser features; deny them all.
PERMISSIONS_POLICY = {
    feature: []
    for feature in (
        "accelerometer",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "usb",
    )
}
X_FRAME_OPTIONS = "DENY"
HTTPS = env_bool("HTTPS", False)
if HTTPS:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    LANGUAGE_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "31536000"))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", False)
    SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
    if not SECURE_HSTS_PRELOAD:
        # HSTS preloading is decided for the municipality's whole registrable domain (the preload list
        # takes no subdomains such as slf.kommune.dk), not by this app; check --deploy's reminder about it
        # (W021) is silenced until SECURE_HSTS_PRELOAD=1 says the domain's owner has chosen it.
        SILENCED_SYSTEM_CHECKS = ["security.W021"]

# Strict Content-Security-Policy: everything from our own origin, no inline code.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}


# --- Privacy: retention, people leaving, accessibility (docs/privacy.md) -----------------------------------
def env_rule(name: str, default: str) -> tuple[str, int]:
    """A retention rule from the environment: "ACTION:DAYS", ACTION delete, anonymise or keep."""
    action, _sep, days = os.environ.get(name, default).partition(":")
    return action.strip().lower(), int(days or 0)


#: What happens to each kind of record, and after how many days (an administration may override the
#: office-owned kinds in the admin). Counted from the entry's date, the meeting's start, the upload, the
#: question's registration, the reflection's writing, the measure value's date, the history row, the log row.
RETENTION = {
    "entries": env_rule("RETENTION_ENTRIES", "anonymise:1826"),
    "minutes": env_rule("RETENTION_MINUTES", "keep:1826"),
    "reflections": env_rule("RETENTION_REFLECTIONS", "delete:730"),
    "questions": env_rule("RETENTION_QUESTIONS", "anonymise:1095"),
    "attachments": env_rule("RETENTION_ATTACHMENTS", "delete:1095"),
    "measures": env_rule("RETENTION_MEASURES", "anonymise:1826"),
    "history": env_rule("RETENTION_HISTORY", "delete:1095"),
    "access_log": env_rule("RETENTION_ACCESS_LOG", "delete:730"),
    "cafe_registrations": env_rule("RETENTION_CAFE_REGISTRATIONS", "delete:365"),
    "clarifications": env_rule("RETENTION_CLARIFICATIONS", "delete:1095"),
    "evaluations": env_rule("RETENTION_EVALUATIONS", "anonymise:730"),
}
#: Days between a person's last membership ending and their anonymisation ("Tidligere medarbejder").
LEAVER_GRACE_DAYS = int(os.environ.get("LEAVER_GRACE_DAYS", "30"))
#: The municipality's statement made with the Agency for Digital Government's WAS tool; empty: the built-in page.
ACCESSIBILITY_STATEMENT_URL = os.environ.get("ACCESSIBILITY_STATEMENT_URL", "").strip()
ACCESSIBILITY_CONTACT_EMAIL = os.environ.get("ACCESSIBILITY_CONTACT_EMAIL", "tilgaengelighed@kommune.example")
ACCESSIBILITY_CONTACT_PHONE = os.environ.get("ACCESSIBILITY_CONTACT_PHONE", "+45 00 00 00 00")
ACCESSIBILITY_REVIEWED = os.environ.get("ACCESSIBILITY_REVIEWED", "2026-12-01")  # the last review, YYYY-MM-DD
#: The data controller (the municipality) and its data protection officer, named in the privacy notice.
PRIVACY_CONTROLLER = os.environ.get("PRIVACY_CONTROLLER", "Kommunen")
PRIVACY_DPO_EMAIL = os.environ.get("PRIVACY_DPO_EMAIL", "dpo@kommune.example")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}
