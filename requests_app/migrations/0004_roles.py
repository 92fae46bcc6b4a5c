"""The back office's roles as groups with their permissions, and the domain teams
(requests_app/roles.py says who may see what)."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

# Copied, not imported: a migration must not change when the module does.
ROLE_PERMISSIONS = {
    "DPO": [
        "view_subjectrequest",
        "view_personal_data",
        "transition_subjectrequest",
        "register_subjectrequest",
        "assign_subjectrequest",
        "export_subjectrequest",
        "view_transition",
        "view_accesslogentry",
    ],
    "Privacy handler": [
        "view_subjectrequest",
        "view_personal_data",
        "transition_subjectrequest",
        "register_subjectrequest",
        "export_subjectrequest",
        "view_transition",
    ],
    "Auditor": ["view_subjectrequest", "view_transition", "view_accesslogentry"],
}
TEAMS = ["Team debt", "Team youth", "Team other"]


def roles_create(apps, schema_editor):
    # Permissions are otherwise made after all migrations ran (post_migrate): make them now.
    app_config = apps.get_app_config("requests_app")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for role, codenames in ROLE_PERMISSIONS.items():
        group, _created = Group.objects.get_or_create(name=role)
        permissions = Permission.objects.filter(
            content_type__app_label="requests_app", codename__in=codenames
        )
        if permissions.count() != len(codenames):  # not an assert: it must hold under -O too
            raise RuntimeError(f"missing permissions for {role}: {codenames}")
        group.permissions.set(permissions)
    for team in TEAMS:
        Group.objects.get_or_create(name=team)


def roles_remove(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Group.objects.filter(name__in=[*ROLE_PERMISSIONS, *TEAMS]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("requests_app", "0003_name_index_and_append_only_log"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(roles_create, roles_remove)]
