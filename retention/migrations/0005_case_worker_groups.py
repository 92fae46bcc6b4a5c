"""Made the case workers' groups. The role table in core/roles.py does that now, after every
migrate (core.sync.roles_sync); the migration stays for the graph."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("retention", "0004_intake_api_clients"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = []
