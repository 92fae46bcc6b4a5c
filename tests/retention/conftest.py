import importlib

import pytest
from django.core.management import call_command


@pytest.fixture
def published(db):
    """The seed's statements, published, and the policies that enforce them. The policies
    come from a data migration; they are created again here because a transactional test
    empties every table when it ends."""
    call_command("load_statements", verbosity=0)
    migration = importlib.import_module("retention.migrations.0002_policies")
    from retention.models import RetentionPolicy

    for row in migration.POLICIES:
        RetentionPolicy.objects.update_or_create(code=row["code"], defaults=row)
