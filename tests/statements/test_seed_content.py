"""The seed's statements load faithfully, in both languages, and loading twice changes nothing.
A later seed version reaches an installation that has the earlier one through the publishing
service; the general statement names the rights, the complaint route, the controller and every
period the portal enforces for requests."""

from io import StringIO

import pytest
from django.core.management import call_command

from requests_app import answer_files, verification
from retention.rules import published_enforced_problems
from statements.management.commands import load_statements
from statements.models import RetentionRule, Statement, StatementVersion
from statements.seed import VERSIONS
from tests.conftest import statements_load

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
        ('">6 maanden</td>', '">6 months</td>'),
        ("28 dagen", "28 days"),
        ("artikel 3, 8b, 8c en 8d", "articles 3, 8b, 8c and 8d"),
        ("Besluit gemeentelijke schuldhulpverlening", "Municipal Debt Relief Decree"),
        ("045-5605040", "045-5605040"),
    ],
    "toegang-jeugdhulp": [
        ("Maastricht", "Maastricht"),
        ("JenS", "JenS"),
        ("Sociale Verzekeringsbank", "Social Insurance Bank"),
        # As the source says them: kept 20 years, not "at most".
        ('">20 jaar</td>', '">20 years</td>'),
        ('">6 weken</td>', '">6 weeks</td>'),
        ("Archiefwet", "Archives Act"),
        ("2.3", "2.3"),
        ("7.4.0", "7.4.0"),
        ("8.1.1", "8.1.1"),
        ("Noorwegen, IJsland en Liechtenstein", "Norway, Iceland and Liechtenstein"),
    ],
}


# The seed version each statement is at.
NUMBERS = {
    "algemeen": 2,
    "website": 2,
    "vroegsignalering-schulden": 2,
    "toegang-jeugdhulp": 1,
}


@pytest.fixture
def loaded():
    statements_load(call_command)


def test_all_four_statements_are_published_at_the_seeds_latest_version(loaded):
    assert list(Statement.objects.values_list("slug", flat=True)) == SLUGS
    for statement in Statement.objects.all():
        version = statement.current_version()
        assert version is not None
        assert version.number == NUMBERS[statement.slug]


def test_a_new_seed_version_is_published_over_an_earlier_one(monkeypatch):
    """An installation that has version 1 gets version 2 through the publishing service, in
    force from the day it is loaded, and version 1 stays in the archive."""
    monkeypatch.setattr(load_statements, "VERSIONS", VERSIONS[:1])
    statements_load(call_command)
    general = Statement.objects.get(slug="algemeen")
    assert general.current_version().number == 1
    monkeypatch.setattr(load_statements, "VERSIONS", VERSIONS)
    call_command("load_statements", verbosity=0)
    current = general.current_version()
    assert current.number == 2
    assert current.status == StatementVersion.Status.PUBLISHED
    assert current.change_summary_nl.startswith("Uw rechten")
    numbers = general.versions.published().order_by("number").values_list("number", flat=True)
    assert list(numbers) == [1, 2]


def test_a_version_staff_published_themselves_is_left_alone(monkeypatch):
    from statements.services import version_new_draft, version_publish

    monkeypatch.setattr(load_statements, "VERSIONS", VERSIONS[:1])
    statements_load(call_command)
    general = Statement.objects.get(slug="algemeen")
    draft = version_new_draft(source=general.current_version())
    draft.effective_date = draft.created_at.date().replace(year=2099)
    draft.change_summary_nl, draft.change_summary_en = "Eigen versie", "Own version"
    draft.save()
    version_publish(version=draft, user=None)
    monkeypatch.setattr(load_statements, "VERSIONS", VERSIONS)
    out = StringIO()
    call_command("load_statements", stdout=out)
    summaries = general.versions.order_by("number").values_list("change_summary_en", flat=True)
    assert list(summaries) == ["First version in the privacy portal.", "Own version"]
    assert "1 left alone because staff published their own" in out.getvalue()


def test_loading_again_changes_nothing(loaded):
    before = list(StatementVersion.objects.values_list("pk", "number", "updated_at"))
    call_command("load_statements", verbosity=0)
    assert list(StatementVersion.objects.values_list("pk", "number", "updated_at")) == before


