"""The DPO's figures, checked on generated requests whose answers were worked out by hand."""

import datetime
import io
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone
from pypdf import PdfReader

from core.admin import bar_chart
from requests_app import reports, services
from requests_app.models import MonthlyFigures, RefusalGround, Status, SubjectRequest
from tests.conftest import otp_login

pytestmark = pytest.mark.django_db

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
TODAY = datetime.date(2026, 3, 15)


def at(day):
    return datetime.datetime.combine(day, datetime.time(10), tzinfo=AMSTERDAM)


def make(kind, domain, received, *, closed=None, status=None):
    request, _secret = services.request_submit(
        kind=kind, domain=domain, name="Jan Jansen", email="jan@example.nl", now=at(received)
    )
    # Confirmed: a web request nobody confirmed is not counted (test below).
    SubjectRequest.objects.filter(pk=request.pk).update(verified_at=at(received))
    if closed:
        ground = RefusalGround.MANIFESTLY_UNFOUNDED if status == Status.REFUSED else ""
        SubjectRequest.objects.filter(pk=request.pk).update(
            status=status, closed_at=at(closed), withdrawn_at=at(closed), refusal_ground=ground
        )
    request.refresh_from_db()
    return request


@pytest.fixture
def year():
    d = datetime.date
    made = {
        "a": make("access", "debt", d(2026, 1, 5), closed=d(2026, 1, 20), status=Status.COMPLETED),
        "b": make("erasure", "youth", d(2026, 1, 10), closed=d(2026, 2, 20), status=Status.REFUSED),
        "c": make("complaint", "other", d(2026, 2, 2)),
        "d": make("access", "debt", d(2026, 1, 28)),
        "e": make(
            "access", "other", d(2026, 2, 10), closed=d(2026, 2, 11), status=Status.WITHDRAWN
        ),
        "f": make(
            "objection", "debt", d(2025, 12, 20), closed=d(2026, 1, 10), status=Status.COMPLETED
        ),
    }
    # The due dates the figures below rely on (deadlines.py computes them).
    assert made["a"].due_date == d(2026, 2, 5)
    assert made["b"].due_date == d(2026, 2, 10)
    assert made["c"].due_date == d(2026, 3, 16)  # six weeks
    assert made["d"].due_date == d(2026, 3, 2)  # 28 February is a Saturday
    assert made["f"].due_date == d(2026, 1, 20)
    return reports.year_figures(year=2026, today=TODAY)


def test_figures_per_month(year):
    january, february, march = year.months
    assert [m.month.month for m in year.months] == [1, 2, 3]  # nothing after today

    assert january.received == 3
    assert january.by_kind["access"] == 2
    assert january.by_kind["erasure"] == 1
    assert january.by_domain == {"debt": 2, "youth": 1}  # domains without a request left out
    assert (january.answered, january.on_time, january.on_time_percent) == (2, 2, 100)
    assert (january.completed, january.refused, january.withdrawn, january.late) == (2, 0, 0, 0)
    assert january.closed_by_kind == {"access": {"completed": 1}, "objection": {"completed": 1}}
    assert january.median_days == 18  # 15 and 21 days
    assert (january.open, january.overdue) == (2, 0)

    assert february.received == 2
    assert (february.answered, february.on_time, february.on_time_percent) == (1, 0, 0)
    assert (february.refused, february.withdrawn, february.late) == (1, 1, 1)
    assert february.closed_by_kind == {"erasure": {"refused": 1}, "access": {"withdrawn": 1}}
    assert february.median_days == 41
    assert (february.open, february.overdue) == (2, 0)  # the withdrawn one is closed

    assert (march.received, march.answered, march.on_time_percent) == (0, 0, None)
    assert march.median_days is None
    assert (march.open, march.overdue) == (2, 1)  # counted today: d is past 2 March


def test_figures_for_the_year(year):
    assert year.total_received == 5  # f came in 2025
    assert year.total_answered == 3
    assert year.on_time_percent == 67
    assert year.median_days == 21
    assert year.by_kind["complaint"] == 1
    assert year.closed_by_kind["access"] == {"completed": 1, "withdrawn": 1}


def test_a_year_not_begun_has_no_months():
    assert reports.year_figures(year=2027, today=TODAY).months == []


def test_bars_scale_to_the_tallest_and_draw_nothing_for_no_figure():
    chart = bar_chart([10, 5, None], labels=["a", "b", "c"], height=100)
    assert [bar["height"] for bar in chart["bars"]] == [100, 50, 0]
    assert [bar["y"] for bar in chart["bars"]] == [0, 50, 100]


def test_the_report_page_shows_the_figures_and_charts(verified_admin_client, year):
    html = verified_admin_client.get("/en/beheer/rapportage/?jaar=2026").content.decode()
    assert "Figures per month" in html
    assert html.count('<svg role="img"') == 3
    assert html.count('-desc">A bar per month') == 3  # each chart says where its figures are
    assert "Closed, by outcome" in html
    assert "Closed per type and outcome" in html
    assert "Provisional" in html  # no month is stored yet: all counted live
    assert "Percentage answered on time per month" in html
    assert "Jan Jansen" not in html
    assert "jan@example.nl" not in html


