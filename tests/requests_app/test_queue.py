import csv
import datetime
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from accesslog.models import AccessLogEntry
from requests_app import roles
from requests_app.admin import display
from requests_app.models import SubjectRequest
from tests.conftest import otp_login

from .factories import staff, subject_request

pytestmark = pytest.mark.django_db

QUEUE = "/en/beheer/requests_app/subjectrequest/"
TODAY = datetime.date(2026, 4, 15)  # a Wednesday


@pytest.fixture(autouse=True)
def frozen_today(monkeypatch):
    monkeypatch.setattr(display, "today", lambda: TODAY)


def _due(days):
    return TODAY + datetime.timedelta(days=days)


@pytest.mark.parametrize(
    ("days", "status", "text", "urgent"),
    [
        (-3, "in_progress", "Overdue: overdue by 3 d", True),
        (0, "in_progress", "Urgent: due today", True),
        (5, "in_progress", "Urgent: 5 d left", True),
        (6, "in_progress", "6 d left", False),
        (-3, "on_hold", "clock stopped", False),
        (-3, "completed", "closed", False),
    ],
)
def test_the_badge_turns_red_and_says_so_when_overdue_or_within_five_days(
    days, status, text, urgent
):
    request = subject_request(due=_due(days), status=status)
    with translation.override("en"):
        html = str(display.deadline_badge(request, on=TODAY))
    words = html.replace("<strong>", "").replace("</strong>", "")
    assert text in words
    assert ("rq-badge--urgent" in html) is urgent


def test_the_queue_is_sorted_by_due_date(verified_admin_client):
    late = subject_request(due=_due(20))
    early = subject_request(due=_due(-2))
    middle = subject_request(due=_due(3))
    html = verified_admin_client.get(QUEUE).content.decode()
    positions = [html.index(r.reference) for r in (early, middle, late)]
    assert positions == sorted(positions)


FILTERS = {
    "deadline=overdue": {"overdue"},
    "deadline=soon": {"today", "sunday", "in5"},
    "deadline=week": {"today", "sunday"},  # Wednesday to Sunday
    # The queue shows open requests unless asked otherwise: "done" is closed.
    "handler=unassigned": {"overdue", "today", "in5", "sunday", "later", "hold"},
    "handler=unassigned&stand=all": {"overdue", "today", "in5", "sunday", "later", "done", "hold"},
    "handler=mine": {"mine"},
    "status=on_hold": {"hold"},
    "domain=youth": {"mine"},
    "kind=erasure": {"in5"},
}


@pytest.mark.parametrize(("query", "expected"), FILTERS.items())
def test_the_queue_filters(client, query, expected):
    dpo = staff(roles.DPO)
    rows = {
        "overdue": subject_request(due=_due(-1), status="in_progress"),
        "today": subject_request(due=_due(0)),
        "in5": subject_request(due=_due(5), kind="erasure"),
        "sunday": subject_request(due=_due(4)),
        "later": subject_request(due=_due(12)),
        "done": subject_request(due=_due(-9), status="completed"),
        "hold": subject_request(due=_due(-2), status="on_hold"),
        "mine": subject_request(due=_due(30), domain="youth", assigned_to=dpo),
    }
    otp_login(client, dpo)
    html = client.get(f"{QUEUE}?{query}").content.decode()
    assert {name for name, r in rows.items() if r.reference in html} == expected


@pytest.mark.parametrize(
    ("term", "found"),
    [
        ("jan@example.nl", {"jan"}),
        ("  JAN@Example.NL ", {"jan"}),
        ("Piet  de Vries", {"piet"}),
        ("piet de vries", {"piet"}),
        ("Piet", set()),  # only the whole name is indexed
        ("example.nl", set()),
    ],
)
def test_find_a_person_by_exact_e_mail_or_full_name_through_the_blind_index(
    verified_admin_client, term, found
):
    rows = {
        "jan": subject_request(name="Jan Jansen", email="jan@example.nl"),
        "piet": subject_request(name="Piet de Vries", email="piet@example.nl"),
    }
    response = verified_admin_client.post(QUEUE + "person-search/", {"person": term})
    html = response.content.decode()
    assert {name for name, r in rows.items() if r.reference in html} == found
    logged = AccessLogEntry.objects.filter(purpose="found by name or e-mail address")
    assert {e.record_id for e in logged} == {str(rows[name].pk) for name in found}


