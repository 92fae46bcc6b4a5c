"""Scopes as DRF permission classes. Which rows a client may touch is decided by the views'
querysets (`queryset_for`), so a row of another organisation or domain is a 404, not a 403."""

from rest_framework.permissions import BasePermission

from ..models import ApiClient, CaseDomain, Scope


def _client(request):
    return request.auth if isinstance(request.auth, ApiClient) else None


class HasSignalsWrite(BasePermission):
    """A reporting party submitting (and following) its own early signs of debt."""

    def has_permission(self, request, view):
        client = _client(request)
        return bool(client and client.has_scope(Scope.SIGNALS_WRITE))


class _CasesWrite(BasePermission):
    domain: str

    def has_permission(self, request, view):
        client = _client(request)
        return bool(
            client and client.has_scope(Scope.CASES_WRITE) and client.case_domain == self.domain
        )


class HasDebtCasesWrite(_CasesWrite):
    """A case system of the debt team (schuldhulpverlening)."""

    domain = CaseDomain.DEBT


class HasYouthCasesWrite(_CasesWrite):
    """A case system of youth assistance (jeugdhulp)."""

    domain = CaseDomain.YOUTH


class HasCasesWrite(BasePermission):
    """A case system of any domain; the view's queryset keeps it to its own domain."""

    def has_permission(self, request, view):
        client = _client(request)
        return bool(client and client.has_scope(Scope.CASES_WRITE) and client.case_domain)
