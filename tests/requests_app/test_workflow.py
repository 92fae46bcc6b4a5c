import datetime
import itertools

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone, translation
from hypothesis import given, settings
from hypothesis import strategies as st

from requests_app import deadlines, roles, services, workflow
from requests_app.models import Channel, Event, LetterType, Status, SubjectRequest
from requests_app.workflow import TRANSITIONS, TransitionRefused
from tests.conftest import otp_login

from .factories import staff, subject_request

pytestmark = pytest.mark.django_db

RECEIVED = datetime.date(2026, 3, 2)  # a Monday
NOW = timezone.make_aware(datetime.datetime(2026, 3, 10, 14, 0))


@pytest.fixture(autouse=True)
def _messages_in_english():
    """The refusals are matched on their English source text; the portal's default is Dutch."""
    with translation.override("en"):
        yield


def _complete_args(to_status):
    """What each target needs, so that only the table decides."""
    return {
        "note": "reason",
        "refusal_ground": "gdpr_12_5" if to_status == Status.REFUSED else "",
        "verification_method": "digid",
        "told_on": NOW.date(),
        "without_letter_reason": "handed over at the counter",
    }


PAIRS = list(itertools.product(Status.values, Status.values))


@pytest.mark.parametrize(("current", "target"), PAIRS)
def test_every_pair_of_statuses_is_allowed_exactly_when_the_table_says(current, target):
    request = subject_request(status=current, received=RECEIVED)
    allowed = target in TRANSITIONS[current]
    try:
        workflow.check_transition(
            request=request, to_status=target, today=NOW.date(), **_complete_args(target)
        )
    except TransitionRefused as refusal:
        assert not allowed
        message = str(refusal)
        for name in TRANSITIONS[current]:
            assert str(Status(name).label) in message  # it names the allowed ones
    else:
        assert allowed


def test_the_table_covers_every_status_and_closed_ones_lead_nowhere():
    assert set(TRANSITIONS) == set(Status.values)
    for closed in (Status.COMPLETED, Status.REFUSED, Status.WITHDRAWN):
        assert TRANSITIONS[closed] == ()


def test_a_refused_transition_names_the_allowed_ones():
    request = subject_request(status="received")
    with pytest.raises(TransitionRefused) as refusal, translation.override("en"):
        services.request_transition(request=request, to_status="completed", actor=staff())
    assert str(refusal.value) == (
        "A request that is “received” cannot become “completed”. Allowed: verifying identity, "
        "in progress, on hold, refused, withdrawn."
    )


def test_a_transition_records_actor_time_note_and_the_letter_it_calls_for():
    actor = staff(roles.DPO)  # only the DPO closes without a decision letter
    request = subject_request(status="in_progress", identity_method="digid")
    on_hold = services.request_transition(
        request=subject_request(status="in_progress", identity_method="digid"),
        to_status="on_hold",
        actor=actor,
        note="Waiting for a copy of the decision",
        now=NOW,
    )
    assert on_hold.letter_type == LetterType.CLOCK_STOPPED  # the notice follows the step
    result = services.request_transition(
        request=request,
        to_status="refused",
        actor=actor,
        note="Third request this month",
        refusal_ground="gdpr_12_5",
        without_letter_reason="Refused in person at the counter, with the letter handed over",
        now=NOW,
    )
    step = result.transition
    assert (step.from_status, step.to_status, step.actor, step.at) == (
        "in_progress",
        "refused",
        actor,
        NOW,
    )
    assert step.note == "Third request this month"
    assert step.refusal_ground == "gdpr_12_5"
    assert result.letter_type == ""  # a decision letter comes before the step, not after
    assert step.without_letter_reason.startswith("Refused in person")
    request.refresh_from_db()
    assert request.status == "refused"
    assert request.closed_at == NOW
    assert request.refusal_ground == "gdpr_12_5"
    assert request.version == 1


