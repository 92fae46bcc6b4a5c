"""Who gets what, for every URL of the project: each cell of the matrix is one assertion.

Actors: anonymous; a resident with their own status link, and one with another resident's
link; a privacy handler of the debt team and one of the youth team; the auditor; the DPO; a
case worker of the debt team; API clients of the reporting organisation that filed a signal
and of another one. Request A (access, debt) belongs to the first resident; C is a complaint.

A URL pattern added to the project without a row here fails `test_every_url_is_in_the_matrix`.
Admin screens of each registered model are covered model by model in `ADMIN_MODELS`.
"""

from dataclasses import dataclass, field

import pytest
from django.contrib import admin
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import timezone

from cases.models import ReportingOrganisation, SignalBatch
from cases.services import api_client_create
from requests_app import letter_drafts, letters, roles, services
from requests_app.answer_files import response_file_attach
from requests_app.models import SubjectRequest
from retention.models import DestructionList, DestructionListItem, RetentionRun
from statements.models import StatementVersion

from .cases.factories import DebtSignalFactory, OrganisationFactory, YouthCaseFactory
from .conftest import otp_login, statements_load
from .requests_app.factories import staff

pytestmark = pytest.mark.django_db

ANON, OWNER, OTHER_RESIDENT = "anonymous", "resident", "other resident"
HANDLER, OTHER_TEAM, AUDITOR, DPO = "handler", "other team's handler", "auditor", "DPO"
CASE_WORKER = "case worker (debt)"
CLIENT, OTHER_CLIENT = "API client", "other organisation's API client"
STAFF = (HANDLER, OTHER_TEAM, AUDITOR, DPO, CASE_WORKER)
PEOPLE = (ANON, OWNER, OTHER_RESIDENT, *STAFF)
EVERYONE = (*PEOPLE, CLIENT, OTHER_CLIENT)


@dataclass
class World:
    clients: dict = field(default_factory=dict)
    paths: dict = field(default_factory=dict)


@pytest.fixture
def world(policies):
    w = World()
    statements_load(call_command)
    request_a, secret_a = services.request_submit(
        kind="access", domain="debt", name="Jan Jansen", email="jan@example.nl"
    )
    # The owner confirmed their address with the code: their link shows the answer
    # (SubjectRequest.answer_released; before it, letters and files are 404).
    SubjectRequest.objects.filter(pk=request_a.pk).update(verified_at=timezone.now())
    request_a.refresh_from_db()
    _request_b, secret_b = services.request_submit(
        kind="erasure", domain="debt", name="Piet Peters", email="piet@example.nl"
    )
    complaint, _secret_c = services.request_submit(
        kind="complaint", domain="debt", name="Klaas Kok", email="klaas@example.nl"
    )
    letter = letters.letter_issue(request=request_a, letter_type="acknowledgement", fields={})
    draft = letter_drafts.draft_start(request=request_a, letter_type="acknowledgement", actor=None)
    answer = response_file_attach(request=request_a, name="antwoord.txt", content=b"inzage")
    landlord = OrganisationFactory()
    other_org = OrganisationFactory(
        name="Waterbedrijf Limburg", kind=ReportingOrganisation.Kind.WATER_COMPANY
    )
    signal = DebtSignalFactory(reporting_organisation=landlord)
    youth = YouthCaseFactory()
    # A destruction list awaiting approval and a run, each with a statement (a stand-in PDF).
    listed = YouthCaseFactory(ended=True)
    destruction_list = DestructionList.objects.create(
        policy_code="youth-assistance-records", record_type="youth_case", created_at=timezone.now()
    )
    item = DestructionListItem.objects.create(
        destruction_list=destruction_list,
        record_id=listed.pk,
        archiefactiedatum=timezone.localdate(),
    )
    destruction_list.statement.save("matrix-list.pdf", ContentFile(b"%PDF-1.7 matrix"))
    run = RetentionRun.objects.create(
        started_at=timezone.now(), today=timezone.localdate(), status="succeeded"
    )
    run.statement.save("matrix-run.pdf", ContentFile(b"%PDF-1.7 matrix"))
    own, own_token = api_client_create(organisation=landlord, name="own", scopes=["signals:write"])
    batch = SignalBatch.objects.create(client=own, total=0, created_at=timezone.now())
    _other, other_token = api_client_create(
        organisation=other_org, name="other", scopes=["signals:write"]
    )
    for actor in EVERYONE:
        w.clients[actor] = Client()
    users = {
        HANDLER: staff(roles.HANDLER, teams=["debt"]),
        OTHER_TEAM: staff(roles.HANDLER, teams=["youth"]),
        AUDITOR: staff(roles.AUDITOR),
        DPO: staff(roles.DPO),
        CASE_WORKER: staff(),
    }
    from django.contrib.auth.models import Group

    users[CASE_WORKER].groups.add(Group.objects.get(name="Case worker debt"))
    for actor, user in users.items():
        otp_login(w.clients[actor], user)
    w.clients[CLIENT].defaults["HTTP_AUTHORIZATION"] = f"Bearer {own_token}"
    w.clients[OTHER_CLIENT].defaults["HTTP_AUTHORIZATION"] = f"Bearer {other_token}"
    w.paths = {
        "secret": {OWNER: secret_a, OTHER_RESIDENT: secret_b},
        "request": request_a.pk,
        "request_public": request_a.public_id,
        "complaint": complaint.pk,
        "letter": letter.public_id,
        "draft": draft.public_id,
        "file": answer.public_id,
        "signal": signal.public_id,
        "signal_pk": signal.pk,
        "batch": batch.public_id,
        "youth": youth.public_id,
        "youth_pk": youth.pk,
        "version_pk": StatementVersion.objects.order_by("pk").first().pk,
        "list_pk": destruction_list.pk,
        "item_pk": item.pk,
        "run_pk": run.pk,
    }
    return w


