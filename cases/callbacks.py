"""Telling reporting parties whether the resident accepted help, by a signed callback.

- `help_accepted_changed` is called by every write that may change the offer or the outcome
  of a debt case (the intake services and the case workers' admin). When the derived value
  (`DebtSignal.help_accepted`) changed, it writes one outbox row per API client of each party
  with a signal in the case, in the caller's transaction, and has them delivered after the
  commit. The unique key per client, signal, value and the announcement before it means the
  same change is never queued (so never sent) twice, and a value that changes back is.
- `callback_deliver` POSTs one row: the body `{"signal_id": ..., "help_accepted": ...}`,
  signed with HMAC-SHA256 over `<timestamp>.<body>` with the client's own secret
  (`X-Timestamp`, `X-Signature: sha256=<hex>`). A failure sets the next attempt by
  `backoff()`; the Celery task retries then, and `callbacks_dispatch_pending` queues rows
  whose task was lost.

The log names the delivery, the client and the HTTP status only; the payload is the party's
own public signal id and the field, nothing about the resident.
"""

import hashlib
import hmac
import ipaddress
import json
import logging
import socket
from datetime import datetime
from urllib.parse import urlsplit

import requests
from django.conf import settings
from django.db import IntegrityError, transaction

from .models import ApiClient, CallbackDelivery, DebtSignal, Scope
from .models.callbacks import backoff

logger = logging.getLogger(__name__)

SIGNATURE_HEADER = "X-Signature"
TIMESTAMP_HEADER = "X-Timestamp"
DELIVERY_HEADER = "X-Delivery-Id"
TIMEOUT_SECONDS = 10


class CallbackFailed(Exception):
    """The receiver did not answer 2xx; `retry_in` is the back-off in seconds."""

    def __init__(self, message: str, *, retry_in: float):
        super().__init__(message)
        self.retry_in = retry_in


def destination_allowed(url: str) -> bool:
    """Whether the callback may go to where `url`'s host resolves now: only to public
    addresses. A party's DNS name that points at this machine, the cloud's metadata service
    (169.254.169.254) or the internal network is refused at each delivery, not only when the
    URL was registered. This machine only where `CALLBACKS_ALLOW_LOOPBACK` says so (tests, a
    development receiver). Redirects are not followed (`callback_deliver`)."""
    parts = urlsplit(url)
    if not parts.hostname:
        return False
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
        infos = socket.getaddrinfo(parts.hostname, port, type=socket.SOCK_STREAM)
    except (ValueError, UnicodeError, OSError):
        return False
    if not infos:
        return False
    for info in infos:
        address = ipaddress.ip_address(str(info[4][0]).split("%")[0])
        if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped:
            address = address.ipv4_mapped
        if address.is_loopback and settings.CALLBACKS_ALLOW_LOOPBACK:
            continue
        if not address.is_global or address.is_multicast:
            return False
    return True


def sign(*, secret: str, timestamp: str, body: bytes) -> str:
    """The signature a receiver recomputes: HMAC-SHA256 over `<timestamp>.<body>`."""
    message = timestamp.encode("ascii") + b"." + body
    return "sha256=" + hmac.new(secret.encode(), message, hashlib.sha256).hexdigest()


def payload_body(payload: dict) -> bytes:
    return json.dumps(payload, separators=(",", ":"), sort_keys=True).encode()


def signals_by_party(case: DebtSignal) -> list[tuple[int, str]]:
    """(organisation id, public id of that party's own signal) for every signal in the case."""
    parties = [(case.reporting_organisation_id, str(case.public_id))]
    parties += [
        (organisation_id, str(public_id))
        for organisation_id, public_id in case.joined_signals.values_list(
            "reporting_organisation_id", "public_id"
        )
    ]
    return parties


def help_accepted_changed(*, case: DebtSignal, before: str, now: datetime) -> int:
    """Queues a callback to each party of `case` if `help_accepted` differs from `before`.
    Returns how many rows were queued. Call inside the transaction of the change."""
    value = case.help_accepted
    if value == before:
        return 0
    clients = (
        ApiClient.objects.active()
        .exclude(callback_url="")
        .filter(organisation_id__in={org for org, _id in signals_by_party(case)})
    )
    by_org: dict[int, list[ApiClient]] = {}
    for client in clients:
        if client.has_scope(Scope.SIGNALS_WRITE):
            by_org.setdefault(client.organisation_id, []).append(client)
    queued = []
    for organisation_id, signal_id in signals_by_party(case):
        for client in by_org.get(organisation_id, []):
            delivery = _queue_once(client=client, signal_id=signal_id, value=value, now=now)
            if delivery is not None:
                queued.append(delivery.pk)
    if queued:
        transaction.on_commit(lambda: [callback_dispatch(delivery_id=pk) for pk in queued])
    return len(queued)


