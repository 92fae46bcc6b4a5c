"""Attack review of issue 13 on PostgreSQL: printing the post tray twice at once, and two
approvers issuing the same decision at once. Both held when this was written."""

import threading

import pytest
from django.db import connection

from requests_app import letter_drafts, post_tray, roles
from requests_app.models import Letter

from .factories import staff, subject_request
from .test_attack13 import REFUSAL, issue_by_post, registered

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def _together(count, work):
    barrier = threading.Barrier(count)
    results, errors = [], []

    def run():
        try:
            barrier.wait()
            results.append(work())
        except Exception as error:  # reported by the assertions
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results, errors


def test_held_two_people_printing_the_tray_at_once_print_each_letter_once():
    dpo = staff(roles.DPO)
    printers = [staff(roles.DPO), staff(roles.DPO)]
    letters = [issue_by_post(registered(), dpo) for _ in range(4)]
    ids = [str(letter.public_id) for letter in letters]
    turn = iter(printers)
    lock = threading.Lock()

    def work():
        with lock:
            user = next(turn)
        _pdf, printed = post_tray.letters_print(user=user, public_ids=ids)
        return [letter.pk for letter in printed]

    results, errors = _together(2, work)
    assert not errors
    printed = [pk for result in results for pk in result]
    assert sorted(printed) == sorted(letter.pk for letter in letters)


def test_held_two_approvers_at_once_issue_one_letter():
    request = subject_request(status="in_progress", identity_method="digid")
    writer = staff(roles.HANDLER, teams=["debt"])
    draft = letter_drafts.draft_start(request=request, letter_type="refusal", actor=writer)
    draft = letter_drafts.draft_save(draft=draft, fields=REFUSAL, actor=writer, expected_version=0)
    draft = letter_drafts.draft_submit(draft=draft, actor=writer, expected_version=draft.version)
    approvers = iter([staff(roles.DPO), staff(roles.DPO)])
    lock = threading.Lock()

    def work():
        with lock:
            user = next(approvers)
        return letter_drafts.draft_issue(draft=draft, actor=user, expected_version=draft.version)

    results, errors = _together(2, work)
    assert Letter.objects.filter(request=request).count() == 1
    assert len(results) == 1
    assert len(errors) == 1
    assert isinstance(errors[0], letter_drafts.DraftRefused)