def everyone(status):
    return dict.fromkeys(EVERYONE, status)


def staff_only(**by_actor):
    """A back-office screen: anonymous people and API clients are sent to the login page."""
    return {**dict.fromkeys((ANON, OWNER, OTHER_RESIDENT, CLIENT, OTHER_CLIENT), 302), **by_actor}


def api(**by_actor):
    """An intake endpoint: no Bearer token (people, staff sessions) is a 401."""
    return {**dict.fromkeys(PEOPLE, 401), **by_actor}


# (url name, method, path template, expected status per actor). `{secret}` is the acting
# resident's own link (the owner's, for everyone else): a link opens its own request only.
ROWS = [
    ("healthz", "get", "/healthz", everyone(200)),
    ("favicon", "get", "/favicon.ico", everyone(302)),
    ("readyz", "get", "/readyz", everyone(200)),
    # Anyone's browser; a post without the browser's Sec-Fetch-Site is refused.
    ("statistics-beacon", "post", "/statistieken/", everyone(403)),
    ("statements:index", "get", "/", everyone(200)),
    ("statements:detail", "get", "/algemeen/", everyone(200)),
    ("statements:archive", "get", "/algemeen/versies/", everyone(200)),
    ("statements:version", "get", "/algemeen/versies/1/", everyone(200)),
    ("statements:pdf", "get", "/algemeen/versies/1/pdf/", everyone(200)),
    ("statements:changes", "get", "/algemeen/versies/1/wijzigingen/", everyone(404)),
    ("statements-api:list", "get", "/api/statements/", everyone(200)),
    ("statements-api:current", "get", "/api/statements/algemeen/", everyone(200)),
    ("statements-api:versions", "get", "/api/statements/algemeen/versions/", everyone(200)),
    ("statements-api:version", "get", "/api/statements/algemeen/versions/1/", everyone(200)),
    ("schema", "get", "/api/schema/", everyone(200)),
    ("api-docs", "get", "/api/docs/", everyone(200)),
    ("requests:choose", "get", "/verzoek/", everyone(200)),
    ("requests:submit", "get", "/verzoek/inzage/", everyone(200)),
    # The resident's link: the owner sees their request; anyone else's link opens their own.
    ("requests:status", "get", "/verzoek/status/{secret}/", everyone(200)),
    ("requests:status", "get", "/verzoek/status/not-a-secret/", everyone(404)),
    ("requests:receipt", "get", "/verzoek/status/{secret}/ontvangstbewijs/", everyone(200)),
    (
        "requests:letter",
        "get",
        "/verzoek/status/{secret}/brieven/{letter}/",
        {**everyone(200), OTHER_RESIDENT: 404},
    ),
    (
        "requests:response_file",
        "get",
        "/verzoek/status/{secret}/bestanden/{file}/",
        {**everyone(200), OTHER_RESIDENT: 404},
    ),
    ("requests:export", "get", "/verzoek/status/{secret}/gegevens.json", everyone(404)),
    ("requests:verify", "post", "/verzoek/status/not-a-secret/bevestigen/", everyone(404)),
    ("requests:code_renew", "get", "/verzoek/status/{secret}/nieuwe-code/", everyone(405)),
    ("requests:code_renew", "post", "/verzoek/status/not-a-secret/nieuwe-code/", everyone(404)),
    # GET only asks "withdraw?"; the page's own POST withdraws.
    ("requests:withdraw", "get", "/verzoek/status/{secret}/intrekken/", everyone(200)),
    ("requests:withdraw", "post", "/verzoek/status/not-a-secret/intrekken/", everyone(404)),
    # DigiD (digid/): off here (no provider configured), so every DigiD page is a 404 and
    # logging out is harmless. With DigiD on, residents' access is tested per resident in
    # tests/digid/test_access.py.
    ("digid:login", "get", "/digid/inloggen/", everyone(404)),
    ("digid:logout", "post", "/digid/uitloggen/", everyone(302)),
    ("digid:mine", "get", "/mijn-verzoeken/", everyone(404)),
    (
        "digid:letter",
        "get",
        "/mijn-verzoeken/{request_public}/brieven/{letter}/",
        everyone(404),
    ),
    ("digid:file", "get", "/mijn-verzoeken/{request_public}/bestanden/{file}/", everyone(404)),
    ("digid-callback", "get", "/digid/terug/?state=x&code=y", everyone(404)),
    ("digid-logged-out", "get", "/digid/uitgelogd/", everyone(200)),
    # The back office.
    ("admin:index", "get", "/beheer/", staff_only(**dict.fromkeys(STAFF, 200))),
    ("admin:login", "get", "/beheer/login/", {**everyone(200), **dict.fromkeys(STAFF, 302)}),
    (
        "admin:requests_app_subjectrequest_changelist",
        "get",
        "/beheer/requests_app/subjectrequest/",
        staff_only(**{**dict.fromkeys(STAFF, 200), CASE_WORKER: 403}),
    ),
    (
        "admin:requests_app_subjectrequest_change",
        "get",
        "/beheer/requests_app/subjectrequest/{request}/change/",
        staff_only(**{HANDLER: 200, OTHER_TEAM: 403, AUDITOR: 200, DPO: 200, CASE_WORKER: 403}),
    ),
    (
        "admin:requests_app_subjectrequest_change",
        "get",
        "/beheer/requests_app/subjectrequest/{complaint}/change/",
        staff_only(**{**dict.fromkeys(STAFF, 403), DPO: 200}),
    ),
    (
        "admin:requests_app_subjectrequest_letter",
        "post",
        "/beheer/requests_app/subjectrequest/{request}/letter/acknowledgement/",
        staff_only(**{HANDLER: 302, OTHER_TEAM: 403, AUDITOR: 403, DPO: 302, CASE_WORKER: 403}),
    ),
    (
        "admin:requests_app_subjectrequest_letter_draft",
        "get",
        "/beheer/requests_app/subjectrequest/{request}/letter-draft/{draft}/",
        staff_only(**{HANDLER: 200, OTHER_TEAM: 403, AUDITOR: 403, DPO: 200, CASE_WORKER: 403}),
    ),
    (
        "admin:requests_app_subjectrequest_letter_preview",
        "get",
        "/beheer/requests_app/subjectrequest/{request}/letter-draft/{draft}/preview/",
        staff_only(**{HANDLER: 200, OTHER_TEAM: 403, AUDITOR: 403, DPO: 200, CASE_WORKER: 403}),
    ),
    (
        "admin:requests_app_subjectrequest_letter_correct",
        "post",
        "/beheer/requests_app/subjectrequest/{request}/letter-correct/{letter}/",
        staff_only(**{HANDLER: 302, OTHER_TEAM: 403, AUDITOR: 403, DPO: 302, CASE_WORKER: 403}),
    ),
    (
        "admin:requests_app_subjectrequest_transition",
        "post",
        "/beheer/requests_app/subjectrequest/{request}/transition/",
        staff_only(**{HANDLER: 302, OTHER_TEAM: 403, AUDITOR: 403, DPO: 302, CASE_WORKER: 403}),
    ),
    (
        "admin:requests_app_subjectrequest_note",
        "post",
        "/beheer/requests_app/subjectrequest/{request}/note/",
        staff_only(**{HANDLER: 302, OTHER_TEAM: 403, AUDITOR: 403, DPO: 302, CASE_WORKER: 403}),
    ),
    (
        "admin:requests_app_subjectrequest_authority",
        "post",
        "/beheer/requests_app/subjectrequest/{request}/authority/",
        staff_only(**{HANDLER: 302, OTHER_TEAM: 403, AUDITOR: 403, DPO: 302, CASE_WORKER: 403}),
    ),
    (
        "admin:requests_app_subjectrequest_person_search",
        "post",
        "/beheer/requests_app/subjectrequest/person-search/",
        staff_only(**{HANDLER: 200, OTHER_TEAM: 200, AUDITOR: 403, DPO: 200, CASE_WORKER: 403}),
    ),
    # The post tray: staff who write letters, each seeing their own requests' letters; printing
    # an empty choice sends back to the tray (302).
    (
        "admin:requests_app_subjectrequest_post_tray",
        "get",
        "/beheer/requests_app/subjectrequest/post-tray/",
        staff_only(**{HANDLER: 200, OTHER_TEAM: 200, AUDITOR: 403, DPO: 200, CASE_WORKER: 403}),
    ),
    (
        "admin:requests_app_subjectrequest_post_tray_print",
        "post",
        "/beheer/requests_app/subjectrequest/post-tray/print/",
        staff_only(**{HANDLER: 302, OTHER_TEAM: 302, AUDITOR: 403, DPO: 302, CASE_WORKER: 403}),
    ),
    (
        "admin:requests_app_subjectrequest_register",
        "get",
        "/beheer/requests_app/subjectrequest/register/",
        staff_only(**{HANDLER: 200, OTHER_TEAM: 200, AUDITOR: 403, DPO: 200, CASE_WORKER: 403}),
    ),
    (
        "request-reports",
        "get",
        "/beheer/rapportage/",
        staff_only(**{**dict.fromkeys(STAFF, 200), CASE_WORKER: 403}),
    ),
    (
        "request-annual-report",
        "get",
        "/beheer/rapportage/2026.pdf",
        staff_only(**{**dict.fromkeys(STAFF, 200), CASE_WORKER: 403}),
    ),
    (
        "admin:retention_operations",
        "get",
        "/beheer/retention/retentionrun/operations/",
        staff_only(**{**dict.fromkeys(STAFF, 403), AUDITOR: 200, DPO: 200}),
    ),
    (
        "admin:retention_operations_progress",
        "get",
        "/beheer/retention/retentionrun/operations/progress/",
        staff_only(**{**dict.fromkeys(STAFF, 403), AUDITOR: 200, DPO: 200}),
    ),
    # The DPO reviews a destruction list (an empty form is sent back with its errors: 302);
    # the auditor reads it and its statement; nobody else.
    (
        "admin:retention_destructionlist_exclude",
        "post",
        "/beheer/retention/destructionlist/{list_pk}/exclude/{item_pk}/",
        staff_only(**{**dict.fromkeys(STAFF, 403), DPO: 302}),
    ),
    (
        "admin:retention_destructionlist_approve",
        "post",
        "/beheer/retention/destructionlist/{list_pk}/approve/",
        staff_only(**{**dict.fromkeys(STAFF, 403), DPO: 302}),
    ),
    (
        "admin:retention_destructionlist_reject",
        "post",
        "/beheer/retention/destructionlist/{list_pk}/reject/",
        staff_only(**{**dict.fromkeys(STAFF, 403), DPO: 302}),
    ),
    (
        "admin:retention_destructionlist_statement",
        "get",
        "/beheer/retention/destructionlist/{list_pk}/statement/",
        staff_only(**{**dict.fromkeys(STAFF, 403), AUDITOR: 200, DPO: 200}),
    ),
    (
        "admin:retention_retentionrun_statement",
        "get",
        "/beheer/retention/retentionrun/{run_pk}/statement/",
        staff_only(**{**dict.fromkeys(STAFF, 403), AUDITOR: 200, DPO: 200}),
    ),
    # A legal hold on a request: who moves the request (its team's handler, the DPO); an empty
    # form is sent back (302). Another team's handler, the auditor: 403, logged.
    (
        "admin:requests_app_subjectrequest_legal_hold",
        "post",
        "/beheer/requests_app/subjectrequest/{request}/legal-hold/",
        staff_only(**{**dict.fromkeys(STAFF, 403), HANDLER: 302, DPO: 302}),
    ),
    # The answer on a request's page: who may see the request and whose role uploads and reads
    # answers (the team's handler, the DPO); an empty upload is sent back (302). The auditor
    # sees their metadata on the page only: 403, logged, like another team's handler.
    (
        "admin:requests_app_subjectrequest_answer_upload",
        "post",
        "/beheer/requests_app/subjectrequest/{request}/answer-files/",
        staff_only(**{**dict.fromkeys(STAFF, 403), HANDLER: 302, DPO: 302}),
    ),
    (
        "admin:requests_app_subjectrequest_answer_file",
        "get",
        "/beheer/requests_app/subjectrequest/{request}/answer-files/{file}/",
        staff_only(**{**dict.fromkeys(STAFF, 403), HANDLER: 200, DPO: 200}),
    ),
    (
        "admin:requests_app_subjectrequest_letter_pdf",
        "get",
        "/beheer/requests_app/subjectrequest/{request}/letters/{letter}/pdf/",
        staff_only(**{**dict.fromkeys(STAFF, 403), HANDLER: 200, DPO: 200}),
    ),
    # The case records about a request's person (subjects/admin.py): who reads the request's
    # personal data and may see it (its team's handler, the DPO); writes also need the
    # workflow permission, and an empty form is sent back (302). Refusals are logged.
    (
        "admin:requests_app_subjectrequest_records",
        "get",
        "/beheer/requests_app/subjectrequest/{request}/records/",
        staff_only(**{**dict.fromkeys(STAFF, 403), HANDLER: 200, DPO: 200}),
    ),
    (
        "admin:requests_app_subjectrequest_records_preview",
        "get",
        "/beheer/requests_app/subjectrequest/{request}/records/answer.pdf",
        staff_only(**{**dict.fromkeys(STAFF, 403), HANDLER: 200, DPO: 200}),
    ),
    (
        "admin:requests_app_subjectrequest_records_line",
        "post",
        "/beheer/requests_app/subjectrequest/{request}/records/lines/",
        staff_only(**{**dict.fromkeys(STAFF, 403), HANDLER: 302, DPO: 302}),
    ),
    (
        "admin:requests_app_subjectrequest_records_act",
        "post",
        "/beheer/requests_app/subjectrequest/{request}/records/act/",
        staff_only(**{**dict.fromkeys(STAFF, 403), HANDLER: 302, DPO: 302}),
    ),
    (
        "admin:requests_app_subjectrequest_bsn_check",
        "post",
        "/beheer/requests_app/subjectrequest/{request}/bsn/",
        staff_only(**{**dict.fromkeys(STAFF, 403), HANDLER: 302, DPO: 302}),
    ),
    (
        "admin:cases_debtsignal_change",
        "get",
        "/beheer/cases/debtsignal/{signal_pk}/change/",
        staff_only(**{**dict.fromkeys(STAFF, 403), CASE_WORKER: 200}),
    ),
    (
        "admin:cases_youthcase_change",
        "get",
        "/beheer/cases/youthcase/{youth_pk}/change/",
        staff_only(**dict.fromkeys(STAFF, 403)),
    ),
    # Statements are edited by the communications team's superuser only: no role here.
    (
        "admin:statements_statementversion_preview",
        "get",
        "/beheer/statements/statementversion/{version_pk}/preview/",
        staff_only(**dict.fromkeys(STAFF, 403)),
    ),
    (
        "admin:statements_statementversion_publish",
        "post",
        "/beheer/statements/statementversion/{version_pk}/publish/",
        staff_only(**dict.fromkeys(STAFF, 403)),
    ),
    (
        "admin:statements_statementversion_new_draft",
        "post",
        "/beheer/statements/statementversion/{version_pk}/new-draft/",
        staff_only(**dict.fromkeys(STAFF, 403)),
    ),
    # The intake API: an organisation sees only what it filed, and another's is not found.
    (
        "intake:debt-signal",
        "get",
        "/api/intake/debt-signals/{signal}/",
        api(**{CLIENT: 200, OTHER_CLIENT: 404}),
    ),
    # Batches: a reporting party reads its own organisation's batches only.
    (
        "intake:signal-batch",
        "get",
        "/api/intake/signal-batches/{batch}/",
        api(**{CLIENT: 200, OTHER_CLIENT: 404}),
    ),
    (
        "intake:signal-batch-create",
        "post",
        "/api/intake/signal-batches/",
        api(**{CLIENT: 400, OTHER_CLIENT: 400}),  # any reporting party; no Idempotency-Key
    ),
    (
        "intake:youth-case",
        "get",
        "/api/intake/youth-cases/{youth}/",
        api(**{CLIENT: 403, OTHER_CLIENT: 403}),  # reporting parties have no case scope
    ),
    (
        "intake:debt-signal-closure",
        "post",
        "/api/intake/debt-signals/{signal}/closure/",
        api(**{CLIENT: 403, OTHER_CLIENT: 403}),  # closing is for case systems
    ),
]

