"""The callback a reporting party receives, as documented in the OpenAPI schema: when whether
the resident accepted help changes, the portal POSTs it to the callback URL registered for the
API client (`manage.py create_api_client --callback-url`, or the admin). The signing is done
in `cases.callbacks`; README "Callbacks to reporting parties" shows how to verify it."""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiCallback, OpenApiResponse, extend_schema
from rest_framework import serializers

from ..callbacks import DELIVERY_HEADER, SIGNATURE_HEADER, TIMESTAMP_HEADER
from ..models import HelpAccepted


class HelpAcceptedCallbackSerializer(serializers.Serializer):
    """The whole body: the party's own public signal id and the field. Nothing else."""

    signal_id = serializers.UUIDField(
        help_text=_("The public id of your own signal, as the intake API answered it.")
    )
    help_accepted = serializers.ChoiceField(
        choices=HelpAccepted.choices,
        help_text=_("Whether the resident accepted help: yes, no, or not decided yet."),
    )


SIGNATURE_DESCRIPTION = (
    "`sha256=` followed by the lowercase hex HMAC-SHA256, keyed with the client's callback "
    "secret (shown once when the callback URL was registered), of the ASCII value of "
    f"`{TIMESTAMP_HEADER}`, a full stop `.`, and the raw request body bytes. Compare in "
    "constant time, and refuse a timestamp more than 5 minutes from your clock."
)

HELP_ACCEPTED_CALLBACK = OpenApiCallback(
    name="helpAccepted",
    path="{$request.header.X-Registered-Callback-Url}",
    decorator=extend_schema(
        summary="Whether the resident accepted help changed",
        description=(
            "POSTed to the callback URL registered for your API client (not a header you "
            "send: the expression names it) when the answer changes; at most once per signal "
            "and value. Answer 2xx within 10 seconds; any other answer (or none) is retried "
            "with exponential back-off (30 s doubling, at most 1 hour between tries, 12 tries). "
            f"The same delivery keeps its `{DELIVERY_HEADER}` on every retry."
        ),
        request=HelpAcceptedCallbackSerializer,
        responses={
            200: OpenApiResponse(description="Received (any 2xx)."),
            500: OpenApiResponse(description="Any other answer: retried later."),
        },
    ),
)


# drf-spectacular leaves a callback's parameters out; the headers are what a receiver checks,
# so a postprocessing hook (SPECTACULAR_SETTINGS["POSTPROCESSING_HOOKS"]) adds them.
CALLBACK_HEADERS = [
    {
        "name": TIMESTAMP_HEADER,
        "in": "header",
        "required": True,
        "schema": {"type": "string", "pattern": r"^[0-9]+$"},
        "description": "Unix time (seconds) of this attempt; part of the signature.",
    },
    {
        "name": SIGNATURE_HEADER,
        "in": "header",
        "required": True,
        "schema": {"type": "string", "pattern": r"^sha256=[0-9a-f]{64}$"},
        "description": SIGNATURE_DESCRIPTION,
    },
    {
        "name": DELIVERY_HEADER,
        "in": "header",
        "required": True,
        "schema": {"type": "string", "format": "uuid"},
        "description": "The id of this delivery: the same on every retry.",
    },
]


def add_callback_headers(result, generator, request, public):
    """Postprocessing hook: the signed headers on every operation of the helpAccepted
    callback."""
    for path_item in result.get("paths", {}).values():
        for operation in path_item.values():
            callback = operation.get("callbacks", {}).get(HELP_ACCEPTED_CALLBACK.name, {})
            for expression in callback.values():
                for callback_operation in expression.values():
                    callback_operation["parameters"] = CALLBACK_HEADERS
    return result
