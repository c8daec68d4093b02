"""Production: secrets from the environment only, HTTPS everywhere, strict cookies, HSTS."""

from gezinsplan.conf.base import *  # noqa: F403
from gezinsplan.conf.env import env_bool, env_int

if DEMO_MODE:  # noqa: F405
    raise RuntimeError("GEZINSPLAN_DEMO must never be set in production.")

DEBUG = False
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
LANGUAGE_COOKIE_SECURE = True
SESSION_COOKIE_NAME = "__Host-sessionid"
CSRF_COOKIE_NAME = "__Host-csrftoken"
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
GEZINSPLAN_REQUIRE_2FA = True
