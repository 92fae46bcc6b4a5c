"""The intake API's views: authenticate, check the scope, throttle, parse strictly, find the
case within what the client may see (else 404), validate, and call one service. Every POST is
idempotent by its `Idempotency-Key` header."""

import re
import uuid

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_view,
)
from rest_framework import serializers, status
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.response import Response
from rest_framework.views import APIView

from retention.purge.erasure import erased_on

from .. import services
from ..models import DebtSignal, Scope, SignalReport, YouthCase
from .authentication import ApiTokenAuthentication
from .callbacks_schema import HELP_ACCEPTED_CALLBACK
from .parsers import StrictJSONParser
from .permissions import HasCasesWrite, HasSignalsWrite, HasYouthCasesWrite
from .serializers import (
    CaseStatusSerializer,
    ContactAttemptSerializer,
    DebtClosureSerializer,
    DebtSignalCreateSerializer,
    DebtSignalStatusSerializer,
    DecisionSerializer,
    LegalHoldSerializer,
    ObjectionSerializer,
    OfferSerializer,
    StrictSerializer,
    YouthCaseCreateSerializer,
    YouthClosureSerializer,
    status_serializer_for,
)
from .throttling import ClientRateThrottle

IDEMPOTENCY_HEADER = "Idempotency-Key"
KEY_PATTERN = re.compile(r"^[\x21-\x7e]{1,255}$")  # visible ASCII, as in the IETF draft

IDEMPOTENCY_PARAMETER = OpenApiParameter(
    IDEMPOTENCY_HEADER,
    OpenApiTypes.STR,
    location=OpenApiParameter.HEADER,
    required=True,
    pattern=KEY_PATTERN.pattern,
    description=(
        "A unique key per operation (e.g. a UUID), at most 255 visible ASCII characters. A retry "
        "with the same key and body within 24 hours gets the first answer and changes nothing; "
        "the same key with another body is refused with 422."
    ),
)
# Every answer an operation can give is documented (schemathesis checks it: tests/
# test_api_schemathesis.py).
READ_ERRORS = {
    401: OpenApiResponse(description="Missing, unknown or revoked token."),
    403: OpenApiResponse(description="The token lacks the scope for this operation."),
    404: OpenApiResponse(description="No such case, or not one this client may see."),
    429: OpenApiResponse(description="Too many requests for this client."),
}
ERRORS = {
    400: OpenApiResponse(description="Invalid input: a message per field."),
    **READ_ERRORS,
    409: OpenApiResponse(
        description=(
            "A request with this Idempotency-Key is in progress, or the case is locked or was "
            "destroyed by the retention run meanwhile (nothing changed)."
        )
    ),
    413: OpenApiResponse(description="The request body is too large."),
    422: OpenApiResponse(description="The Idempotency-Key was used with another request."),
}


class NoFieldsSerializer(StrictSerializer):
    """An empty body."""


class IntakeView(APIView):
    authentication_classes = [ApiTokenAuthentication]
    throttle_classes = [ClientRateThrottle]
    parser_classes = [StrictJSONParser]
    model: type | None = None

    def get_case(self):
        """The case named in the URL, if this client may see it; 404 otherwise, whether it
        does not exist or belongs to another organisation or domain."""
        try:
            public_id = uuid.UUID(str(self.kwargs["public_id"]))
        except ValueError:
            raise NotFound from None
        case = cases_for(self.request.auth, self.model).filter(public_id=public_id).first()
        if case is None:
            raise NotFound
        return case


def cases_for(client, model):
    """The cases of `model` a client may see: a reporting party its own signals, a case
    system every case of its domain."""
    if client.has_scope(Scope.CASES_WRITE) and client.case_domain == model.record_type:
        return model.objects.all()
    if model is DebtSignal and client.has_scope(Scope.SIGNALS_WRITE):
        return model.objects.filter(reporting_organisation=client.organisation)
    return model.objects.none()


def signal_for(client, public_id):
    """What a client reads by a debt signal's public id: the case for the debt team's case
    system; for a reporting party its own signal only, the first of a case or one that joined
    it (`SignalReport`), never another party's."""
    if client.has_scope(Scope.CASES_WRITE):
        return cases_for(client, DebtSignal).filter(public_id=public_id).first()
    if not client.has_scope(Scope.SIGNALS_WRITE):
        return None
    own = DebtSignal.objects.filter(public_id=public_id, reporting_organisation=client.organisation)
    return (
        own.first()
        or SignalReport.objects.select_related("debt_signal")
        .filter(public_id=public_id, reporting_organisation=client.organisation)
        .first()
    )