def test_the_residents_withdrawal_is_a_step_of_the_workflow_with_no_staff_actor():
    request = subject_request(status="in_progress", identity_method="digid")
    services.request_withdraw(request=request, now=NOW)
    services.request_withdraw(request=request, now=NOW + datetime.timedelta(seconds=1))
    request.refresh_from_db()
    step = request.transitions.get()  # a double click withdraws once
    assert (step.from_status, step.to_status, step.actor, step.at) == (
        "in_progress",
        "withdrawn",
        None,
        NOW,
    )
    assert request.status == "withdrawn"
    assert request.version == 1
    assert request.withdrawn_at == request.closed_at == NOW
    assert request.events.filter(type=Event.Type.WITHDRAWN).count() == 1


def test_the_residents_withdrawal_restarts_a_stopped_clock_like_a_staff_step():
    request = subject_request(status="verifying", received=RECEIVED)
    services.request_transition(
        request=request, to_status="on_hold", actor=staff(), note="Waiting for DigiD", now=NOW
    )
    services.request_withdraw(request=request, now=NOW + datetime.timedelta(days=3))
    request.refresh_from_db()
    assert request.clock_stops.get().end == (NOW + datetime.timedelta(days=3)).date()
    assert request.transitions.count() == request.version == 2


def test_only_a_withdrawal_is_recorded_without_a_staff_actor():
    request = subject_request(status="in_progress", identity_method="digid")
    with pytest.raises(ValidationError):
        services.request_transition(
            request=request,
            to_status="completed",
            actor=None,
            note="done",
            without_letter_reason="given at the counter",
            now=NOW,
        )
    request.refresh_from_db()
    assert request.status == "in_progress"
    assert not request.transitions.exists()


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"refusal_ground": "gdpr_12_5"}, "Explain the refusal"),
        ({"note": "no"}, "legal ground"),
    ],
)
def test_a_refusal_needs_a_ground_and_an_explanation(kwargs, message):
    request = subject_request(status="in_progress")
    with pytest.raises(TransitionRefused, match=message):
        services.request_transition(request=request, to_status="refused", actor=staff(), **kwargs)
    request.refresh_from_db()
    assert request.status == "in_progress"
    assert not request.transitions.exists()


def test_work_starts_only_once_identity_is_recorded_with_its_method():
    request = subject_request(status="verifying")
    with pytest.raises(TransitionRefused, match="identity"):
        services.request_transition(request=request, to_status="in_progress", actor=staff())
    services.request_transition(
        request=request,
        to_status="in_progress",
        actor=staff(),
        verification_method="counter",
        now=NOW,
    )
    request.refresh_from_db()
    assert request.identity_method == "counter"
    assert request.identity_verified_at == NOW


def test_on_hold_stops_the_clock_and_restarting_stores_the_later_due_date():
    request = subject_request(status="verifying", received=RECEIVED)
    request.due_date = deadlines.request_deadline(received=RECEIVED)
    request.save()
    hold_at = timezone.make_aware(datetime.datetime(2026, 3, 10, 9))
    services.request_transition(
        request=request, to_status="on_hold", actor=staff(), note="Waiting for DigiD", now=hold_at
    )
    resume_at = hold_at + datetime.timedelta(days=10)
    services.request_transition(
        request=request,
        to_status="in_progress",
        actor=staff(),
        verification_method="digid",
        now=resume_at,
    )
    request.refresh_from_db()
    stop = request.clock_stops.get()
    assert (stop.start, stop.end, stop.reason) == (
        hold_at.date(),
        resume_at.date(),
        "Waiting for DigiD",
    )
    expected = deadlines.request_deadline(
        received=RECEIVED, stops=(deadlines.ClockStop(hold_at.date(), resume_at.date()),)
    )
    assert request.due_date == expected
    assert request.due_date > deadlines.request_deadline(received=RECEIVED)


