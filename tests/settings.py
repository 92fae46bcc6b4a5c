"""Settings for the test run: production settings with the few changes tests need."""

import base64
import os
import secrets

# Tests run with DEBUG off, like production, which refuses to start without a real secret.
os.environ.setdefault("DJANGO_SECRET_KEY", secrets.token_urlsafe(64))
os.environ.setdefault("FIELD_ENCRYPTION_KEYS", base64.urlsafe_b64encode(os.urandom(32)).decode())
os.environ.setdefault("BLIND_INDEX_KEY", secrets.token_urlsafe(48))

from heerlen_privacy.settings import *  # noqa: F403
from heerlen_privacy.settings import STORAGES

# The test client speaks plain HTTP.
SECURE_SSL_REDIRECT = False
# The callback tests' receiver listens on 127.0.0.1.
CALLBACKS_ALLOW_LOOPBACK = True
# The live server serves static files through finders, which know no hashed names.
STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
