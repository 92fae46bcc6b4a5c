"""The seed's statements load faithfully, in both languages, and loading twice changes nothing."""

import pytest
from django.core.management import call_command

from statements.models import RetentionRule, Statement, StatementVersion

pytestmark = pytest.mark.django_db

SLUGS = ["algemeen", "website", "vroegsignalering-schulden", "toegang-jeugdhulp"]

# Facts of the seed, per statement page, as residents must find them (Dutch, English).
FACTS = {
    "algemeen": [
        ("nooit meer gegevens dan nodig", "never ask for more data than necessary"),
        ("verhuizing", "move"),
        ("gemeente@heerlen.nl", "gemeente@heerlen.nl"),
        ("045-5605040", "045-5605040"),
    ],
    "website": [
        ("DigiD", "DigiD"),
        ("anoniem", "anonymous"),
        ("gemeente@heerlen.nl", "gemeente@heerlen.nl"),
    ],
    "vroegsignalering-schulden": [
        ("BSN", "BSN"),
        ("Geboortedatum", "Date of birth"),
        ("Buurtteams Heerlen", "Buurtteams Heerlen"),
        ("Noorwegen, IJsland en Liechtenstein", "Norway, Iceland and Liechtenstein"),
        ("hoogstens 6 maanden", "at most 6 months"),
        ("28 dagen", "28 days"),
        ("artikel 3, 8b, 8c en 8d", "articles 3, 8b, 8c and 8d"),
        ("Besluit gemeentelijke schuldhulpverlening", "Municipal Debt Relief Decree"),
        ("045-5605040", "045-5605040"),
    ],
    "toegang-jeugdhulp": [
        ("Maastricht", "Maastricht"),
        ("JenS", "JenS"),
        ("Sociale Verzekeringsbank", "Social Insurance Bank"),
        ("hoogstens 20 jaar", "at most 20 years"),
        ("hoogstens 6 weken", "at most 6 weeks"),
        ("Archiefwet", "Archives Act"),
        ("2.3", "2.3"),
        ("7.4.0", "7.4.0"),
        ("8.1.1", "8.1.1"),
        ("Noorwegen, IJsland en Liechtenstein", "Norway, Iceland and Liechtenstein"),
    ],
}


@pytest.fixture
def loaded():
    call_command("load_statements", verbosity=0)


def test_all_four_statements_are_published_as_version_one(loaded):
    assert list(Statement.objects.values_list("slug", flat=True)) == SLUGS
    for statement in Statement.objects.all():
        version = statement.current_version()
        assert version is not None
        assert version.number == 1


def test_loading_again_changes_nothing(loaded):
    before = list(StatementVersion.objects.values_list("pk", "number", "updated_at"))
    call_command("load_statements", verbosity=0)
    assert list(StatementVersion.objects.values_list("pk", "number", "updated_at")) == before


def test_the_published_retention_periods_are_the_seeds(loaded):
    rules = {r.code: (r.period, r.clock_start) for r in RetentionRule.objects.all()}
    assert rules == {
        "debt-signal-no-help": ("P6M", "signal_received"),
        "debt-arrears-resolved": ("P6M", "signal_received"),
        "youth-assistance-records": ("P20Y", "case_closed"),
        "youth-request-aborted": ("P6W", "decision_date"),
        # Not in the seed: requests and complaints filed in the portal (DOMAIN.md).
        "privacy-requests": ("P1Y", "case_closed"),
    }


def test_the_general_statement_says_how_long_requests_are_kept(client, loaded):
    dutch = client.get("/algemeen/").content.decode()
    english = client.get("/en/algemeen/").content.decode()
    assert "Hoe lang bewaren wij uw verzoek of klacht?" in dutch
    assert "1 jaar" in dutch
    assert "How long do we keep your request or complaint?" in english
    assert "1 year" in english


@pytest.mark.parametrize("slug", SLUGS)
def test_every_fact_of_the_seed_is_on_the_page_in_both_languages(client, loaded, slug):
    dutch = client.get(f"/{slug}/").content.decode()
    english = client.get(f"/en/{slug}/").content.decode()
    for nl, en in FACTS[slug]:
        assert nl in dutch, nl
        assert en in english, en


def test_the_debt_statement_lists_every_data_category(client, loaded):
    english = client.get("/en/vroegsignalering-schulden/").content.decode()
    for category in (
        "Date of birth",
        "Gender",
        "Administration number",
        "BSN",
        "Phone number",
        "debt relief",
        "outcome",
    ):
        assert category in english, category
