"""The access log now lives in the accesslog app (its migration 0001 takes over the model):
requests_app forgets the model, the table stays."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("requests_app", "0006_event_types_of_letters_and_back_office"),
        ("accesslog", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="AccessLogEntry")],
            database_operations=[],
        ),
    ]
