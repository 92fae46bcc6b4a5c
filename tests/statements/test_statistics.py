import datetime

import pytest

from statements.models import PageStatistic
from statements.statistics import MAX_SECONDS, is_countable, record

from .factories import VersionFactory

pytestmark = pytest.mark.django_db

BROWSER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/156.0 Safari/537.36"
NOW = datetime.datetime(2026, 11, 28, 14, 25, tzinfo=datetime.UTC)


@pytest.fixture
def published():
    return VersionFactory(published=True, statement__slug="vroegsignalering-schulden")


def beacon(client, **data):
    return client.post(
        "/statistieken/",
        data,
        HTTP_USER_AGENT=data.pop("ua", BROWSER),
        HTTP_SEC_FETCH_SITE="same-origin",  # as a browser sends it with the page's beacon
    )


def test_a_view_and_its_duration_are_counted_per_page_per_hour(client, published):
    assert beacon(client, path="/vroegsignalering-schulden/", event="view").status_code == 204
    assert (
        beacon(client, path="/vroegsignalering-schulden/", event="leave", seconds="95").status_code
        == 204
    )
    row = PageStatistic.objects.get()
    assert (row.path, row.views, row.timed_views, row.seconds) == (
        "/vroegsignalering-schulden/",
        1,
        1,
        95,
    )
    assert row.hour.minute == 0
    assert row.hour.second == 0


def test_the_beacon_stores_no_identifier_and_sets_no_cookie(client, published):
    response = client.post(
        "/statistieken/",
        {"path": "/", "event": "view"},
        HTTP_USER_AGENT=BROWSER,
        HTTP_SEC_FETCH_SITE="same-origin",
        REMOTE_ADDR="203.0.113.7",
    )
    assert not response.cookies
    stored = [f.name for f in PageStatistic._meta.get_fields()]
    assert stored == ["id", "path", "hour", "views", "timed_views", "seconds"]


def test_english_pages_are_counted_under_their_own_path(client, published):
    beacon(client, path="/en/vroegsignalering-schulden/", event="view")
    assert PageStatistic.objects.get().path == "/en/vroegsignalering-schulden/"


@pytest.mark.parametrize(
    ("path", "ua", "staff"),
    [
        ("/vroegsignalering-schulden/", "Googlebot/2.1 (+http://www.google.com/bot.html)", False),
        ("/vroegsignalering-schulden/", "", False),
        ("/vroegsignalering-schulden/", BROWSER, True),
        ("/beheer/", BROWSER, False),
        ("/api/statements/", BROWSER, False),
        ("/bestaat/niet/echt/", BROWSER, False),
        ("https://evil.example/", BROWSER, False),
        ("/" + "a" * 300, BROWSER, False),
    ],
)
def test_bots_staff_and_other_pages_are_not_counted(path, ua, staff):
    assert not is_countable(path=path, user_agent=ua, is_staff=staff)


def test_signed_in_staff_are_not_counted(admin_client, published):
    beacon(admin_client, path="/", event="view")
    assert not PageStatistic.objects.exists()


def test_durations_are_capped_and_never_negative():
    record(path="/", event="leave", seconds=10**9, now=NOW)
    record(path="/", event="leave", seconds=-50, now=NOW)
    row = PageStatistic.objects.get()
    assert row.seconds == MAX_SECONDS
    assert row.timed_views == 2


@pytest.mark.parametrize(
    "data",
    [{"path": "/", "event": "delete"}, {"path": "/", "event": "leave", "seconds": "soon"}],
)
def test_malformed_beacons_are_refused_with_a_reason(client, data):
    response = beacon(client, **data)
    assert response.status_code == 400
    assert not PageStatistic.objects.exists()


def test_admin_shows_the_figures_with_charts(verified_admin_client):
    for _ in range(3):
        record(path="/toegang-jeugdhulp/", event="view", now=NOW)
    record(path="/toegang-jeugdhulp/", event="leave", seconds=120, now=NOW)
    html = verified_admin_client.get("/en/beheer/statements/pagestatistic/").content.decode()
    assert "Most visited pages" in html
    assert "/toegang-jeugdhulp/" in html
    assert "120 s on average" in html
    assert "<svg" in html
    assert "<script" not in html.split("<svg", 1)[1].split("</svg>", 1)[0]


def test_made_up_pages_are_not_counted(client, published):
    beacon(client, path="/verzonnen-verklaring/", event="view")
    beacon(client, path="/vroegsignalering-schulden/versies/99/", event="view")
    assert not PageStatistic.objects.exists()


def test_beacons_from_other_sites_are_refused(client, published):
    response = client.post(
        "/statistieken/",
        {"path": "/", "event": "view"},
        HTTP_USER_AGENT=BROWSER,
        HTTP_SEC_FETCH_SITE="cross-site",
    )
    assert response.status_code == 403
    assert not PageStatistic.objects.exists()


def test_a_beacon_without_sec_fetch_site_is_refused(client, published):
    """Review L5: a script posting without the header counted 200 views in 2 seconds."""
    response = client.post(
        "/statistieken/",
        {"path": "/vroegsignalering-schulden/", "event": "view"},
        HTTP_USER_AGENT=BROWSER,
    )
    assert response.status_code == 403
    assert not PageStatistic.objects.exists()


def test_one_address_counts_at_most_its_limit_per_hour(client, published):
    from statements.views import BEACONS_PER_ADDRESS

    limit = BEACONS_PER_ADDRESS[0][0]
    for _ in range(limit + 30):
        assert beacon(client, path="/vroegsignalering-schulden/", event="view").status_code == 204
    assert PageStatistic.objects.get().views == limit
    other = client.post(
        "/statistieken/",
        {"path": "/vroegsignalering-schulden/", "event": "view"},
        HTTP_USER_AGENT=BROWSER,
        HTTP_SEC_FETCH_SITE="same-origin",
        REMOTE_ADDR="198.51.100.20",
    )
    assert other.status_code == 204
    assert PageStatistic.objects.get().views == limit + 1
