"""Tests: the same settings as production where it matters, fast hashing, no 2FA unless a test asks."""

import os

os.environ.setdefault("SECRET_KEY", "test-only-not-secret-" + "x" * 32)
os.environ.setdefault("GEZINSPLAN_REQUIRE_2FA", "0")

from gezinsplan.conf.base import *  # noqa: E402,F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
AXES_HANDLER = "axes.handlers.database.AxesDatabaseHandler"
ACCESS_LOG_STRICT = True
