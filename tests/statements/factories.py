import datetime

import factory

from statements.models import (
    LegalBasis,
    Recipient,
    RetentionRule,
    Section,
    Statement,
    StatementVersion,
)


class StatementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Statement
        django_get_or_create = ["slug"]

    slug = factory.Sequence(lambda n: f"verklaring-{n}")


class VersionFactory(factory.django.DjangoModelFactory):
    """A complete draft; `published=True` publishes it through the service."""

    class Meta:
        model = StatementVersion
        skip_postgeneration_save = True

    statement = factory.SubFactory(StatementFactory)
    effective_date = datetime.date(2026, 1, 1)
    title_nl = "Privacyverklaring Vroegsignalering schulden"
    title_en = "Privacy statement Early signs of debt"
    intro_nl = "We helpen u graag."
    intro_en = "We would like to help you."
    contact_nl = "Mail gemeente@heerlen.nl of bel 045-5605040."
    contact_en = "E-mail gemeente@heerlen.nl or call 045-5605040."
    change_summary_nl = "Eerste versie."
    change_summary_en = "First version."

    @factory.post_generation
    def parts(self, create, extracted, **kwargs):
        if not create or extracted is False:
            return
        Section.objects.create(
            version=self,
            order=0,
            kind="data",
            heading_nl="Welke gegevens gebruiken we?",
            heading_en="What personal data do we use?",
            body_nl="Dit zijn:\n\n- Naam\n- BSN",
            body_en="These are:\n\n- Name\n- BSN",
        )
        Section.objects.create(
            version=self,
            order=1,
            kind="retention",
            heading_nl="Hoe lang bewaren we gegevens?",
            heading_en="How long do we keep personal data?",
            body_nl="Niet langer dan nodig.",
            body_en="No longer than necessary.",
        )
        Section.objects.create(
            version=self,
            order=2,
            kind="recipients",
            heading_nl="Met wie delen we gegevens?",
            heading_en="With whom do we share your data?",
        )
        Section.objects.create(
            version=self,
            order=3,
            kind="legal_basis",
            heading_nl="Wat is de wettelijke grondslag?",
            heading_en="What is the legal reason?",
        )
        Recipient.objects.create(
            version=self, role="partner", name_nl="Buurtteams Heerlen", name_en="Buurtteams Heerlen"
        )
        LegalBasis.objects.create(
            version=self,
            law_nl="Wet gemeentelijke schuldhulpverlening",
            law_en="Municipal Debt Relief Act",
            article_nl="artikel 3",
            article_en="article 3",
        )
        RetentionRule.objects.create(
            version=self,
            code="debt-signal-no-help",
            condition_nl="U reageert niet.",
            condition_en="You do not respond.",
            period="P6M",
            clock_start="signal_received",
            legal_basis_nl="Wgs",
            legal_basis_en="Wgs",
        )

    @factory.post_generation
    def published(self, create, extracted, **kwargs):
        if create and extracted:
            from statements.services import version_publish

            version_publish(version=self, user=None)
            self.refresh_from_db()
