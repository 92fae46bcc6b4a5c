"""Input and output of the intake API. Inputs refuse unknown fields (a typo never silently
drops data) and dates in the future; the BSN is checked by `retention.validators`, the one
place for it. Outputs carry the public id and status only: no personal data is echoed."""

import re
from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.validators import RegexValidator
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.extensions import OpenApiSerializerExtension
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from ..models import (
    ContactAttempt,
    DebtSignal,
    HelpAccepted,
    LegalHoldReason,
    RetentionStatus,
    SignalReport,
    YouthCase,
)
from ..validators import normalize_bsn, validate_bsn, validate_ijw_product_code, validate_no_bsn

# Arrears above this are not an early sign of debt but a data error (signals are for small,
# recent arrears: Wgs art. 8b; a year of rent in Heerlen is well under EUR 20,000).
MAX_ARREARS = Decimal("100000.00")
TEXT_MAX = 10_000
EARLIEST = date(1900, 1, 1)
FROM_CREDENTIAL = {"reporting_organisation", "reporting_party", "reporting_party_kind", "kind"}


def _not_in_future(value: date) -> None:
    if value > timezone.localdate():
        raise serializers.ValidationError(_("This date is in the future."), code="future")
    if value < EARLIEST:
        raise serializers.ValidationError(_("This date is too far in the past."), code="past")


def _bsn(value: str) -> str:
    value = normalize_bsn(value)
    try:
        validate_bsn(value)
    except DjangoValidationError as exc:
        raise serializers.ValidationError(exc.messages, code="invalid_bsn") from None
    return value


class ChoiceField(serializers.ChoiceField):
    """DRF's choice field, whose message does not echo the value: a name or a BSN sent in the
    wrong field or CSV column must not come back in an answer, nor be kept with a batch's
    outcome (`SignalBatchItem.errors`) for days."""

    default_error_messages = {
        "invalid_choice": _("This is not a valid choice."),
    }


class PastDateField(serializers.DateField):
    default_validators = [_not_in_future]


class BsnField(serializers.CharField):
    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 20)
        kwargs.setdefault("required", False)
        kwargs.setdefault("allow_blank", True)
        kwargs.setdefault(
            "help_text",
            _("Citizen service number (BSN): 9 digits passing the eleven-test. Stored encrypted."),
        )
        super().__init__(**kwargs)

    def to_internal_value(self, data):
        value = super().to_internal_value(data)
        return _bsn(value) if value else ""


# A required text needs a visible character: in the schema as a pattern, so that clients (and
# schemathesis) know a blank or all-space value is refused (the field trims spaces first).
NOT_BLANK = RegexValidator(r"\S")


def _text(help_text, *, required=False, max_length=TEXT_MAX):
    return serializers.CharField(
        required=required,
        allow_blank=not required,
        max_length=max_length,
        help_text=help_text,
        validators=[NOT_BLANK] if required else [],
    )


# drf-spectacular's pattern for a decimal also matches "", "-" and 0; this one is what the
# field accepts: 0.01 up to MAX_ARREARS, at most two decimals.
@extend_schema_field(
    {
        "type": "string",
        "format": "decimal",
        "pattern": r"^(?!0*(?:\.0*)?$)(?:\d{1,5}(?:\.\d{1,2})?|100000(?:\.0{1,2})?)$",
    }
)
class ArrearsAmountField(serializers.DecimalField):
    pass


FIELD_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]{0,39}\Z")


class StrictSerializer(serializers.Serializer):
    """Refuses fields it does not know, each with its own message."""

    def to_internal_value(self, data):
        errors: dict = {}
        if isinstance(data, dict):
            for name in set(data) - set(self.fields):
                if not FIELD_NAME.match(str(name)):
                    # Not echoed: a key that is a resident's name or BSN (a file turned
                    # inside out) must not come back, nor be kept with a batch's outcome.
                    errors["non_field_errors"] = [_("A field name is not one of this API's.")]
                    continue
                errors[name] = [
                    _("The reporting party comes from the credential, not the request.")
                    if name in FROM_CREDENTIAL
                    else _("Unknown field.")
                ]
        try:
            value = super().to_internal_value(data)
        except serializers.ValidationError as exc:
            raise serializers.ValidationError({**errors, **exc.detail}) from None
        if errors:
            raise serializers.ValidationError(errors)
        return value


