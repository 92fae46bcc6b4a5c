"""Loads the privacy statements' first published version. Re-running it changes nothing."""

from django.core.management.base import BaseCommand
from django.db import transaction

from statements.models import VERSION_PARTS, Statement
from statements.seed import CHANGE_SUMMARY, EFFECTIVE_DATE, STATEMENTS
from statements.services import version_publish

# Per version part: the seed's fields copied as they are, and those given in both languages
# (stored as `<field>_nl` and `<field>_en`).
PART_FIELDS = {
    "sections": (("kind",), ("heading", "body")),
    "recipients": (("role",), ("name", "description")),
    "legal_bases": ((), ("law", "article")),
    "retention_rules": (("code", "period", "clock_start"), ("condition", "legal_basis")),
}


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
            for part in VERSION_PARTS:
                plain, bilingual = PART_FIELDS[part]
                for i, row in enumerate(content[part]):
                    fields = {name: row[name] for name in plain}
                    for name in bilingual:
                        fields.update(_both(name, row[name]))
                    getattr(version, part).create(order=i, **fields)
            version_publish(version=version, user=None)
            loaded += 1
        self.stdout.write(
            f"Loaded {loaded} statement(s); {len(STATEMENTS) - loaded} already there."
        )
