# The portal's image: one image for web, worker, beat and the migrate step.
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

# WeasyPrint needs Pango and HarfBuzz subsetting; gettext compiles the Dutch messages.
RUN apt-get update \
    && apt-get install -y --no-install-recommends \
        libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-noto-core gettext \
    && rm -rf /var/lib/apt/lists/*

RUN useradd --create-home --uid 10001 portal
WORKDIR /app

COPY requirements.lock ./
RUN pip install --require-hashes -r requirements.lock

COPY --chown=portal:portal . .
# Build-time only: collectstatic and compilemessages need settings, not a real secret.
RUN DJANGO_DEBUG=true python manage.py compilemessages --ignore=.venv --verbosity 0 \
    && DJANGO_DEBUG=true python manage.py collectstatic --noinput --verbosity 0 \
    && mkdir -p /app/media && chown portal:portal /app/media

USER portal
# gunicorn's settings are in gunicorn.conf.py; in a container it listens on every interface.
ENV GUNICORN_BIND=0.0.0.0:8000
EXPOSE 8000
CMD ["gunicorn", "-c", "gunicorn.conf.py", "heerlen_privacy.wsgi:application"]
