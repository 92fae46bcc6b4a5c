import datetime
from decimal import Decimal

import factory

from cases.models import DebtSignal, ReportingOrganisation, YouthCase

# BSNs that pass the eleven-test (test numbers, no real residents).
VALID_BSNS = ["111222333", "123456782", "999999990"]


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ReportingOrganisation
        django_get_or_create = ["name"]

    name = "Woningcorporatie Weller"
    kind = ReportingOrganisation.Kind.LANDLORD


class DebtSignalFactory(factory.django.DjangoModelFactory):
    """Open by default; `closed=True` closes it with `outcome` on `closed_on`."""

    class Meta:
        model = DebtSignal

    class Params:
        closed = factory.Trait(
            outcome=DebtSignal.Outcome.NO_RESPONSE, closed_on=datetime.date(2026, 3, 1)
        )

    reporting_organisation = factory.SubFactory(OrganisationFactory)
    signal_received_on = datetime.date(2026, 1, 15)
    name = "Jan Jansen"
    address = "Akerstraat 1, 6411 HA Heerlen"
    date_of_birth = datetime.date(1980, 5, 1)
    bsn = "111222333"
    phone = "045-1234567"
    arrears_type = DebtSignal.ArrearsType.RENT
    arrears_amount = Decimal("850.00")
    arrears_since = datetime.date(2025, 11, 1)


class YouthCaseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = YouthCase

    class Params:
        ended = factory.Trait(
            outcome=YouthCase.Outcome.ASSISTANCE_ENDED,
            decision=YouthCase.Decision.GRANTED,
            decision_on=datetime.date(2026, 2, 1),
            closed_on=datetime.date(2026, 6, 30),
        )
        aborted = factory.Trait(
            outcome=YouthCase.Outcome.ABORTED,
            decision_on=datetime.date(2026, 2, 10),
            closed_on=datetime.date(2026, 2, 12),
        )

    request_received_on = datetime.date(2026, 1, 10)
    youth_name = "Sanne de Vries"
    youth_date_of_birth = datetime.date(2014, 3, 3)
    bsn = "123456782"
    safety_risks = "Zorgen over veiligheid thuis."
    health_data = "ADHD-diagnose."
    product_code = "45A01"
    referrer = YouthCase.Referrer.GP
