"""The policies that enforce the retention rules the statements publish (by code).

Debt signals and aborted youth requests: anonymised automatically (a statistical residue of
counts feeds the reports the debt statement mentions). Youth assistance records, 20 years:
destroyed only after the DPO approves a destruction list (Archiefwet). Requests and
complaints filed in the portal: destroyed automatically a year after closing.
A debt signal that became debt relief, and a refused youth request, have no published rule:
they are kept and listed for the DPO.
"""

from django.db import migrations

POLICIES = [
    {
        "code": "debt-signal-no-help",
        "record_type": "debt_signal",
        "outcomes": ["no_response", "no_help_request", "offer_declined"],
        "action": "anonymise",
        "needs_approval": False,
    },
    {
        "code": "debt-arrears-resolved",
        "record_type": "debt_signal",
        "outcomes": ["arrears_resolved"],
        "action": "anonymise",
        "needs_approval": False,
    },
    {
        "code": "youth-assistance-records",
        "record_type": "youth_case",
        "outcomes": ["assistance_ended"],
        "action": "destroy",
        "needs_approval": True,
    },
    {
        "code": "youth-request-aborted",
        "record_type": "youth_case",
        "outcomes": ["aborted", "inadmissible"],
        "action": "anonymise",
        "needs_approval": False,
    },
    {
        "code": "privacy-requests",
        "record_type": "subject_request",
        "outcomes": ["closed"],
        "action": "destroy",
        "needs_approval": False,
    },
]


def create(apps, schema_editor):
    policy = apps.get_model("retention", "RetentionPolicy")
    for row in POLICIES:
        policy.objects.update_or_create(code=row["code"], defaults=row)


def remove(apps, schema_editor):
    apps.get_model("retention", "RetentionPolicy").objects.filter(
        code__in=[row["code"] for row in POLICIES]
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("retention", "0001_initial")]

    operations = [migrations.RunPython(create, remove)]
