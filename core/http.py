"""The client's address, the one rule for every app (access log, rate limits)."""

import ipaddress

from django.conf import settings


def client_ip(request) -> str | None:
    """The client's address. Behind our TLS proxy (DJANGO_BEHIND_TLS_PROXY) it is the last
    address the proxy appended to X-Forwarded-For: earlier ones are the client's to forge.
    None when it is not a valid address."""
    address = request.META.get("REMOTE_ADDR", "")
    if settings.BEHIND_PROXY:
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        if forwarded:
            address = forwarded.split(",")[-1].strip()
    try:
        return str(ipaddress.ip_address(address))
    except ValueError:
        return None
