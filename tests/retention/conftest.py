import pytest
from django.core.management import call_command


@pytest.fixture
def published(db):
    """The seed's statements, published: the retention rules the policies enforce."""
    call_command("load_statements", verbosity=0)