# Every registered model's list screen, per actor (302: sent to the login page).
ADMIN_MODELS = {
    "auth.group": {},
    "auth.user": {},
    "statements.statement": {},
    "statements.statementversion": {},
    "statements.pagestatistic": {},
    "requests_app.subjectrequest": {HANDLER: 200, OTHER_TEAM: 200, AUDITOR: 200, DPO: 200},
    "accesslog.accesslogentry": {AUDITOR: 200, DPO: 200},
    # The role table's decision: the DPO and the handlers list letters and answer files (each
    # handler those of the requests they may see); the auditor does not.
    "requests_app.letter": {HANDLER: 200, OTHER_TEAM: 200, DPO: 200},
    "requests_app.responsefile": {HANDLER: 200, OTHER_TEAM: 200, DPO: 200},
    "retention.retentionpolicy": {AUDITOR: 200, DPO: 200},
    "retention.retentionrun": {AUDITOR: 200, DPO: 200},
    "retention.destructionlist": {AUDITOR: 200, DPO: 200},
    "retention.destructionlogentry": {AUDITOR: 200, DPO: 200},
    "retention.retentionstatistic": {AUDITOR: 200, DPO: 200},
    "cases.debtsignal": {CASE_WORKER: 200},
    "cases.youthcase": {},
    "cases.apiclient": {DPO: 200},
    "otp_totp.totpdevice": {},
    "otp_static.staticdevice": {},
    "axes.accessattempt": {},
    "axes.accesslog": {},
    "axes.accessfailurelog": {},
}