class StrictSerializerSchema(OpenApiSerializerExtension):
    """In the schema, a strict serializer's object allows no other properties."""

    target_class = StrictSerializer
    match_subclasses = True

    def map_serializer(self, auto_schema, direction):
        # drf-spectacular's documented way for an extension to reuse its mapping.
        schema = auto_schema._map_basic_serializer(self.target, direction)  # noqa: SLF001
        schema["additionalProperties"] = False
        return schema


class DebtSignalCreateSerializer(StrictSerializer):
    signal_date = PastDateField(
        required=False,
        help_text=_("The day the reporting party sent the signal; today if left out."),
    )
    name = _text(_("Full name of the resident."), required=True, max_length=200)
    address = _text(_("Address of the resident."), max_length=300)
    date_of_birth = PastDateField(required=False, help_text=_("Date of birth of the resident."))
    gender = ChoiceField(
        choices=DebtSignal.Gender.choices, required=False, help_text=_("Gender, if known.")
    )
    bsn = BsnField()
    phone = _text(_("Phone number of the resident."), max_length=30)
    administration_number = _text(
        _("The resident's customer or contract number at the reporting party."), max_length=100
    )
    arrears_type = ChoiceField(
        choices=DebtSignal.ArrearsType.choices,
        required=False,
        help_text=_("What the arrears are for; follows from the reporting party if left out."),
    )
    arrears_amount = ArrearsAmountField(
        max_digits=10,
        decimal_places=2,
        min_value=Decimal("0.01"),
        max_value=MAX_ARREARS,
        help_text=_("Amount in arrears in euros, at most 100,000.00."),
    )
    arrears_since = PastDateField(help_text=_("The first day of the arrears."))

    # Which arrears a reporting party may signal, and the signal date's default, are the
    # service's rules (`cases.services.debt_signal_register`).


class YouthCaseCreateSerializer(StrictSerializer):
    external_reference = serializers.CharField(
        max_length=100,
        help_text=_(
            "The case system's own number; never a BSN or a name: nine digits in a row are "
            "refused. Stored encrypted."
        ),
        validators=[NOT_BLANK, validate_no_bsn],
    )
    request_received_on = PastDateField(help_text=_("The day the request was received."))
    youth_name = _text(_("Name of the young person."), required=True, max_length=200)
    youth_date_of_birth = PastDateField(
        required=False, help_text=_("Date of birth of the young person.")
    )
    bsn = BsnField()
    referrer = ChoiceField(
        choices=YouthCase.Referrer.choices, required=False, help_text=_("Who referred.")
    )
    product_code = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=20,
        help_text=_(
            "iJW product code of the assistance: five letters or digits starting with an iJW "
            "product category (for example 45A01)."
        ),
        validators=[validate_ijw_product_code],
    )
    representatives = _text(_("Custodial parents or representatives."))
    contact_details = _text(_("Contact details."))
    social_network = _text(_("Social network."))
    living_situation = _text(_("Living situation."))
    family_composition = _text(_("Family composition."))
    safety_risks = _text(_("Safety (risk) data."))
    development_notes = _text(_("Development and upbringing."))
    counselling_history = _text(_("Counselling history."))
    involved_professionals = _text(_("Involved professionals."))
    health_data = _text(_("Health or diagnostic data, only where needed (GDPR art. 9)."))
    assistance_requested = _text(_("Assistance requested."))


