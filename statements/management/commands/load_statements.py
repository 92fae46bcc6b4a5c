"""Loads the privacy statements' first published version. Re-running it changes nothing."""

from django.core.management.base import BaseCommand
from django.db import transaction

from statements.models import LegalBasis, Recipient, RetentionRule, Section, Statement
from statements.seed import CHANGE_SUMMARY, EFFECTIVE_DATE, STATEMENTS
from statements.services import version_publish


def _both(field, texts):
    return {f"{field}_nl": texts["nl"], f"{field}_en": texts["en"]}


class Command(BaseCommand):
    help = "Load the municipality's privacy statements (version 1) if they are not there yet."

    @transaction.atomic
    def handle(self, *args, **options):
        loaded = 0
        for order, content in enumerate(STATEMENTS, start=1):
            statement, _ = Statement.objects.get_or_create(
                slug=content["slug"], defaults={"order": order}
            )
            if statement.versions.exists():
                continue  # staff own it from here; never overwrite their versions
            version = statement.versions.create(
                effective_date=EFFECTIVE_DATE,
                **_both("title", content["title"]),
                **_both("intro", content["intro"]),
                **_both("contact", content["contact"]),
                **_both("change_summary", CHANGE_SUMMARY),
            )
            for i, section in enumerate(content["sections"]):
                Section.objects.create(
                    version=version,
                    order=i,
                    kind=section["kind"],
                    **_both("heading", section["heading"]),
                    **_both("body", section["body"]),
                )
            for i, row in enumerate(content["recipients"]):
                Recipient.objects.create(
                    version=version,
                    order=i,
                    role=row["role"],
                    **_both("name", row["name"]),
                    **_both("description", row["description"]),
                )
            for i, row in enumerate(content["legal_bases"]):
                LegalBasis.objects.create(
                    version=version,
                    order=i,
                    **_both("law", row["law"]),
                    **_both("article", row["article"]),
                )
            for i, row in enumerate(content["retention_rules"]):
                RetentionRule.objects.create(
                    version=version,
                    order=i,
                    code=row["code"],
                    period=row["period"],
                    clock_start=row["clock_start"],
                    **_both("condition", row["condition"]),
                    **_both("legal_basis", row["legal_basis"]),
                )
            version_publish(version=version, user=None)
            loaded += 1
        self.stdout.write(
            f"Loaded {loaded} statement(s); {len(STATEMENTS) - loaded} already there."
        )
