"""Refused youth requests fall under the 20-year rule `youth-assistance-records`.

The source says "We keep the data we process for youth services for 20 years", refusals
included (DOMAIN.md); the policy covered only `assistance_ended`, so a refused request was
kept without limit as "uncovered". Records already closed as refused get the policy at the
next nightly run (`retention.rules.records_follow_rules`), counted from their closing, and go
on a destruction list for the DPO like every 20-year record.
"""

from django.db import migrations

CODE = "youth-assistance-records"
OUTCOME = "refused"


def add(apps, schema_editor):
    policy_model = apps.get_model("retention", "RetentionPolicy")
    youth = policy_model.objects.filter(record_type="youth_case", active=True)
    if any(OUTCOME in policy.outcomes for policy in youth):
        return  # an operator's own policy covers refusals already
    for policy in policy_model.objects.filter(code=CODE):
        policy.outcomes = [*policy.outcomes, OUTCOME]
        policy.save(update_fields=["outcomes"])


def remove(apps, schema_editor):
    for policy in apps.get_model("retention", "RetentionPolicy").objects.filter(code=CODE):
        policy.outcomes = [outcome for outcome in policy.outcomes if outcome != OUTCOME]
        policy.save(update_fields=["outcomes"])


class Migration(migrations.Migration):
    dependencies = [("retention", "0007_case_records_move_to_cases")]

    operations = [migrations.RunPython(add, remove)]