INTAKE_WRITES = ("create", "contact-attempt", "offer", "decision", "objection", "closure")
INTAKE_WRITES += ("legal-hold", "legal-hold-lift")


def _call(world, actor, method, template):
    values = {
        **world.paths,
        "secret": world.paths["secret"].get(actor, world.paths["secret"][OWNER]),
    }
    path = template.format(**values)
    client = world.clients[actor]
    if method == "post":
        return client.post(path, {}, REMOTE_ADDR=f"10.9.{EVERYONE.index(actor)}.1")
    return client.get(path, REMOTE_ADDR=f"10.9.{EVERYONE.index(actor)}.1")


@pytest.mark.parametrize("row", ROWS, ids=[f"{row[1]} {row[2]}" for row in ROWS])
def test_row(world, row):
    """One row, every actor: the answers compared with the expected ones as a whole, so a
    failure names each cell that differs."""
    _name, method, template, expected = row
    answers = {actor: _call(world, actor, method, template).status_code for actor in EVERYONE}
    assert answers == {actor: expected[actor] for actor in EVERYONE}


@pytest.mark.parametrize("label", sorted(ADMIN_MODELS))
def test_admin_list_screens(world, label):
    app_label, model = label.split(".")
    answers, expected = {}, {}
    for actor in EVERYONE:
        response = world.clients[actor].get(f"/beheer/{app_label}/{model}/")
        if actor in STAFF:
            answers[actor] = response.status_code
            expected[actor] = ADMIN_MODELS[label].get(actor, 403)
        else:  # sent to the login page
            answers[actor] = (response.status_code, response.get("Location", "")[:15])
            expected[actor] = (302, "/beheer/login/?")
    assert answers == expected