def test_an_extension_is_told_in_time_and_adds_two_months():
    request = subject_request(status="in_progress", received=RECEIVED, identity_method="digid")
    result = services.request_transition(
        request=request,
        to_status="extended",
        actor=staff(),
        note="Records in three archives",
        told_on=NOW.date(),
        now=NOW,
    )
    assert result.letter_type == LetterType.EXTENSION
    request.refresh_from_db()
    assert request.extended_on == NOW.date()
    assert request.due_date == deadlines.request_deadline(received=RECEIVED, extended=True)


def test_an_extension_told_after_the_first_month_is_refused():
    request = subject_request(status="in_progress", received=RECEIVED)
    late = timezone.make_aware(datetime.datetime(2026, 4, 20, 10))
    with pytest.raises(TransitionRefused, match="first month"):
        services.request_transition(
            request=request,
            to_status="extended",
            actor=staff(),
            note="x",
            told_on=late.date(),
            now=late,
        )


def test_a_request_is_extended_only_once():
    request = subject_request(status="in_progress", received=RECEIVED, extended_on=RECEIVED)
    with pytest.raises(TransitionRefused, match="only once"):
        services.request_transition(
            request=request,
            to_status="extended",
            actor=staff(),
            note="x",
            told_on=RECEIVED,
            now=NOW,
        )


def test_a_complaint_is_postponed_once_by_at_most_four_weeks_and_never_put_on_hold():
    complaint = subject_request(kind="complaint", status="in_progress", received=RECEIVED)
    with pytest.raises(TransitionRefused, match="no stopped clock"):
        services.request_transition(
            request=complaint, to_status="on_hold", actor=staff(), note="x", now=NOW
        )
    with pytest.raises(TransitionRefused, match="1 to 4 weeks"):
        services.request_transition(
            request=complaint,
            to_status="extended",
            actor=staff(),
            note="x",
            told_on=NOW.date(),
            postponed_weeks=5,
            now=NOW,
        )
    services.request_transition(
        request=complaint,
        to_status="extended",
        actor=staff(),
        note="x",
        told_on=NOW.date(),
        postponed_weeks=3,
        now=NOW,
    )
    complaint.refresh_from_db()
    assert complaint.due_date == deadlines.complaint_deadline(received=RECEIVED, postponed_weeks=3)


