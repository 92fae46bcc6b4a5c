"""The database's groups and permissions are the role table in core/roles.py, and stay so."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.management import call_command

from core import roles
from core.sync import RoleTableError, roles_sync

pytestmark = pytest.mark.django_db


def _granted():
    return {
        group.name: {
            f"{p.content_type.app_label}.{p.codename}"
            for p in group.permissions.select_related("content_type")
        }
        for group in Group.objects.prefetch_related("permissions")
    }


def test_after_migrate_the_database_equals_the_table():
    granted = _granted()
    assert set(granted) >= set(roles.GROUPS)
    for role, permissions in roles.ROLE_PERMISSIONS.items():
        assert granted[role] == set(permissions), role
    for team in roles.TEAMS:
        assert granted[team] == set()


def test_sync_takes_back_what_was_granted_by_hand_and_makes_missing_groups():
    auditor = Group.objects.get(name=roles.AUDITOR)
    auditor.permissions.add(Permission.objects.get(codename="transition_subjectrequest"))
    Group.objects.filter(name=roles.TEAM_YOUTH).delete()
    call_command("sync_roles", verbosity=0)
    assert _granted()[roles.AUDITOR] == set(roles.ROLE_PERMISSIONS[roles.AUDITOR])
    assert Group.objects.filter(name=roles.TEAM_YOUTH).exists()


def test_sync_is_idempotent():
    roles_sync()
    before = _granted()
    roles_sync()
    assert _granted() == before


def test_a_permission_no_app_defines_stops_the_sync(monkeypatch):
    monkeypatch.setitem(roles.ROLE_PERMISSIONS, roles.AUDITOR, ("requests_app.fly_to_the_moon",))
    with pytest.raises(RoleTableError, match="fly_to_the_moon"):
        roles_sync()


def test_the_auditor_never_changes_anything():
    changing = ("add_", "change_", "delete_", "transition_", "register_", "assign_", "approve_")
    for permission in roles.ROLE_PERMISSIONS[roles.AUDITOR]:
        assert not permission.split(".")[1].startswith(changing), permission


def test_the_dpo_and_handlers_may_see_letters_and_add_answer_files():
    for role in (roles.DPO, roles.HANDLER):
        assert {
            "requests_app.view_letter",
            "requests_app.view_responsefile",
            "requests_app.add_responsefile",
        } <= set(roles.ROLE_PERMISSIONS[role])