def test_the_published_retention_periods_are_the_seeds(loaded):
    current = [statement.current_version() for statement in Statement.objects.all()]
    rules = {
        r.code: (r.period, r.clock_start) for r in RetentionRule.objects.filter(version__in=current)
    }
    assert rules == {
        "debt-signal-no-help": ("P6M", "signal_received"),
        "debt-arrears-resolved": ("P6M", "signal_received"),
        "youth-assistance-records": ("P20Y", "case_closed"),
        "youth-request-aborted": ("P6W", "decision_date"),
        # Not in the seed: requests and complaints filed in the portal (DOMAIN.md).
        "privacy-requests": ("P1Y", "case_closed"),
        # Periods the portal enforces itself (requests_app/retained.py).
        "privacy-requests-unconfirmed": ("P2W", "request_received"),
        "privacy-answer-files": ("P8W", "file_available"),
        "privacy-status-link": ("P8W", "case_closed"),
        # The access log (accesslog/retention.py, policy `access-log`).
        "access-log": ("P5Y", "entry_made"),
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


# --- the general statement, version 2 (issue 12, item 4) -----------------------------------

RIGHTS = {
    "inzage": ("Inzage", "Access"),
    "correctie": ("Correctie", "Rectification"),
    "verwijdering": ("Verwijdering", "Erasure"),
    "beperking": ("Beperking", "Restriction"),
    "overdracht": ("Overdracht", "Portability"),
    "bezwaar": ("Bezwaar", "Objection"),
}


def test_the_general_statement_links_each_right_to_its_form(client, loaded):
    dutch = client.get("/algemeen/").content.decode()
    english = client.get("/en/algemeen/").content.decode()
    for slug, (nl, en) in RIGHTS.items():
        assert f'<a href="/verzoek/{slug}/">{nl}</a>' in dutch
        assert f'<a href="/en/verzoek/{slug}/">{en}</a>' in english
        assert client.get(f"/verzoek/{slug}/").status_code == 200
        assert client.get(f"/en/verzoek/{slug}/").status_code == 200


def test_the_general_statement_names_the_complaint_route_and_the_controller(client, loaded):
    dutch = client.get("/algemeen/").content.decode()
    english = client.get("/en/algemeen/").content.decode()
    assert '<a href="/verzoek/klacht/">klacht indienen</a>' in dutch
    authority = '<a href="https://autoriteitpersoonsgegevens.nl/">Autoriteit Persoonsgegevens</a>'
    assert authority in dutch
    assert "college van burgemeester en wethouders" in dutch
    assert "Postbus 1, 6400 AA Heerlen" in dutch
    assert '<a href="/en/verzoek/klacht/">file a complaint</a>' in english
    assert "controller" in english
    assert "Postbus 1, 6400 AA Heerlen" in english


@pytest.mark.parametrize("prefix", ["", "/en"])
def test_every_link_to_the_portal_in_the_statements_works(client, loaded, prefix):
    import re

    links = set()
    for slug in SLUGS:
        html = client.get(f"{prefix}/{slug}/").content.decode()
        main = html[html.index("<main") : html.index("</main>")]
        links |= set(re.findall(r'href="(/[^"#]*)"', main))
        assert '<a href="https://www.overheid.nl/">overheid.nl</a>' in html or slug != "algemeen"
    assert {f"{prefix}/vroegsignalering-schulden/", f"{prefix}/toegang-jeugdhulp/"} <= links
    for link in links:
        assert client.get(link).status_code == 200, link


def test_every_period_the_portal_enforces_for_requests_is_published(client, loaded):
    """Published = enforced, both ways: every request-side period the portal enforces is in
    the general statement in force, with the very period it enforces, and nothing else."""
    assert published_enforced_problems(today=VERSIONS[0]["effective_date"]) == []
    english = client.get("/en/algemeen/").content.decode()
    assert verification.UNVERIFIED_KEPT.days == 14
    assert '">2 weeks</td>' in english
    assert answer_files.FILES_KEPT.days == verification.STATUS_LINK_KEPT.days == 56
    assert english.count('">8 weeks</td>') == 2
    assert '">1 year</td>' in english


def test_the_forms_cookie_is_the_one_the_website_statement_names(client, loaded):
    response = client.get("/verzoek/inzage/")
    cookie = response.cookies["csrftoken"]
    # Gone when the browser closes.
    assert cookie["max-age"] == ""
    assert cookie["expires"] == ""
    assert "csrftoken" in client.get("/website/").content.decode()
    assert "close your browser" in client.get("/en/website/").content.decode()


def test_the_digid_session_cookie_is_named_with_its_lifetimes(client, loaded):
    from django.conf import settings

    from digid.session import IDLE

    english = client.get("/en/website/").content.decode()
    assert "sessionid" in english
    assert f"After {IDLE // 60} minutes without activity we log you out" in english
    assert f"expires {settings.SESSION_COOKIE_AGE // 60} minutes after your last click" in english


def test_the_debt_statement_says_a_new_signal_joins_the_open_case(client, loaded):
    from statements.models import Statement

    version = Statement.objects.get(slug="vroegsignalering-schulden").current_version()
    assert version.change_summary_nl.startswith("Een nieuwe melding")
    english = client.get("/en/vroegsignalering-schulden/").content.decode()
    assert "The 6 months then count from the latest report." in english
    assert "within 28 days of the latest report" in english
