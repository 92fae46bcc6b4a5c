"""Findings of the attack review of issue 15 (classification, keys, logs, access log).

Each test documents a weakness that is still there: it is marked xfail(strict=True), so it
starts failing (XPASS) the day the weakness is fixed, and the mark must then go."""

import json

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, transaction

from cases.api.serializers import DebtSignalCreateSerializer
from cases.validators import validate_no_bsn
from heerlen_privacy.admin_site import HIDDEN_COLUMN

BSN = "628194821"  # passes the eleven-test; made up

# Not marked `postgres`: tests/conftest.py reports a marked test's xfail as a failure under
# CI=true (an xfail report counts as skipped there). These skip by themselves on SQLite.
postgres_only = pytest.mark.skipif(
    "connection.vendor != 'postgresql'", reason="needs PostgreSQL: set DATABASE_URL"
)


# F1 (fixed): kept as a test.
@pytest.mark.parametrize("written", ["628,194,821", "628:194:821", "6281\u201394\u2013821"])
def test_external_reference_refuses_a_bsn_with_any_separator(written):
    with pytest.raises(ValidationError):
        validate_no_bsn(written)


@pytest.mark.xfail(
    strict=True,
    reason="F2: StrictSerializer echoes an unknown key that matches FIELD_NAME; a key such as "
    "bsn_628194821 or jan_jansen reaches the API answer, and a batch line's errors are stored "
    "in SignalBatchItem.errors, a column classified none",
)
def test_an_unknown_field_name_holding_a_bsn_is_not_echoed():
    serializer = DebtSignalCreateSerializer(data={f"bsn_{BSN}": "x", "henk_vermeulen": "y"})
    assert not serializer.is_valid()
    errors = json.dumps(serializer.errors)
    assert BSN not in errors
    assert "vermeulen" not in errors


@pytest.mark.xfail(
    strict=True,
    reason="F3 (info): HIDDEN_COLUMN goes by name, and misses hashed or secret columns not "
    "named *_index/*_hash/*_key/*secret: DestructionLogEntry.references (an HMAC), "
    "auth.User.password, otp_totp key; no auditor reaches the last two today",
)
@pytest.mark.parametrize("column", ["references", "password", "key"])
def test_every_hashed_column_is_hidden_from_admin_lookups(column):
    assert HIDDEN_COLUMN.search(column)


@postgres_only
@pytest.mark.django_db(transaction=True)
@pytest.mark.xfail(
    strict=True,
    reason="F4: the app role owns the access log (docker-compose runs it as POSTGRES_USER, a "
    "superuser): ALTER TABLE ... DISABLE TRIGGER USER, then TRUNCATE empties the log",
)
def test_the_app_role_cannot_switch_off_the_truncate_trigger():
    from accesslog.models import AccessLogEntry

    table = AccessLogEntry._meta.db_table
    refused = False
    try:
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(f"ALTER TABLE {table} DISABLE TRIGGER USER")
            cursor.execute(f"TRUNCATE {table}")
            cursor.execute(f"ALTER TABLE {table} ENABLE TRIGGER USER")
    except Exception:  # refused: what a fix must give
        refused = True
    assert refused


@postgres_only
@pytest.mark.django_db(transaction=True)
@pytest.mark.xfail(
    strict=True,
    reason="F5: a superuser app role can set session_replication_role = replica, which "
    "silences every user trigger, the TRUNCATE trigger and the row triggers of 0003/0004",
)
def test_the_app_role_cannot_silence_triggers_by_replication_role():
    from accesslog.models import AccessLogEntry

    table = AccessLogEntry._meta.db_table
    refused = False
    try:
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("SET LOCAL session_replication_role = replica")
            cursor.execute(f"TRUNCATE {table}")
    except Exception:
        refused = True
    assert refused


@postgres_only
@pytest.mark.django_db(transaction=True)
# F6 (fixed): kept as a test.
def test_the_dump_grep_sees_a_marker_in_a_binary_column():
    from requests_app.answer_files import response_file_attach
    from tests.requests_app.factories import subject_request
    from tests.test_data_at_rest import _dump

    marker = "QxPlainFileZq"
    stored = response_file_attach(
        request=subject_request(), name="answer.csv", content=b"naam;x\r\n"
    )
    with connection.cursor() as cursor:  # what a regression would store: the file as it came
        cursor.execute(
            "UPDATE requests_app_responsefile SET content = %s WHERE id = %s",
            [f"naam;{marker}\r\n".encode(), stored.pk],
        )
    assert marker in _dump()


