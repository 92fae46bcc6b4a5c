from django.urls import reverse
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from .models import LegalBasis, Recipient, RetentionRule, Section, Statement, StatementVersion
from .periods import describe_period


class SectionSerializer(serializers.ModelSerializer):
    heading = serializers.CharField()
    body = serializers.CharField()

    class Meta:
        model = Section
        fields = ["kind", "heading", "body"]


class RecipientSerializer(serializers.ModelSerializer):
    name = serializers.CharField()
    description = serializers.CharField()

    class Meta:
        model = Recipient
        fields = ["role", "name", "description"]


class LegalBasisSerializer(serializers.ModelSerializer):
    law = serializers.CharField()
    article = serializers.CharField()

    class Meta:
        model = LegalBasis
        fields = ["law", "article"]


class RetentionRuleSerializer(serializers.ModelSerializer):
    condition = serializers.CharField()
    legal_basis = serializers.CharField()
    period_text = serializers.SerializerMethodField()

    class Meta:
        model = RetentionRule
        fields = ["code", "condition", "period", "period_text", "clock_start", "legal_basis"]

    def get_period_text(self, rule) -> str:
        return describe_period(rule.period)


class _Links:
    def _absolute(self, name, **kwargs):
        return self.context["request"].build_absolute_uri(reverse(name, kwargs=kwargs))


class VersionSerializer(_Links, serializers.ModelSerializer):
    slug = serializers.CharField(source="statement.slug")
    version = serializers.IntegerField(source="number")
    title = serializers.CharField()
    intro = serializers.CharField()
    contact = serializers.CharField()
    change_summary = serializers.CharField()
    url = serializers.SerializerMethodField()
    pdf_url = serializers.SerializerMethodField()
    sections = SectionSerializer(many=True)
    recipients = RecipientSerializer(many=True)
    legal_bases = LegalBasisSerializer(many=True)
    retention_rules = RetentionRuleSerializer(many=True)

    class Meta:
        model = StatementVersion
        fields = [
            "slug",
            "version",
            "title",
            "effective_date",
            "published_at",
            "change_summary",
            "url",
            "pdf_url",
            "intro",
            "contact",
            "sections",
            "recipients",
            "legal_bases",
            "retention_rules",
        ]

    def get_url(self, version) -> str:
        return self._absolute(
            "statements:version", slug=version.statement.slug, number=version.number
        )

    def get_pdf_url(self, version) -> str:
        return self._absolute("statements:pdf", slug=version.statement.slug, number=version.number)


class StatementListSerializer(_Links, serializers.ModelSerializer):
    """A statement with its current version."""

    title = serializers.SerializerMethodField()
    version = serializers.SerializerMethodField()
    effective_date = serializers.SerializerMethodField()
    url = serializers.SerializerMethodField()
    pdf_url = serializers.SerializerMethodField()
    versions_url = serializers.SerializerMethodField()

    class Meta:
        model = Statement
        fields = ["slug", "title", "version", "effective_date", "url", "pdf_url", "versions_url"]

    def _current(self, statement):
        return statement.current

    def get_title(self, statement) -> str:
        return self._current(statement).title

    def get_version(self, statement) -> int:
        return self._current(statement).number

    @extend_schema_field(serializers.DateField())
    def get_effective_date(self, statement):
        return self._current(statement).effective_date

    def get_url(self, statement) -> str:
        return self._absolute("statements:detail", slug=statement.slug)

    def get_pdf_url(self, statement) -> str:
        return self._absolute(
            "statements:pdf", slug=statement.slug, number=self._current(statement).number
        )

    def get_versions_url(self, statement) -> str:
        return self._absolute("statements-api:versions", slug=statement.slug)
