"""Made the back office's groups and their permissions. The role table in core/roles.py does
that now, after every migrate (core.sync.roles_sync); the migration stays for the graph."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("requests_app", "0003_name_index_and_append_only_log"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = []
