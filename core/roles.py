"""Who may see and do what in the back office: every group and its permissions, in one table.

`sync_roles` makes the database equal to this table after every `migrate` (and on
`manage.py sync_roles`): groups are created, permissions added and removed. What each
permission lets a user do is checked by the app that defines it; which records a user sees
within a permission (a handler's team, the case workers' domain) is scoped there too
(`requests_app.roles.requests_visible_to`, the case admin's querysets).

A superuser passes every permission check: keep superusers to the break-glass account.
"""

DPO = "DPO"
HANDLER = "Privacy handler"
AUDITOR = "Auditor"
CASE_WORKER_DEBT = "Case worker debt"
CASE_WORKER_YOUTH = "Case worker youth"

# Team groups carry no permissions: they say which requests a privacy handler handles.
TEAM_DEBT = "Team debt"
TEAM_YOUTH = "Team youth"
TEAM_OTHER = "Team other"
TEAMS = (TEAM_DEBT, TEAM_YOUTH, TEAM_OTHER)

# Read-only views of what the retention run writes, for those who oversee it.
_RETENTION_READ = (
    "retention.view_retentionpolicy",
    "retention.view_retentionrun",
    "retention.view_destructionlist",
    "retention.view_destructionlogentry",
    "retention.view_retentionstatistic",
)

ROLE_PERMISSIONS: dict[str, tuple[str, ...]] = {
    # The Data Protection Officer (FG): every request and complaint, the access log, and the
    # oversight of retention: approving destruction lists, revoking intake API clients.
    # Case contents stay with the case workers.
    DPO: (
        "requests_app.view_subjectrequest",
        "requests_app.view_personal_data",
        "requests_app.transition_subjectrequest",
        "requests_app.register_subjectrequest",
        "requests_app.assign_subjectrequest",
        "requests_app.export_subjectrequest",
        "requests_app.view_transition",
        "requests_app.view_letter",
        "requests_app.approve_letter",
        "requests_app.view_responsefile",
        "requests_app.add_responsefile",
        "accesslog.view_accesslogentry",
        *_RETENTION_READ,
        "retention.approve_destructionlist",
        "cases.view_apiclient",
        "cases.change_apiclient",
    ),
    # Handles the requests (never complaints) of their team, and those assigned to them:
    # reads the personal data, moves the workflow, sends letters and answer files, and
    # approves a colleague's decision letter (never their own: `letter_drafts.may_approve`).
    HANDLER: (
        "requests_app.view_subjectrequest",
        "requests_app.view_personal_data",
        "requests_app.transition_subjectrequest",
        "requests_app.register_subjectrequest",
        "requests_app.export_subjectrequest",
        "requests_app.view_transition",
        "requests_app.view_letter",
        "requests_app.approve_letter",
        "requests_app.view_responsefile",
        "requests_app.add_responsefile",
    ),
    # Reads and never changes: the queue, the workflow, the access log, the retention run;
    # no personal data in a request, and no complaints.
    AUDITOR: (
        "requests_app.view_subjectrequest",
        "requests_app.view_transition",
        "accesslog.view_accesslogentry",
        *_RETENTION_READ,
    ),
    # The debt team: early signs of debt only, and the contact attempts on them.
    CASE_WORKER_DEBT: (
        "cases.view_debtsignal",
        "cases.change_debtsignal",
        "cases.view_contactattempt",
        "cases.view_casehistory",
    ),
    # The youth team: youth assistance cases only.
    CASE_WORKER_YOUTH: (
        "cases.view_youthcase",
        "cases.change_youthcase",
        "cases.view_casehistory",
    ),
}

GROUPS = (*ROLE_PERMISSIONS, *TEAMS)
