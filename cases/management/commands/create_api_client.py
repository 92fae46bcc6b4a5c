"""`manage.py create_api_client ORGANISATION NAME --scope ...`: a credential for the intake
API. The token is printed once; only its hash is stored."""

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from cases.models import CaseDomain, ReportingOrganisation, Scope
from cases.services import api_client_create, api_client_set_callback


class Command(BaseCommand):
    help = "Create an API client for a reporting organisation and print its token once."

    def add_arguments(self, parser):
        parser.add_argument("organisation", help="Name of the reporting organisation.")
        parser.add_argument("name", help="Which system will use the token.")
        parser.add_argument("--scope", action="append", choices=Scope.values, required=True)
        parser.add_argument("--domain", choices=CaseDomain.values, default="")
        parser.add_argument(
            "--callback-url",
            default="",
            help="Where to POST whether the resident accepted help (signals:write only).",
        )
        parser.add_argument(
            "--kind",
            choices=ReportingOrganisation.Kind.values,
            help="Create the organisation with this kind if it does not exist yet.",
        )

    def handle(self, *args, organisation, name, scope, domain, kind, callback_url, **options):
        found = ReportingOrganisation.objects.filter(name=organisation).first()
        if found is None:
            if not kind:
                raise CommandError("Unknown organisation; pass --kind to create it.")
            found = ReportingOrganisation(name=organisation, kind=kind)
            found.full_clean()
            found.save()
        try:
            with transaction.atomic():  # no client without the callback it was asked for
                client, token = api_client_create(
                    organisation=found, name=name, scopes=scope, case_domain=domain
                )
                secret = api_client_set_callback(client=client, url=callback_url)
        except ValidationError as exc:
            raise CommandError("; ".join(exc.messages)) from None
        self.stdout.write(f"API client {client.public_id} for {found}.")
        self.stdout.write("Token (shown once, store it now):")
        self.stdout.write(token)
        if secret:
            self.stdout.write("Callback signing secret (shown once, store it now):")
            self.stdout.write(secret)
