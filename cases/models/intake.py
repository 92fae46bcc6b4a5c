"""Credentials of the intake API and the answers it promised to repeat.

An `ApiClient` belongs to one `ReportingOrganisation`: a reporting party (Wgs art. 8b) submits
early signs of debt with `signals:write`; a case system of the municipality records what
happened to cases of its domain with `cases:write`. The token is shown once and stored only as
a SHA-256 hash: it is 256 random bits, so a slow password hash adds nothing, and a stolen
database does not yield a usable token.

An `IdempotencyRecord` keeps, per client and `Idempotency-Key`, the hash of the request and the
answer given, for `IDEMPOTENCY_TTL`: a retry gets the same answer and never a second record.
It holds the public id and status only, never the personal data of the request.
"""

import hmac
import secrets
import uuid
from datetime import timedelta
from urllib.parse import urlsplit

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.crypto import EncryptedTextField, token_hash
from retention.models import RecordType

from .base import ReportingOrganisation

# bandit B105: a fixed label in front of every token, not a secret.
TOKEN_PREFIX = "hpi"  # noqa: S105  # nosec B105
# How long a retry with the same Idempotency-Key gets the first answer (the usual 24 hours of
# payment APIs; a reporting party's batch that retries after a day sends a new key).
IDEMPOTENCY_TTL = timedelta(hours=24)


class Scope(models.TextChoices):
    SIGNALS_WRITE = "signals:write", _("signals:write: submit early signs of debt")
    CASES_WRITE = "cases:write", _("cases:write: record contact, decisions and closures")


class CaseDomain(models.TextChoices):
    DEBT = RecordType.DEBT_SIGNAL.value, _("early signs of debt")
    YOUTH = RecordType.YOUTH_CASE.value, _("youth assistance cases")


def callback_url_allowed(url: str) -> bool:
    """Callbacks carry a signed answer about a resident: TLS on the way, except to this very
    machine (a reporting party's test receiver, our own tests)."""
    parts = urlsplit(url)
    if parts.scheme == "https":
        return bool(parts.hostname)
    return parts.scheme == "http" and parts.hostname in {"localhost", "127.0.0.1", "::1"}


class ApiClientQuerySet(models.QuerySet):
    def active(self):
        return self.filter(revoked_at__isnull=True, organisation__active=True)


