import pytest

from tests.conftest import restore_retention_policies


@pytest.fixture(autouse=True)
def _retention_policies(db):
    """Publishing a version needs a policy for each of its retention rules (the retention
    engine refuses it otherwise); a transactional test elsewhere may have removed them."""
    restore_retention_policies()
