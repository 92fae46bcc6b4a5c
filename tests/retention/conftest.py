import importlib

import pytest
from django.apps import apps
from django.core.management import call_command


@pytest.fixture
def published(db):
    """The seed's statements, published: the retention rules the policies enforce. The
    policies come from data migration 0002; a transactional test that ran before (its flush
    empties every table) may have taken them, so they are put back the migration's way."""
    call_command("load_statements", verbosity=0)
    importlib.import_module("retention.migrations.0002_policies").create(apps, None)
