"""The access log moves here from requests_app. Only Django's idea of where the model lives
changes: the table `requests_app_accesslogentry`, its rows and its append-only trigger stay as
they are. The content type is renamed rather than made anew, so the permissions that groups
hold on the log keep pointing at it."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def content_type_move(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    if not ContentType.objects.filter(app_label="accesslog", model="accesslogentry").exists():
        ContentType.objects.filter(app_label="requests_app", model="accesslogentry").update(
            app_label="accesslog"
        )


def content_type_back(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    ContentType.objects.filter(app_label="accesslog", model="accesslogentry").update(
        app_label="requests_app"
    )


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("requests_app", "0006_event_types_of_letters_and_back_office"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="AccessLogEntry",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                        ("at", models.DateTimeField(db_index=True, verbose_name="when")),
                        ("username", models.CharField(max_length=150, verbose_name="user name then")),
                        ("roles", models.CharField(blank=True, max_length=200, verbose_name="roles then")),
                        ("action", models.CharField(choices=[("view", "viewed"), ("export", "exported"), ("change", "changed"), ("denied", "denied")], max_length=10, verbose_name="action")),
                        ("record_type", models.CharField(db_index=True, max_length=100, verbose_name="record type")),
                        ("record_id", models.CharField(db_index=True, max_length=64, verbose_name="record id")),
                        ("record_reference", models.CharField(blank=True, db_index=True, max_length=64, verbose_name="record reference")),
                        ("purpose", models.CharField(blank=True, max_length=200, verbose_name="purpose")),
                        ("ip_address", models.GenericIPAddressField(blank=True, null=True, verbose_name="from address")),
                        ("path", models.CharField(blank=True, max_length=300, verbose_name="page")),
                        ("user", models.ForeignKey(null=True, on_delete=django.db.models.deletion.PROTECT, related_name="+", to=settings.AUTH_USER_MODEL, verbose_name="user")),
                    ],
                    options={
                        "verbose_name": "access-log entry",
                        "verbose_name_plural": "access log",
                        "ordering": ["-at", "-pk"],
                        "db_table": "requests_app_accesslogentry",
                    },
                ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(content_type_move, content_type_back),
    ]
