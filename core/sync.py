"""Makes the groups and their permissions in the database equal to `core.roles`."""

from django.apps import apps as global_apps
from django.contrib.auth.management import create_permissions
from django.db import transaction

from .roles import GROUPS, ROLE_PERMISSIONS


class RoleTableError(RuntimeError):
    """The role table names a permission that no app defines."""


def _permissions(Permission, names):
    wanted = {tuple(name.split(".", 1)) for name in names}
    found = {
        (p.content_type.app_label, p.codename): p
        for p in Permission.objects.select_related("content_type").filter(
            codename__in={codename for _label, codename in wanted}
        )
    }
    missing = sorted(".".join(key) for key in wanted - set(found))
    if missing:
        raise RoleTableError(f"core/roles.py names unknown permissions: {', '.join(missing)}")
    return [found[key] for key in wanted]


@transaction.atomic
def roles_sync(*, apps=global_apps, verbosity: int = 0) -> None:
    """Creates missing groups, and gives each role exactly the permissions of the table:
    a permission granted by hand is taken away again. Idempotent."""
    for app_config in global_apps.get_app_configs():
        # Permissions are otherwise made per app after migrate; the table needs them all.
        create_permissions(app_config, apps=apps, verbosity=verbosity)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name in GROUPS:
        group, _created = Group.objects.get_or_create(name=name)
        group.permissions.set(_permissions(Permission, ROLE_PERMISSIONS.get(name, ())))


def roles_sync_after_migrate(sender, app_config=None, apps=global_apps, verbosity=1, **kwargs):
    """post_migrate is sent once per app with models; act on the last one, when every
    table exists."""
    with_models = [config for config in global_apps.get_app_configs() if config.models_module]
    if app_config is not with_models[-1]:
        return
    roles_sync(apps=apps, verbosity=verbosity)
