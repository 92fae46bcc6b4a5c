"""The case workers' groups: the debt team sees early signs of debt only, the youth team
youth assistance cases only (retention/case_admin.py)."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

# Copied, not imported: a migration must not change when the code does.
GROUP_PERMISSIONS = {
    "Case worker debt": [
        "view_debtsignal",
        "change_debtsignal",
        "view_contactattempt",
        "view_casehistory",
    ],
    "Case worker youth": ["view_youthcase", "change_youthcase", "view_casehistory"],
}


def groups_create(apps, schema_editor):
    # Permissions are otherwise made after all migrations ran (post_migrate): make them now.
    app_config = apps.get_app_config("retention")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codenames in GROUP_PERMISSIONS.items():
        group, _created = Group.objects.get_or_create(name=name)
        permissions = Permission.objects.filter(
            content_type__app_label="retention", codename__in=codenames
        )
        if permissions.count() != len(codenames):  # not an assert: it must hold under -O too
            raise RuntimeError(f"missing permissions for {name}: {codenames}")
        group.permissions.set(permissions)


def groups_remove(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=GROUP_PERMISSIONS).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("retention", "0004_intake_api_clients"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(groups_create, groups_remove)]