def test_a_strange_year_shows_this_year(verified_admin_client):
    response = verified_admin_client.get("/en/beheer/rapportage/?jaar=%00drop")
    assert response.status_code == 200
    assert response.context["year"] == timezone.localdate().year


def test_the_annual_report_is_a_tagged_pdf_without_personal_data(verified_admin_client, year):
    response = verified_admin_client.get("/beheer/rapportage/2026.pdf")
    assert response.status_code == 200
    reader = PdfReader(io.BytesIO(response.content))
    text = "\n".join(page.extract_text() for page in reader.pages)
    assert "2026" in text
    assert "Jan Jansen" not in text
    assert reader.trailer["/Root"]["/Lang"] == "nl"


def test_staff_without_access_to_requests_cannot_see_reports(client, django_user_model):
    clerk = django_user_model.objects.create_user("clerk", password="x", is_staff=True)
    otp_login(client, clerk)
    assert client.get("/beheer/rapportage/").status_code == 403
    assert client.get("/beheer/rapportage/2026.pdf").status_code == 403
    client.logout()
    assert client.get("/beheer/rapportage/").status_code == 302  # to the login page


def test_the_queue_links_to_the_reports(verified_admin_client):
    html = verified_admin_client.get("/en/beheer/requests_app/subjectrequest/").content.decode()
    assert 'href="/en/beheer/rapportage/"' in html


def test_a_request_on_hold_is_open_but_not_overdue():
    on_hold = make("access", "debt", datetime.date(2026, 1, 5))
    SubjectRequest.objects.filter(pk=on_hold.pk).update(status=Status.ON_HOLD)
    march = reports.year_figures(year=2026, today=TODAY).months[-1]
    assert (march.open, march.overdue) == (1, 0)


FIELDS = [
    "month",
    "received",
    "by_kind",
    "by_domain",
    "completed",
    "refused",
    "withdrawn",
    "closed_by_kind",
    "on_time",
    "days_to_answer",
    "extended",
    "open",
    "overdue",
]


def figures_of(months):
    """What the report shows of each month, stored or counted."""
    return [{name: getattr(month, name) for name in FIELDS} for month in months]


@pytest.mark.parametrize(
    ("today", "ready"),
    [
        (datetime.date(2026, 3, 15), datetime.date(2026, 1, 1)),  # February: confirmable still
        (datetime.date(2026, 3, 16), datetime.date(2026, 2, 1)),
        (datetime.date(2026, 1, 1), datetime.date(2025, 11, 1)),
    ],
)
def test_a_month_is_ready_two_weeks_after_it_ends(today, ready):
    assert reports.last_ready_month(today) == ready


def test_months_are_stored_once_and_read_as_they_were_counted(year):
    counted = figures_of(reports.year_figures(year=2026, today=TODAY).months[:1])
    assert reports.figures_store_ready(now=at(TODAY)) == 2  # December 2025 (f) and January
    assert list(MonthlyFigures.objects.values_list("month", flat=True)) == [
        datetime.date(2025, 12, 1),
        datetime.date(2026, 1, 1),
    ]
    january = reports.year_figures(year=2026, today=TODAY).months[0]
    assert january.stored
    assert figures_of([january]) == counted
    assert january.days_to_answer == {"15": 1, "21": 1}
    # A stored month is a closed period: later changes and later runs leave it as it was.
    SubjectRequest.objects.filter(received_at__month=1).delete()
    assert reports.figures_store_ready(now=at(TODAY)) == 0
    assert figures_of(reports.year_figures(year=2026, today=TODAY).months[:1]) == counted
    # February is counted live until it is ready, then stored.
    assert not reports.year_figures(year=2026, today=TODAY).months[1].stored
    assert reports.figures_store_ready(now=at(datetime.date(2026, 3, 16))) == 1


def test_an_unconfirmed_web_request_is_not_counted_until_confirmed():
    request, _secret = services.request_submit(
        kind="access", domain="debt", name="Jan Jansen", email="jan@example.nl", now=at(TODAY)
    )
    assert reports.year_figures(year=2026, today=TODAY).months[-1].received == 0
    SubjectRequest.objects.filter(pk=request.pk).update(verified_at=at(TODAY))
    assert reports.year_figures(year=2026, today=TODAY).months[-1].received == 1


def test_extensions_are_counted_in_the_month_they_were_told():
    request = make("access", "debt", datetime.date(2026, 1, 5))
    SubjectRequest.objects.filter(pk=request.pk).update(
        status=Status.EXTENDED, extended_on=datetime.date(2026, 2, 3)
    )
    january, february, _march = reports.year_figures(year=2026, today=TODAY).months
    assert (january.extended, february.extended) == (0, 1)


def test_the_nightly_task_stores_the_ended_months(year):
    from requests_app.tasks import figures_store_monthly

    figures_store_monthly()  # today is long after March 2026: every month till then is ready
    assert MonthlyFigures.objects.filter(month=datetime.date(2026, 2, 1)).exists()
