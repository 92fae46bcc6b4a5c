"""Publishes the seed's statement versions that are not there yet, in order, through the
publishing service and its checks. Re-running it changes nothing."""

from django.core.management.base import BaseCommand
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from statements.models import VERSION_PARTS, Statement
from statements.seed import VERSIONS
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
    help = "Publish the seed's privacy statement versions that are not there yet."

    @transaction.atomic
    def handle(self, *args, **options):
        counts = {"published": 0, "there": 0, "staff": 0}
        for seed in VERSIONS:
            for order, content in enumerate(seed["statements"], start=1):
                statement, _ = Statement.objects.get_or_create(
                    slug=content["slug"], defaults={"order": order}
                )
                counts[self._load(statement, seed, content)] += 1
        self.stdout.write(
            f"Published {counts['published']} statement version(s); {counts['there']} already "
            f"there; {counts['staff']} left alone because staff published their own."
        )

    def _load(self, statement, seed, content) -> str:
        number = seed["number"]
        latest = statement.versions.published().aggregate(n=Max("number"))["n"] or 0
        if number == 1 and statement.versions.exists() and latest < 1:
            return "staff"  # a draft of their own before anything was published
        if latest >= number:
            ours = statement.versions.filter(
                number=number, change_summary_en=seed["change_summary"]["en"]
            )
            return "there" if ours.exists() else "staff"
        if latest != number - 1:
            return "staff"
        version = statement.versions.create(
            effective_date=seed["effective_date"] or timezone.localdate(),
            **_both("title", content["title"]),
            **_both("intro", content["intro"]),
            **_both("contact", content["contact"]),
            **_both("change_summary", seed["change_summary"]),
        )
        for part in VERSION_PARTS:
            plain, bilingual = PART_FIELDS[part]
            for i, row in enumerate(content[part]):
                fields = {name: row[name] for name in plain}
                for name in bilingual:
                    fields.update(_both(name, row[name]))
                getattr(version, part).create(order=i, **fields)
        version_publish(version=version, user=None)
        return "published"