# F7 (fixed): kept as a test.
@pytest.mark.parametrize(
    "line",
    [
        "GET /beheer/?bsn=628+194+821 HTTP/1.1",
        "GET /api/intake/debt-signals/628%20194%20821/ HTTP/1.1",
        "BSN 6281 94 821",
        "BSN 628/194/821",
        "BSN 628_194_821",
    ],
)
def test_the_log_filter_redacts_a_bsn_however_it_is_written(line):
    import re
    from urllib.parse import unquote_plus

    from heerlen_privacy.logfilters import redact

    # What a reader of the log sees, decoded: the nine digits of the BSN in a row.
    assert BSN not in re.sub(r"\D", "", unquote_plus(redact(line)))


@pytest.mark.django_db
# F8 (fixed): kept as a test.
def test_an_active_digid_session_survives_removal_of_the_old_key(settings):
    from cryptography.fernet import Fernet
    from django.contrib.sessions.backends.db import SessionStore

    from digid.session import Resident, resident_load, resident_store
    from requests_app.assurance import Level

    old, new = Fernet.generate_key().decode(), Fernet.generate_key().decode()
    settings.FIELD_ENCRYPTION_KEYS = [old]
    session = SessionStore()
    start = 1_000_000.0
    resident_store(session, Resident(bsn=BSN, level=Level.SUBSTANTIEEL), now=start)
    settings.FIELD_ENCRYPTION_KEYS = [new, old]  # runbook step 2, then step 3 (no session)
    for minute in range(10, 50, 10):  # the resident clicks every ten minutes
        assert resident_load(session, now=start + minute * 60) is not None
    settings.FIELD_ENCRYPTION_KEYS = [new]  # step 5: more than 30 minutes after step 2
    resident_load(session, now=start + 50 * 60)  # logged in, or logged out: never an error


@pytest.mark.django_db
@pytest.mark.xfail(
    strict=True,
    reason="F9: TOTP throttling is off (OTP_TOTP_THROTTLE_FACTOR = 0) and axes locks per user "
    "name and full address; IPv6 addresses are not grouped, so someone with the password and "
    "one /64 gets 5 code guesses per address without bound: the second factor can be guessed",
)
def test_code_guesses_from_one_ipv6_network_are_bounded(admin_user):
    from django.test import Client
    from django_otp.oath import totp
    from django_otp.plugins.otp_totp.models import TOTPDevice

    admin_user.set_password("a long enough password")
    admin_user.save()
    device = TOTPDevice.objects.create(user=admin_user, name="phone", confirmed=True)
    data = {"username": admin_user.username, "password": "a long enough password"}
    wrong = f"{(totp(device.bin_key) + 500_000) % 1_000_000:06d}"
    for host in range(1, 31):  # 30 guesses, each from its own address of one /64
        Client(REMOTE_ADDR=f"2001:db8::{host:x}").post(
            "/en/beheer/login/", {**data, "otp_token": wrong}
        )
    guesser = Client(REMOTE_ADDR="2001:db8::ff")
    guesser.post("/en/beheer/login/", {**data, "otp_token": f"{totp(device.bin_key):06d}"})
    assert guesser.get("/en/beheer/requests_app/subjectrequest/").status_code == 302


@postgres_only
@pytest.mark.django_db(transaction=True)
@pytest.mark.xfail(
    strict=True,
    reason="F10: the staff's TOTP seeds (otp_totp key) and backup codes (otp_static token) are "
    "plain in a dump: with the PBKDF2 hashes next to them, a dump reader who cracks one weak "
    "password has both factors of a back-office account",
)
def test_a_dump_holds_no_second_factor_secret(django_user_model):
    from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from tests.test_data_at_rest import _dump

    user = django_user_model.objects.create_user("dpo_dump", password="x" * 20, is_staff=True)
    device = TOTPDevice.objects.create(user=user, name="phone", confirmed=True)
    backup = StaticDevice.objects.create(user=user, name="backup", confirmed=True)
    token = StaticToken.objects.create(device=backup, token="qxbackupzq")
    dump = _dump()
    assert device.key not in dump
    assert token.token not in dump


@postgres_only
@pytest.mark.django_db(transaction=True)
# F11 (fixed): kept as a test.
def test_a_dump_holds_no_live_session_key(client, django_user_model):
    from django.conf import settings

    from tests.conftest import otp_login
    from tests.test_data_at_rest import _dump

    user = django_user_model.objects.create_user("dpo_session", is_staff=True)
    otp_login(client, user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME].value
    assert cookie not in _dump()
