"""Who in the back office may see and do what: the three roles and the domain teams.

The groups and their permissions are created by migration 0004 (`ROLE_PERMISSIONS`); this
module names them and scopes querysets. The rules:

* DPO (Functionaris Gegevensbescherming): everything. Complaints are visible to the DPO
  alone: the AP expects the DPO to be the first point of contact for privacy complaints, and
  to keep them confidential.
* Privacy handler: the requests (not complaints) of their domain team(s), and those assigned
  to them. A handler belongs to a team group ("Team debt", ...).
* Auditor: read-only: the queue, a request's workflow and timeline, and the access log; not the
  personal data in a request.

A superuser is treated as the DPO (operators: keep superusers to the break-glass account).
"""

from django.db.models import Q

from .models import Domain, Kind, SubjectRequest

DPO = "DPO"
HANDLER = "Privacy handler"
AUDITOR = "Auditor"
ROLES = (DPO, HANDLER, AUDITOR)

TEAMS = {
    Domain.DEBT: "Team debt",
    Domain.YOUTH: "Team youth",
    Domain.OTHER: "Team other",
}

_REQUESTS = "requests_app"
ROLE_PERMISSIONS = {
    DPO: [
        "view_subjectrequest",
        "view_personal_data",
        "transition_subjectrequest",
        "register_subjectrequest",
        "assign_subjectrequest",
        "export_subjectrequest",
        "view_transition",
        "view_accesslogentry",
    ],
    HANDLER: [
        "view_subjectrequest",
        "view_personal_data",
        "transition_subjectrequest",
        "register_subjectrequest",
        "export_subjectrequest",
        "view_transition",
    ],
    AUDITOR: [
        "view_subjectrequest",
        "view_transition",
        "view_accesslogentry",
    ],
}


def _group_names(user) -> set[str]:
    cache = getattr(user, "_role_groups", None)
    if cache is None:
        cache = set(user.groups.values_list("name", flat=True))
        user._role_groups = cache
    return cache


def is_dpo(user) -> bool:
    return user.is_active and (user.is_superuser or DPO in _group_names(user))


def is_handler(user) -> bool:
    return user.is_active and HANDLER in _group_names(user)


def is_auditor(user) -> bool:
    return user.is_active and AUDITOR in _group_names(user)


def team_domains(user) -> list[str]:
    names = _group_names(user)
    return [domain for domain, group in TEAMS.items() if group in names]


def requests_visible_to(user, queryset=None):
    """The requests and complaints `user` may see; none for anyone without a role."""
    queryset = SubjectRequest.objects.all() if queryset is None else queryset
    if not (user.is_authenticated and user.is_active and user.is_staff):
        return queryset.none()
    if is_dpo(user):
        return queryset
    requests = queryset.exclude(kind=Kind.COMPLAINT)
    if is_auditor(user):
        return requests
    if is_handler(user):
        return requests.filter(Q(domain__in=team_domains(user)) | Q(assigned_to=user))
    return queryset.none()


def can_see(user, request: SubjectRequest) -> bool:
    return requests_visible_to(user).filter(pk=request.pk).exists()


def handlers():
    """Active staff who can be assigned requests: handlers and DPOs."""
    from django.contrib.auth import get_user_model

    return (
        get_user_model()
        .objects.filter(is_active=True, is_staff=True, groups__name__in=[HANDLER, DPO])
        .distinct()
        .order_by("username")
    )