class ApiClient(models.Model):
    """One credential of one organisation. Revoked, never deleted: the history of a case names
    the client that wrote it."""

    public_id = models.UUIDField(_("public id"), default=uuid.uuid4, unique=True, editable=False)
    organisation = models.ForeignKey(
        ReportingOrganisation,
        on_delete=models.PROTECT,
        related_name="api_clients",
        verbose_name=_("organisation"),
    )
    name = models.CharField(
        _("name"), max_length=100, help_text=_("Which system uses it, e.g. 'arrears batch'.")
    )
    key_id = models.CharField(_("key id"), max_length=16, unique=True, editable=False)
    token_hash = models.CharField(_("token hash"), max_length=64, editable=False)
    scopes = models.JSONField(_("scopes"), default=list)
    case_domain = models.CharField(
        _("case domain"),
        max_length=20,
        choices=CaseDomain.choices,
        blank=True,
        help_text=_("For a case system (cases:write): the cases it may write to."),
    )
    callback_url = models.URLField(
        _("callback URL"),
        max_length=500,
        blank=True,
        help_text=_(
            "Where the portal POSTs whether the resident accepted help, when that changes "
            "(https; http only to this machine, for testing)."
        ),
    )
    # Needed in clear to sign each callback, so encrypted (not hashed) at rest; shown once.
    callback_secret = EncryptedTextField(_("callback secret"), blank=True, editable=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    last_used_at = models.DateTimeField(_("last used at"), null=True, blank=True, editable=False)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True, editable=False)

    objects = ApiClientQuerySet.as_manager()

    class Meta:
        db_table = "retention_apiclient"  # the table it had in retention
        ordering = ["organisation__name", "name"]
        verbose_name = _("API client")
        verbose_name_plural = _("API clients")

    def __str__(self):
        return f"{self.organisation} / {self.name}"

    # DRF puts the client in `request.user` as well as `request.auth`.
    is_authenticated = True
    is_anonymous = False

    def clean(self):
        super().clean()
        errors = {}
        scopes = self.scopes if isinstance(self.scopes, list) else None
        if not scopes or any(scope not in Scope.values for scope in scopes):
            errors["scopes"] = [_("Name one or more of: %(list)s.") % {"list": Scope.values}]
            scopes = []
        kind = self.organisation.kind if self.organisation_id else None
        case_system = kind == ReportingOrganisation.Kind.CASE_SYSTEM
        if Scope.SIGNALS_WRITE in scopes and case_system:
            errors["scopes"] = [_("Only a reporting party submits signals.")]
        if Scope.CASES_WRITE in scopes and not case_system:
            errors["scopes"] = [_("Only a case system of the municipality writes to cases.")]
        if (Scope.CASES_WRITE in scopes) != bool(self.case_domain):
            errors["case_domain"] = [_("A client with cases:write has a case domain, no other.")]
        if self.callback_url and not callback_url_allowed(self.callback_url):
            errors["callback_url"] = [
                _("Use an https address (http only to localhost, for testing).")
            ]
        if self.callback_url and Scope.SIGNALS_WRITE not in scopes:
            errors["callback_url"] = [_("Only a reporting party receives callbacks.")]
        if errors:
            raise ValidationError(errors)

    def has_scope(self, scope: str) -> bool:
        return scope in (self.scopes or [])

    def matches(self, token: str) -> bool:
        """Constant-time comparison of the hash of `token` with the stored hash."""
        return hmac.compare_digest(token_hash(token), self.token_hash)

    def new_callback_secret(self) -> str:
        """Sets a fresh signing secret for callbacks and returns it, to be shown once."""
        self.callback_secret = f"whsec_{secrets.token_urlsafe(32)}"
        return self.callback_secret

    def new_token(self) -> str:
        """Sets a fresh token and returns it: the only moment it exists in clear."""
        self.key_id = secrets.token_hex(8)
        token = f"{TOKEN_PREFIX}_{self.key_id}_{secrets.token_urlsafe(32)}"
        self.token_hash = token_hash(token)
        return token

    @property
    def is_revoked(self) -> bool:
        return self.revoked_at is not None


class IdempotencyQuerySet(models.QuerySet):
    def expired(self, *, now):
        return self.filter(created_at__lte=now - IDEMPOTENCY_TTL)


class IdempotencyRecord(models.Model):
    client = models.ForeignKey(
        ApiClient, on_delete=models.CASCADE, related_name="+", verbose_name=_("API client")
    )
    key = models.CharField(_("idempotency key"), max_length=255)
    request_hash = models.CharField(_("request hash"), max_length=64)
    created_at = models.DateTimeField(_("created at"))
    response_status = models.PositiveSmallIntegerField(_("response status"), null=True)
    response_body = models.JSONField(_("response body"), null=True)

    objects = IdempotencyQuerySet.as_manager()

    class Meta:
        db_table = "retention_idempotencyrecord"  # the table it had in retention
        verbose_name = _("idempotency record")
        verbose_name_plural = _("idempotency records")
        constraints = [
            # The guarantee behind "exactly one record": a second insert of the same key by
            # the same client waits for the first transaction and then fails.
            models.UniqueConstraint(fields=["client", "key"], name="idempotency_one_per_key"),
            models.CheckConstraint(
                condition=Q(response_status__isnull=True, response_body__isnull=True)
                | Q(response_status__isnull=False, response_body__isnull=False),
                name="idempotency_response_whole",
            ),
        ]

    def __str__(self):
        return f"{self.client_id}:{self.key}"
