"""Which requests a back-office user sees. The roles and their permissions are the table in
`core/roles.py`; this module scopes querysets by role and team:

* DPO (Functionaris Gegevensbescherming): every request and complaint. Complaints are
  visible to the DPO alone: the AP expects the DPO to be the first point of contact for
  privacy complaints, and to keep them confidential.
* Privacy handler: the requests (not complaints) of their domain team(s), and those assigned
  to them. A handler belongs to a team group ("Team debt", ...).
* Auditor: the requests (not complaints), without the personal data in them.

A superuser is treated as the DPO (operators: keep superusers to the break-glass account).
"""

from django.contrib.auth import get_user_model
from django.db.models import Q

from core.roles import AUDITOR, DPO, HANDLER, TEAM_DEBT, TEAM_OTHER, TEAM_YOUTH

from .models import Domain, Kind, SubjectRequest

ROLES = (DPO, HANDLER, AUDITOR)
TEAMS = {
    Domain.DEBT: TEAM_DEBT,
    Domain.YOUTH: TEAM_YOUTH,
    Domain.OTHER: TEAM_OTHER,
}


def _group_names(user) -> set[str]:
    cache = getattr(user, "_role_groups", None)
    if cache is None:
        cache = set(user.groups.values_list("name", flat=True))
        user._role_groups = cache  # noqa: SLF001 (a per-request cache on the user object)
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
    return (
        get_user_model()
        .objects.filter(is_active=True, is_staff=True, groups__name__in=[HANDLER, DPO])
        .distinct()
        .order_by("username")
    )