def test_a_form_from_before_someone_elses_change_is_refused_not_lost():
    request = subject_request(status="received")
    opened_version = request.version
    services.request_transition(
        request=request, to_status="verifying", actor=staff(), expected_version=opened_version
    )
    with pytest.raises(services.StaleVersion):
        services.request_transition(
            request=request,
            to_status="refused",
            actor=staff(),
            note="x",
            refusal_ground="gdpr_12_6",
            expected_version=opened_version,
        )
    request.refresh_from_db()
    assert request.status == "verifying"
    assert request.transitions.count() == 1


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_staff_transitioning_at_once_lose_no_update():
    """Two threads take the same opened form: exactly one wins, the other is told."""
    import threading

    from django.db import connection

    request = subject_request(status="received")
    actor = staff()
    outcomes = []
    barrier = threading.Barrier(2)

    def attempt(target):
        try:
            barrier.wait()
            services.request_transition(
                request=request,
                to_status=target,
                actor=actor,
                note="n",
                expected_version=0,
                verification_method="digid",
            )
            outcomes.append("ok")
        except TransitionRefused:
            outcomes.append("refused")
        finally:
            connection.close()

    threads = [threading.Thread(target=attempt, args=(t,)) for t in ("verifying", "in_progress")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["ok", "refused"]
    request.refresh_from_db()
    assert request.version == 1
    assert request.transitions.count() == 1


def test_staff_register_a_letter_with_its_real_date_of_receipt():
    actor = staff(roles.HANDLER)
    now = timezone.make_aware(datetime.datetime(2026, 3, 20, 15))
    request, _secret = services.request_register(
        actor=actor,
        channel=Channel.LETTER,
        received_on=RECEIVED,
        kind="access",
        domain="youth",
        name="Anna de Vries",
        postal_address="Kerkstraat 1\n6411 AA Heerlen",
        now=now,
    )
    assert timezone.localdate(request.received_at) == RECEIVED
    assert request.due_date == deadlines.request_deadline(received=RECEIVED)
    assert request.submission_key is None
    assert request.channel == "letter"
    assert request.registered_by == actor
    assert request.email == ""
    assert request.delivery == "post"
    assert not request.emails.exists()  # no address: the acknowledgement goes by letter
    assert request.events.filter(type=Event.Type.REGISTERED, actor=actor, at=now).exists()
    # Not filed through the web form, so never removed as "unconfirmed".
    later = now + datetime.timedelta(days=60)
    assert not SubjectRequest.objects.unverified_expired(now=later).exists()


def test_registering_a_date_in_the_future_is_refused():
    with pytest.raises(ValueError, match="future"):
        services.request_register(
            actor=staff(),
            channel=Channel.PHONE,
            received_on=NOW.date() + datetime.timedelta(days=1),
            kind="access",
            domain="debt",
            name="X",
            now=NOW,
        )


def test_the_admin_moves_a_request_on_and_shows_the_timeline(client):
    handler = staff(roles.HANDLER, teams=["debt"], username="behandelaar")
    request = subject_request(status="received", domain="debt")
    otp_login(client, handler)
    page = f"/en/beheer/requests_app/subjectrequest/{request.pk}/"
    client.post(
        page + "transition/",
        {"to_status": "in_progress", "verification_method": "digid", "version": 0, "note": ""},
    )
    client.post(page + "note/", {"text": "Called the resident back"})
    html = client.get(page + "change/").content.decode()
    assert "received → in progress" in html
    assert "Called the resident back" in html
    assert "behandelaar" in html
    request.refresh_from_db()
    assert request.status == "in_progress"


def test_the_admin_says_which_transitions_are_allowed_when_one_is_not(client):
    request = subject_request(status="received")
    otp_login(client, staff(roles.DPO))
    page = f"/en/beheer/requests_app/subjectrequest/{request.pk}/"
    response = client.post(
        page + "transition/", {"to_status": "completed", "version": 0}, follow=True
    )
    assert "Allowed: verifying identity, in progress" in response.content.decode()
    request.refresh_from_db()
    assert request.status == "received"


def test_the_admin_registers_a_paper_request(client):
    otp_login(client, staff(roles.HANDLER, teams=["debt"]))
    data = {
        "channel": "counter",
        "received_on": "2026-03-02",
        "kind": "erasure",
        "domain": "debt",
        "name": "Kees Kok",
        "postal_address": "Akerstraat 5\n6411 HB Heerlen",
        "delivery": "post",
        "language": "nl",
    }
    response = client.post("/en/beheer/requests_app/subjectrequest/register/", data)
    request = SubjectRequest.objects.get()
    assert response.status_code == 302
    assert response["Location"].endswith(f"/{request.pk}/change/")
    assert request.name == "Kees Kok"
    assert request.channel == "counter"


@given(
    targets=st.lists(st.sampled_from(Status.values), max_size=8),
    kind=st.sampled_from(["access", "complaint"]),
)
@settings(max_examples=40, deadline=None)
def test_any_walk_through_the_workflow_keeps_the_request_consistent(targets, kind):
    """Whatever staff try, in whatever order: a refused step changes nothing, an accepted one
    is recorded once, the clock is stopped exactly while on hold, and closed means closed."""
    request = subject_request(status="received", kind=kind, received=RECEIVED)
    actor = staff()
    day = NOW
    for target in targets:
        day += datetime.timedelta(days=1)
        before = (request.status, request.version, request.due_date)
        try:
            request = services.request_transition(
                request=request,
                to_status=target,
                actor=actor,
                now=day,
                postponed_weeks=2,
                **_complete_args(target) | {"told_on": day.date()},
            ).request
        except TransitionRefused:
            request.refresh_from_db()
            assert (request.status, request.version, request.due_date) == before
            continue
        assert request.status == target
    request.refresh_from_db()
    assert request.transitions.count() == request.version
    open_stops = request.clock_stops.filter(end__isnull=True).count()
    assert open_stops == (1 if request.status == Status.ON_HOLD else 0)
    assert (request.closed_at is not None) == (not request.is_open)
    assert request.due_date >= due_date_for_receipt(kind)


def due_date_for_receipt(kind):
    return services.due_date_for(kind=kind, received_on=RECEIVED)


def test_the_admin_refuses_a_form_opened_before_someone_elses_change(client):
    request = subject_request(status="received")
    otp_login(client, staff(roles.DPO))
    page = f"/en/beheer/requests_app/subjectrequest/{request.pk}/"
    services.request_transition(request=request, to_status="verifying", actor=staff())
    response = client.post(
        page + "transition/",
        {"to_status": "refused", "version": 0, "note": "x", "refusal_ground": "gdpr_12_6"},
        follow=True,
    )
    assert "Someone else changed this request" in response.content.decode()
    request.refresh_from_db()
    assert request.status == "verifying"


def test_the_first_month_counts_from_the_amsterdam_date_of_receipt():
    """Filed at 00:30 on 1 March in Heerlen (23:30 on 28 February in UTC): the first month
    runs to 1 April, so an extension told on 31 March is in time."""
    request = subject_request(status="in_progress", received=datetime.date(2026, 3, 1))
    just_after_midnight = timezone.make_aware(datetime.datetime(2026, 3, 1, 0, 30))
    SubjectRequest.objects.filter(pk=request.pk).update(received_at=just_after_midnight)
    request.refresh_from_db()
    told = timezone.make_aware(datetime.datetime(2026, 3, 31, 10))
    result = services.request_transition(
        request=request,
        to_status="extended",
        actor=staff(),
        note="Veel dossiers bij de jeugdhulp",
        told_on=told.date(),
        now=told,
    )
    assert result.request.status == "extended"


def test_a_paper_request_without_e_mail_asks_for_no_code_and_its_letters_go_by_post(client):
    from requests_app import letters

    request, secret = services.request_register(
        actor=staff(roles.DPO),
        channel=Channel.PHONE,
        received_on=timezone.localdate(),
        kind="access",
        domain="youth",
        name="Jan Jansen",
        postal_address="Kerkstraat 1\n6411 AA Heerlen",
    )
    page = client.get(f"/verzoek/status/{secret}/").content.decode()
    assert 'id="confirm"' not in page  # no e-mail was sent, so no code to type

    letters.letter_issue(
        request=request,
        letter_type="extension",
        fields={"reason": "x", "new_due_date": "2099-01-01"},
    )
    assert not request.emails.filter(template="letter_notice").exists()
    assert request.events.filter(type="letter_issued", note__contains="send by post").exists()


def test_a_refused_note_is_logged(client):
    from accesslog.models import AccessLogEntry

    request = subject_request()
    auditor = staff(roles.AUDITOR)
    otp_login(client, auditor)
    url = f"/beheer/requests_app/subjectrequest/{request.pk}/note/"
    assert client.post(url, {"text": "mag niet"}).status_code == 403
    assert AccessLogEntry.objects.filter(user=auditor, action="denied").exists()


def test_an_extension_told_in_the_future_is_refused():
    request = subject_request(status="in_progress", received=RECEIVED)
    with pytest.raises(TransitionRefused, match="in the future"):
        services.request_transition(
            request=request,
            to_status="extended",
            actor=staff(),
            note="x",
            told_on=NOW.date() + datetime.timedelta(days=1),
            now=NOW,
        )
