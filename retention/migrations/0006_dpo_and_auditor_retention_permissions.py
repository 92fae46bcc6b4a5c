"""The DPO oversees retention: the runs, the destruction log, the policies, and approves
destruction lists; the auditor reads the same without approving. The groups themselves come
from requests_app's roles migration. Case contents stay with the case workers' groups."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

# Copied, not imported: a migration must not change when the code does.
READ = [
    "view_retentionpolicy",
    "view_retentionrun",
    "view_destructionlist",
    "view_destructionlogentry",
    "view_retentionstatistic",
]
GROUP_PERMISSIONS = {
    "DPO": [*READ, "approve_destructionlist", "view_apiclient", "change_apiclient"],
    "Auditor": READ,
}


def grant(apps, schema_editor):
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
        group.permissions.add(*permissions)


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codenames in GROUP_PERMISSIONS.items():
        for group in Group.objects.filter(name=name):
            group.permissions.remove(
                *Permission.objects.filter(
                    content_type__app_label="retention", codename__in=codenames
                )
            )


class Migration(migrations.Migration):
    dependencies = [
        ("retention", "0005_case_worker_groups"),
        ("requests_app", "0004_roles"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
