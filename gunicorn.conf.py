"""gunicorn's settings for the portal, written once: the image, the compose file, the README's
command and bench/load.py all start `gunicorn -c gunicorn.conf.py heerlen_privacy.wsgi:application`.
gunicorn also reads this file by itself when started in this folder without `-c`.

The variables below override the defaults; command-line options override both."""

import os

# Loopback by default: without containers a TLS-terminating proxy on the same host sits in
# front. The image sets GUNICORN_BIND=0.0.0.0:8000 (the compose file publishes it on
# 127.0.0.1 only).
bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("GUNICORN_WORKERS", "2"))
threads = int(os.environ.get("GUNICORN_THREADS", "4"))
worker_class = "gthread"

# The access log on stdout, every field redacted: a request line carries the secret of a
# resident's status link, and a typed address may carry a BSN or an e-mail address
# (heerlen_privacy/logfilters.py; checked by tests/test_deployment.py).
accesslog = "-"
logger_class = "heerlen_privacy.logfilters.RedactingGunicornLogger"
