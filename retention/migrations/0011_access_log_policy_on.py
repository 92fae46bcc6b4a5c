"""The access log's retention policy goes live: the general statement's version 2 publishes
its period (rule `access-log`, 5 years from the day of the entry), loaded by
`load_statements`. Until then the drift check names the difference (retention.W001)."""

from django.db import migrations


def activate(apps, schema_editor):
    policy = apps.get_model("retention", "RetentionPolicy")
    policy.objects.filter(code="access-log").update(active=True)


def deactivate(apps, schema_editor):
    policy = apps.get_model("retention", "RetentionPolicy")
    policy.objects.filter(code="access-log").update(active=False)


class Migration(migrations.Migration):
    dependencies = [("retention", "0010_access_log_policy")]

    operations = [migrations.RunPython(activate, deactivate)]