def test_every_registered_model_is_in_the_matrix():
    registered = {model._meta.label_lower for model in admin.site._registry}
    assert registered == set(ADMIN_MODELS)


def _names(resolver, namespace=""):
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from _names(pattern, inner)
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield f"{namespace}{pattern.name}"


def test_every_url_is_in_the_matrix():
    """Each named URL has a row, or is one of the admin's per-model screens (list, add, change,
    delete, history), covered through ADMIN_MODELS and the model admins' own tests."""
    covered = {row[0] for row in ROWS}
    generic = ("_changelist", "_add", "_change", "_delete", "_history", "_config", "_qrcode")
    known_elsewhere = {
        # Admin plumbing, the same for every signed-in user.
        "admin:logout",
        "admin:password_change",
        "admin:password_change_done",
        "admin:autocomplete",
        "admin:jsi18n",
        "admin:view_on_site",
        "admin:app_list",
        # Intake writes, tested scope by scope in tests/retention/test_intake_api.py.
        *{
            f"intake:{kind}-{action}"
            for kind in ("debt-signal", "youth-case")
            for action in INTAKE_WRITES
        },
        # Staff actions tested with their own role checks in tests/retention/test_operations.py.
        "admin:retention_operations_approve",
        "admin:cases_debtsignal_bsn_search",
        "admin:cases_youthcase_bsn_search",
    }
    missing = {
        name
        for name in _names(get_resolver())
        if name not in covered
        and name not in known_elsewhere
        and not (name.startswith("admin:") and name.endswith(generic))
    }
    assert not missing, f"URLs without a row in the authorization matrix: {sorted(missing)}"