class IdempotentPost(IntakeView):
    serializer_class: type[serializers.Serializer] = NoFieldsSerializer
    success_status = status.HTTP_200_OK
    needs_case = True

    def perform(self, *, client, case, data, now):
        """Calls the service; returns the case whose status is answered."""
        raise NotImplementedError

    def validated(self, request, client):
        serializer = self.serializer_class(data=request.data, context={"client": client})
        serializer.is_valid(raise_exception=True)
        return serializer.validated_data

    def answer(self, result) -> dict:
        return status_serializer_for(result)(result).data

    def post(self, request, *args, **kwargs):
        client = request.auth
        key = request.headers.get(IDEMPOTENCY_HEADER, "")
        if not KEY_PATTERN.match(key):
            raise ValidationError(
                {
                    "idempotency_key": [
                        _("Send an Idempotency-Key header of 1 to 255 visible ASCII characters.")
                    ]
                }
            )
        now = timezone.now()
        fingerprint = services.request_fingerprint(
            method=request.method, path=request.path, data=request.data
        )
        earlier = services.idempotency_lookup(client=client, key=key, now=now)
        if earlier is not None:
            return _replay(earlier, fingerprint)
        case = self.get_case() if self.needs_case else None
        data = self.validated(request, client)
        try:
            with transaction.atomic():
                record = services.idempotency_claim(
                    client=client, key=key, request_hash=fingerprint, now=now
                )
                try:
                    result = self.perform(client=client, case=case, data=data, now=now)
                except DjangoValidationError as exc:
                    raise ValidationError(_drf_detail(exc)) from None
                body = self.answer(result)
                services.idempotency_complete(record=record, status=self.success_status, body=body)
        except services.CaseConflict as exc:
            # Rolled back whole, the key's claim too: a retry with the same key is answered.
            return Response({"detail": exc.message}, status=status.HTTP_409_CONFLICT)
        except IntegrityError:
            # Another request with this key won the race; its transaction has ended.
            earlier = services.idempotency_lookup(client=client, key=key, now=now)
            if earlier is None:
                raise
            return _replay(earlier, fingerprint)
        return Response(body, status=self.success_status)


def _replay(record, fingerprint):
    if record.request_hash != fingerprint:
        return Response(
            {"idempotency_key": [_("This Idempotency-Key was already used for another request.")]},
            status=status.HTTP_422_UNPROCESSABLE_ENTITY,
        )
    if record.response_status is None:
        return Response(
            {"idempotency_key": [_("A request with this Idempotency-Key is in progress.")]},
            status=status.HTTP_409_CONFLICT,
        )
    return Response(
        record.response_body,
        status=record.response_status,
        headers={"Idempotent-Replayed": "true"},
    )


def _drf_detail(exc: DjangoValidationError):
    if hasattr(exc, "error_dict"):
        return exc.message_dict
    return {"non_field_errors": exc.messages}


def _post_schema(serializer, summary, code=200, answer=CaseStatusSerializer, **extra):
    return extend_schema(
        summary=summary,
        request=serializer,
        parameters=[IDEMPOTENCY_PARAMETER],
        responses={code: answer, **ERRORS},
        **extra,
    )


def _debt_schema(serializer, summary, code=200, **extra):
    return _post_schema(serializer, summary, code, answer=DebtSignalStatusSerializer, **extra)


@extend_schema(tags=["intake: early signs of debt"])
@extend_schema_view(
    post=_debt_schema(
        DebtSignalCreateSerializer,
        "Submit an early sign of debt",
        201,
        description=(
            "A signal for a resident (by BSN) whose debt case is still open joins that case: "
            "the answer carries the public id of this signal, which its reporting party reads "
            "the status of. When whether the resident accepted help changes, the portal POSTs "
            "it to the client's callback URL (see the callback `helpAccepted`)."
        ),
        callbacks=[HELP_ACCEPTED_CALLBACK],
    )
)
class DebtSignalCreate(IdempotentPost):
    """A reporting party (landlord, health insurer, energy or water company) submits an early
    sign of debt. The reporting party is the token's organisation."""

    permission_classes = [HasSignalsWrite]
    serializer_class = DebtSignalCreateSerializer
    success_status = status.HTTP_201_CREATED
    needs_case = False

    def perform(self, *, client, case, data, now):
        return services.debt_signal_register(client=client, data=data, now=now)


@extend_schema(tags=["intake: early signs of debt"])
class DebtSignalStatus(IntakeView):
    """The status of a signal: its own reporting party, or the debt team's case system."""

    permission_classes = [HasSignalsWrite | HasCasesWrite]
    model = DebtSignal

    @extend_schema(
        summary="Status of an early sign of debt",
        responses={
            200: DebtSignalStatusSerializer,
            **READ_ERRORS,
            410: OpenApiResponse(
                description="The signal was erased at the resident's request, on `erased_on`."
            ),
        },
    )
    def get(self, request, public_id):
        try:
            public_id = uuid.UUID(str(public_id))
        except ValueError:
            raise NotFound from None
        signal = signal_for(request.auth, public_id)
        if signal is None:
            # Erased at the resident's request (GDPR art. 17): the reporting party learns
            # that, and when, from the destruction log; nothing else is left to tell.
            erased = erased_on(record_type=DebtSignal.record_type, public_id=public_id)
            if erased is None:
                raise NotFound
            return Response(
                {"status": "erased", "erased_on": erased.isoformat()}, status=status.HTTP_410_GONE
            )
        return Response(DebtSignalStatusSerializer(signal).data)


