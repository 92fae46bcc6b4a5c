"""Product codes have the iJW form (issue 14, item 5), and the statistics of anonymised cases
keep only known categories: a BSN or a name typed as a product code never survives."""

import datetime as dt
import importlib
from zoneinfo import ZoneInfo

import pytest
from django.apps import apps as django_apps
from django.core.exceptions import ValidationError

from cases.validators import ijw_product_category, validate_ijw_product_code
from retention.models import RetentionStatistic
from retention.purge import records_purge
from tests.cases.factories import DebtSignalFactory, YouthCaseFactory
from tests.cases.test_intake_api import _post, _youth_body, youth_system  # noqa: F401

pytestmark = pytest.mark.django_db
AMSTERDAM = ZoneInfo("Europe/Amsterdam")


@pytest.mark.parametrize(
    ("code", "category"),
    [("45A01", "45"), ("54001", "54"), ("45a01", "45"), ("31ABC", "31"), ("58Z99", "58")],
)
def test_ijw_codes_give_their_category(code, category):
    validate_ijw_product_code(code)
    assert ijw_product_category(code) == category


@pytest.mark.parametrize(
    "code",
    [
        "123456782",
        "Kim de Vries",
        "GGZ-54001",
        "39A01",
        "99A01",
        "45A0",
        "45A012",
        "45 01",
        "4\uff15A01",
    ],
)
def test_anything_else_is_refused_and_has_no_category(code):
    with pytest.raises(ValidationError) as refused:
        validate_ijw_product_code(code)
    if code not in "45A01":  # the example in the message
        assert code not in str(refused.value)  # never echoed (it may be a BSN)
    assert ijw_product_category(code) == ""


@pytest.mark.parametrize("code", ["123456782", "Kim de Vries", "GGZ-54001"])
def test_the_intake_api_refuses_a_bad_product_code_naming_the_field(client, youth_system, code):  # noqa: F811
    response = _post(client, "/youth-cases/", _youth_body(product_code=code), youth_system[1])
    assert response.status_code == 400, response.content
    errors = response.json()
    assert list(errors) == ["product_code"]
    assert "iJW" in " ".join(errors["product_code"])
    assert code not in response.content.decode()


def test_the_intake_api_takes_an_ijw_code(client, youth_system):  # noqa: F811
    response = _post(client, "/youth-cases/", _youth_body(product_code="45A01"), youth_system[1])
    assert response.status_code == 201, response.content


def test_statistics_keep_only_the_ijw_category(published):
    """Codes stored before the check (free text) are mapped when the case is anonymised."""
    for code in ("45A01", "45B07", "123456782", "Kim de Vries"):
        YouthCaseFactory(aborted=True, product_code=code)
    DebtSignalFactory(closed=True)
    records_purge(now=dt.datetime(2027, 1, 1, 1, 30, tzinfo=AMSTERDAM))
    youth = {
        row.category: row.count
        for row in RetentionStatistic.objects.filter(record_type="youth_case")
    }
    assert youth == {"45": 2, "": 2}
    assert set(RetentionStatistic.objects.values_list("category", flat=True)) <= {
        "45",
        "",
        "landlord",
    }


def test_the_migration_folds_unknown_categories_already_kept():
    migration = importlib.import_module(
        "cases.migrations.0002_retention_review_and_ijw_product_codes"
    )
    month = dt.date(2026, 1, 1)
    for category, count in (
        ("45", 3),
        ("45A01", 2),
        ("123456782", 1),
        ("Kim de Vries", 1),
        ("", 4),
    ):
        RetentionStatistic.objects.create(
            record_type="youth_case", month=month, outcome="aborted", category=category, count=count
        )
    RetentionStatistic.objects.create(
        record_type="debt_signal", month=month, outcome="no_response", category="landlord", count=5
    )
    migration.statistics_known_categories(django_apps, None)
    rows = dict(RetentionStatistic.objects.values_list("category", "count"))
    assert rows == {"45": 5, "": 6, "landlord": 5}