class ContactAttemptSerializer(StrictSerializer):
    attempted_on = PastDateField(help_text=_("The day of the attempt."))
    channel = ChoiceField(choices=ContactAttempt.Channel.choices)
    result = ChoiceField(choices=ContactAttempt.Result.choices)
    note = _text(_("A short note; no special-category data."), max_length=2000)


class OfferSerializer(StrictSerializer):
    offer = ChoiceField(
        choices=DebtSignal.Offer.choices, help_text=_("The offer of help and its answer.")
    )
    debt_relief_programme = _text(_("The debt-relief programme entered, if any."), max_length=200)


class DebtClosureSerializer(StrictSerializer):
    outcome = ChoiceField(choices=DebtSignal.Outcome.choices)
    closed_on = PastDateField(help_text=_("The day the case was closed."))


class YouthClosureSerializer(StrictSerializer):
    outcome = ChoiceField(choices=YouthCase.Outcome.choices)
    closed_on = PastDateField(help_text=_("The day the case was closed."))
    end_reason = _text(_("Why the assistance ended."), max_length=2000)


class DecisionSerializer(StrictSerializer):
    decision = ChoiceField(choices=YouthCase.Decision.choices)
    decision_on = PastDateField(help_text=_("The date of the decision (besluit)."))


class ObjectionSerializer(StrictSerializer):
    received_on = PastDateField(help_text=_("The day the objection (bezwaar) was received."))
    text = _text(_("The grounds of the objection, in short."), required=True)


class LegalHoldSerializer(StrictSerializer):
    reason = ChoiceField(choices=LegalHoldReason.choices)
    since = PastDateField(help_text=_("The day the hold started."))


# Named in the schema (SPECTACULAR_SETTINGS["ENUM_NAME_OVERRIDES"]): a batch has a "status" too.
CASE_STATUS_CHOICES = [("open", "open"), ("closed", "closed")]


class CaseStatusSerializer(serializers.Serializer):
    """What every intake answer says about a case: no personal data."""

    public_id = serializers.UUIDField(help_text=_("Use this id in later calls about the case."))
    status = serializers.ChoiceField(choices=CASE_STATUS_CHOICES)
    retention_status = serializers.ChoiceField(choices=RetentionStatus.choices)
    destruction_date = serializers.DateField(
        source="archiefactiedatum",
        allow_null=True,
        help_text=_(
            "The first day the record may be destroyed; empty while retention has not started "
            "(an open case; a signal with accepted help) or no published rule applies."
        ),
    )
    legal_hold = serializers.BooleanField(help_text=_("Whether a legal hold keeps the record."))

    def to_representation(self, instance):
        return {
            "public_id": str(instance.public_id),
            "status": "closed" if instance.is_closed else "open",
            "retention_status": instance.retention_status,
            "destruction_date": (
                instance.archiefactiedatum.isoformat() if instance.archiefactiedatum else None
            ),
            "legal_hold": bool(instance.legal_hold_reason),
        }


class DebtSignalStatusSerializer(CaseStatusSerializer):
    """The status of an early sign of debt as its reporting party reads it: the case's status,
    and whether the resident accepted help (the debt statement: "We tell them whether you are
    okay with us helping you"). Nothing else about the resident. A signal that joined an open
    case answers with its own public id and the case's status."""

    help_accepted = serializers.ChoiceField(
        choices=HelpAccepted.choices,
        help_text=_("Whether the resident accepted help: yes, no, or not decided yet (undecided)."),
    )

    def to_representation(self, instance):
        case = instance.debt_signal if isinstance(instance, SignalReport) else instance
        body = super().to_representation(case)
        body["public_id"] = str(instance.public_id)
        body["help_accepted"] = case.help_accepted
        return body


def status_serializer_for(result):
    """The answer's serializer: a debt case (or a joined signal) says whether help was
    accepted; a youth case does not have that field."""
    if isinstance(result, (DebtSignal, SignalReport)):
        return DebtSignalStatusSerializer
    return CaseStatusSerializer