def _queue_once(*, client: ApiClient, signal_id: str, value: str, now: datetime):
    """One row per change: the key names the value and the announcement it follows, so a
    second call for the same change (a retry, a concurrent write) finds the key taken, while
    a value that changes back (yes, no, yes) is a new change and is announced again."""
    latest = (
        CallbackDelivery.objects.filter(client=client, dedup_key__startswith=f"{signal_id}:")
        .order_by("-pk")
        .values_list("pk", "payload")
        .first()
    )
    if latest is not None and latest[1].get("help_accepted") == value:
        return None  # the party has (or is being sent) this value already
    try:
        with transaction.atomic():
            return CallbackDelivery.objects.create(
                client=client,
                dedup_key=f"{signal_id}:{value}:{latest[0] if latest else 0}",
                payload={"signal_id": signal_id, "help_accepted": value},
                created_at=now,
                next_attempt_at=now,
            )
    except IntegrityError:
        return None  # this change was announced to this client already


def callback_dispatch(*, delivery_id: int) -> None:
    """Hands a row to a worker; a broker that is down loses nothing (the row waits)."""
    from .tasks import deliver_callback

    try:
        deliver_callback.delay(delivery_id)
    except Exception as exc:  # kombu raises several types; all mean "not queued now"
        logger.warning(
            "callback %s not queued (%s); the outbox keeps it", delivery_id, type(exc).__name__
        )


def callback_deliver(*, delivery_id: int, now: datetime) -> bool:
    """POSTs one outbox row unless it was delivered. Returns whether it was delivered now;
    raises `CallbackFailed` (with the back-off) when the receiver did not take it.

    The row is locked while posting, so two workers never deliver it twice; only a process
    that dies between the receiver's 2xx and the commit sends it again (receivers dedupe by
    `X-Delivery-Id`)."""
    with transaction.atomic():
        delivery = (
            CallbackDelivery.objects.select_for_update(skip_locked=True)
            .select_related("client")
            .filter(pk=delivery_id, delivered_at__isnull=True)
            .first()
        )
        if delivery is None:
            return False
        client = delivery.client
        delivery.attempts += 1
        body = payload_body(delivery.payload)
        timestamp = str(int(now.timestamp()))
        headers = {
            "Content-Type": "application/json",
            TIMESTAMP_HEADER: timestamp,
            SIGNATURE_HEADER: sign(secret=client.callback_secret, timestamp=timestamp, body=body),
            DELIVERY_HEADER: str(delivery.public_id),
            "User-Agent": "heerlen-privacy-portal-callbacks",
        }
        status = None
        if client.callback_url and not client.is_revoked:
            if not destination_allowed(client.callback_url):
                logger.warning(
                    "callback %s: the address of client %s is not public; not sent",
                    delivery.public_id,
                    client.public_id,
                )
            else:
                status = _post(client.callback_url, body=body, headers=headers, delivery=delivery)
        delivery.last_status = status
        delivered = status is not None and 200 <= status < 300
        if delivered:
            delivery.delivered_at = now
        else:
            delivery.next_attempt_at = now + backoff(delivery.attempts)
        delivery.save(update_fields=["attempts", "last_status", "delivered_at", "next_attempt_at"])
    logger.info(
        "callback %s to client %s: attempt %d, HTTP %s",
        delivery.public_id,
        client.public_id,
        delivery.attempts,
        status,
    )
    if not delivered:
        wait = (delivery.next_attempt_at - now).total_seconds()
        raise CallbackFailed(f"HTTP {status}", retry_in=wait)
    return True


def _post(url: str, *, body: bytes, headers: dict, delivery) -> int | None:
    try:
        response = requests.post(
            url, data=body, headers=headers, timeout=TIMEOUT_SECONDS, allow_redirects=False
        )
    except requests.RequestException as exc:
        logger.info("callback %s: %s", delivery.public_id, type(exc).__name__)
        return None
    return response.status_code


def callbacks_forget_delivered(*, now: datetime) -> int:
    """Removes delivered rows after `DELIVERED_KEPT` (the nightly run)."""
    deleted, _by_model = CallbackDelivery.objects.expired(now=now).delete()
    return deleted