class DebtCaseEvent(IdempotentPost):
    permission_classes = [HasCasesWrite]
    model = DebtSignal


@extend_schema(tags=["intake: early signs of debt"])
@extend_schema_view(
    post=_debt_schema(ContactAttemptSerializer, "Record an attempt to reach the resident", 201)
)
class ContactAttemptCreate(DebtCaseEvent):
    serializer_class = ContactAttemptSerializer
    success_status = status.HTTP_201_CREATED

    def perform(self, *, client, case, data, now):
        services.contact_attempt_record(client=client, signal=case, data=dict(data), now=now)
        return case


@extend_schema(tags=["intake: early signs of debt"])
@extend_schema_view(post=_debt_schema(OfferSerializer, "Record the offer of help and its outcome"))
class DebtOfferOutcome(DebtCaseEvent):
    """The outcome of the offer of help, before closing."""

    serializer_class = OfferSerializer

    def perform(self, *, client, case, data, now):
        return services.debt_signal_record_offer(
            client=client,
            signal=case,
            offer=data["offer"],
            debt_relief_programme=data.get("debt_relief_programme", ""),
            now=now,
        )


@extend_schema(tags=["intake: early signs of debt"])
@extend_schema_view(
    post=_debt_schema(DebtClosureSerializer, "Close an early sign of debt with its outcome")
)
class DebtClosure(DebtCaseEvent):
    serializer_class = DebtClosureSerializer

    def perform(self, *, client, case, data, now):
        return services.case_close(client=client, case=case, now=now, **data)


@extend_schema_view(
    post=_post_schema(LegalHoldSerializer, "Place a legal hold: the record is kept while it lasts")
)
class LegalHoldPlace(IdempotentPost):
    permission_classes = [HasCasesWrite]
    serializer_class = LegalHoldSerializer

    def perform(self, *, client, case, data, now):
        return services.case_place_legal_hold(client=client, case=case, now=now, **data)


@extend_schema_view(post=_post_schema(NoFieldsSerializer, "Lift the legal hold"))
class LegalHoldLift(IdempotentPost):
    permission_classes = [HasCasesWrite]

    def perform(self, *, client, case, data, now):
        return services.case_lift_legal_hold(client=client, case=case, now=now)


@extend_schema(tags=["intake: youth assistance"])
@extend_schema_view(
    post=_post_schema(YouthCaseCreateSerializer, "Register a youth assistance case", 201)
)
class YouthCaseCreate(IdempotentPost):
    """The youth case system registers a request for youth assistance."""

    permission_classes = [HasYouthCasesWrite]
    serializer_class = YouthCaseCreateSerializer
    success_status = status.HTTP_201_CREATED
    needs_case = False

    def perform(self, *, client, case, data, now):
        return services.youth_case_register(client=client, data=data, now=now)


@extend_schema(tags=["intake: youth assistance"])
class YouthCaseStatus(IntakeView):
    permission_classes = [HasCasesWrite]
    model = YouthCase

    @extend_schema(
        summary="Status of a youth assistance case",
        responses={200: CaseStatusSerializer, **READ_ERRORS},
    )
    def get(self, request, public_id):
        return Response(CaseStatusSerializer(self.get_case()).data)


class YouthCaseEvent(IdempotentPost):
    permission_classes = [HasCasesWrite]
    model = YouthCase


@extend_schema(tags=["intake: youth assistance"])
@extend_schema_view(post=_post_schema(DecisionSerializer, "Record the decision (besluit)"))
class YouthDecision(YouthCaseEvent):
    serializer_class = DecisionSerializer

    def perform(self, *, client, case, data, now):
        return services.youth_case_decide(client=client, case=case, now=now, **data)


@extend_schema(tags=["intake: youth assistance"])
@extend_schema_view(
    post=_post_schema(ObjectionSerializer, "Record an objection (bezwaar); places a legal hold")
)
class YouthObjection(YouthCaseEvent):
    """An objection (bezwaar) against the decision; the case is put on legal hold."""

    serializer_class = ObjectionSerializer

    def perform(self, *, client, case, data, now):
        return services.youth_case_record_objection(client=client, case=case, now=now, **data)


@extend_schema(tags=["intake: youth assistance"])
@extend_schema_view(
    post=_post_schema(YouthClosureSerializer, "Close a youth assistance case with its outcome")
)
class YouthClosure(YouthCaseEvent):
    serializer_class = YouthClosureSerializer

    def perform(self, *, client, case, data, now):
        return services.case_close(client=client, case=case, now=now, **data)