def test_the_search_box_takes_references_only_so_no_name_reaches_an_address(
    verified_admin_client,
):
    jan = subject_request(name="Jan Jansen", email="jan@example.nl")
    assert jan.reference in verified_admin_client.get(QUEUE, {"q": "AVG-2026"}).content.decode()
    for term in ("jan@example.nl", "Jan Jansen"):
        html = verified_admin_client.get(QUEUE, {"q": term}).content.decode()
        assert jan.reference not in html


def test_only_roles_that_see_personal_data_may_find_a_person(client):
    subject_request(name="Jan Jansen", email="jan@example.nl")
    otp_login(client, staff(roles.AUDITOR))
    assert client.post(QUEUE + "person-search/", {"person": "Jan Jansen"}).status_code == 403
    assert client.get(QUEUE + "person-search/").status_code == 405


def test_bulk_assign_sets_the_handler_and_the_timeline(verified_admin_client):
    handler = staff(roles.HANDLER, teams=["debt"], username="hanna")
    first, second, other = subject_request(), subject_request(), subject_request()
    verified_admin_client.post(
        QUEUE,
        {"action": "assign", "_selected_action": [first.pk, second.pk], "handler": handler.pk},
    )
    assert set(SubjectRequest.objects.filter(assigned_to=handler)) == {first, second}
    assert first.events.get(type="assigned").note == "hanna"
    other.refresh_from_db()
    assert other.assigned_to is None


def test_the_csv_export_holds_no_personal_data_and_is_logged(verified_admin_client):
    handler = staff(roles.HANDLER, username="hanna")
    rows = [
        subject_request(
            name="Jan Jansen", email="jan@example.nl", due=_due(2), assigned_to=handler
        ),
        subject_request(name="Piet de Vries", email="piet@example.nl", due=_due(-1)),
    ]
    response = verified_admin_client.post(
        QUEUE, {"action": "export_csv", "_selected_action": [r.pk for r in rows]}
    )
    body = response.content.decode()
    assert response["Content-Type"].startswith("text/csv")
    for personal in ("Jan", "Piet", "example.nl", "Mijn dossier"):
        assert personal not in body
    table = list(csv.reader(io.StringIO(body)))
    assert table[0][0] == "reference"
    assert table[1][:1] == [rows[1].reference]
    assert table[1][6] == "-1"
    assert table[2][7] == "hanna"
    exports = AccessLogEntry.objects.filter(action="export")
    assert set(exports.values_list("record_id", flat=True)) == {str(r.pk) for r in rows}


def _bulk(count):
    handler = staff(roles.HANDLER, teams=["debt"])
    SubjectRequest.objects.bulk_create(
        SubjectRequest(
            reference=f"AVG-2026-{n:06d}",
            secret_hash=f"{n:064d}",
            kind="access",
            domain="debt",
            received_at=datetime.datetime(2026, 3, 2, 10, tzinfo=datetime.UTC),
            due_date=_due(n % 40 - 10),
            name="Jan Jansen",
            email="jan@example.nl",
            assigned_to=handler if n % 2 else None,
        )
        for n in range(count)
    )


def _queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize("query", ["", "?deadline=overdue", "?handler=unassigned&o=6"])
def test_the_queue_needs_as_many_queries_for_a_thousand_requests_as_for_ten(client, query):
    otp_login(client, staff(roles.HANDLER, teams=["debt"]))
    _bulk(10)
    ten = _queries(client, QUEUE + query)
    SubjectRequest.objects.all().delete()
    _bulk(1000)
    thousand = _queries(client, QUEUE + query)
    assert thousand == ten
    assert ten <= 15


def test_exporting_a_thousand_requests_takes_as_many_queries_as_ten(verified_admin_client):
    def export_queries():
        ids = list(SubjectRequest.objects.values_list("pk", flat=True))
        with CaptureQueriesContext(connection) as queries:
            response = verified_admin_client.post(
                QUEUE, {"action": "export_csv", "select_across": "1", "_selected_action": ids[:1]}
            )
        assert response.content.decode().count("\n") == len(ids) + 1
        inserts = [q for q in queries if q["sql"].startswith('INSERT INTO "requests_app_accesslog')]
        return len(queries) - len(inserts), len(inserts)

    _bulk(10)
    ten, ten_inserts = export_queries()
    SubjectRequest.objects.all().delete()
    _bulk(1000)
    thousand, thousand_inserts = export_queries()
    assert thousand == ten
    # The access-log entries go in batches (SQLite allows fewer values per query than PostgreSQL).
    assert ten_inserts == 1
    assert thousand_inserts <= 1000 // 50
