"""Credentials for the intake API's case events, and a purge without its PDF."""

import pytest

from cases.models import ReportingOrganisation
from cases.services import api_client_create

from .factories import OrganisationFactory


def _token(kind, scopes, domain=""):
    organisation = OrganisationFactory(name=f"{kind}-{domain}", kind=kind)
    return api_client_create(
        organisation=organisation, name="system", scopes=scopes, case_domain=domain
    )[1]


@pytest.fixture
def youth_token():
    return _token(ReportingOrganisation.Kind.CASE_SYSTEM, ["cases:write"], "youth_case")


@pytest.fixture
def debt_token():
    return _token(ReportingOrganisation.Kind.CASE_SYSTEM, ["cases:write"], "debt_signal")


@pytest.fixture
def landlord_token():
    return _token(ReportingOrganisation.Kind.LANDLORD, ["signals:write"])


@pytest.fixture
def no_pdf(monkeypatch):
    """The run without its destruction statement: the PDF engine is tested elsewhere."""
    from retention.purge import run as run_module

    monkeypatch.setattr(run_module, "statement_attach", lambda **kwargs: None)
