"""Gave the DPO and the auditor their retention permissions. The role table in core/roles.py
does that now, after every migrate (core.sync.roles_sync); the migration stays for the graph."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("retention", "0005_case_worker_groups"),
        ("requests_app", "0004_roles"),
    ]

    operations = []
