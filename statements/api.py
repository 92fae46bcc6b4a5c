"""Public read API: the published statements as JSON, for anyone, without sign-in."""

from django.shortcuts import get_object_or_404
from django.utils import translation
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import generics
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.permissions import AllowAny

from .cache import mark_cacheable
from .models import VERSION_PARTS, Statement, StatementVersion
from .serializers import StatementListSerializer, VersionSerializer

LANG_PARAMETER = OpenApiParameter(
    "lang",
    OpenApiTypes.STR,
    enum=["nl", "en"],
    description="Language of the texts: nl (default) or en.",
)
SLUG_PARAMETER = OpenApiParameter(
    "slug",
    OpenApiTypes.STR,
    location=OpenApiParameter.PATH,
    pattern=r"^[-a-zA-Z0-9_]+$",
    description="The statement's slug, as in its URL.",
)
# Every answer is documented (schemathesis checks it: tests/test_api_schemathesis.py).
BAD_LANG = OpenApiResponse(description="An unknown lang: a message says which are known.")
NOT_FOUND = OpenApiResponse(description="No such statement, or no published version.")


class PublicReadView(generics.GenericAPIView):
    """Read by anyone; its answers are cached whole like the pages (statements.cache) and
    invalidated exactly when a publish changes them."""

    permission_classes = [AllowAny]
    authentication_classes = []

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        return mark_cacheable(response)

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        lang = request.query_params.get("lang", "nl")
        if lang not in ("nl", "en"):
            raise ValidationError({"lang": ["Use nl or en."]})
        translation.activate(lang)


@extend_schema(
    parameters=[LANG_PARAMETER],
    responses={200: StatementListSerializer(many=True), 400: BAD_LANG},
)
class StatementList(PublicReadView, generics.ListAPIView):
    """Every statement with its current version."""

    serializer_class = StatementListSerializer
    pagination_class = None

    def get_queryset(self):
        statements = []
        for statement in Statement.objects.all():
            statement.current = statement.current_version()
            if statement.current is not None:
                statements.append(statement)
        return statements


@extend_schema(
    parameters=[LANG_PARAMETER, SLUG_PARAMETER],
    responses={200: VersionSerializer, 400: BAD_LANG, 404: NOT_FOUND},
)
class CurrentVersion(PublicReadView, generics.RetrieveAPIView):
    """The version of a statement that is in force today, with its sections."""

    serializer_class = VersionSerializer

    def get_object(self):
        statement = get_object_or_404(Statement, slug=self.kwargs["slug"])
        version = statement.current_version()
        if version is None:
            raise NotFound("This statement has no published version yet.")
        return version


@extend_schema(
    parameters=[LANG_PARAMETER, SLUG_PARAMETER],
    responses={200: VersionSerializer(many=True), 400: BAD_LANG, 404: NOT_FOUND},
)
class VersionList(PublicReadView, generics.ListAPIView):
    """Every published version of a statement, newest first."""

    serializer_class = VersionSerializer
    pagination_class = None

    def get_queryset(self):
        statement = get_object_or_404(Statement, slug=self.kwargs["slug"])
        return (
            statement.versions.published()
            .select_related("statement")
            .prefetch_related(*VERSION_PARTS)
            .order_by("-number")
        )


@extend_schema(
    parameters=[LANG_PARAMETER, SLUG_PARAMETER],
    responses={200: VersionSerializer, 400: BAD_LANG, 404: NOT_FOUND},
)
class VersionDetail(PublicReadView, generics.RetrieveAPIView):
    """One published version of a statement."""

    serializer_class = VersionSerializer

    def get_object(self):
        return get_object_or_404(
            StatementVersion.objects.published().select_related("statement"),
            statement__slug=self.kwargs["slug"],
            number=self.kwargs["number"],
        )
