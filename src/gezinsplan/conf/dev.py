"""Local development and demo: a generated secret and debug unless the environment says otherwise."""

import os

os.environ.setdefault("SECRET_KEY", "dev-only-not-secret-" + "x" * 32)
os.environ.setdefault("DEBUG", "1")

from gezinsplan.conf.base import *  # noqa: E402,F403
