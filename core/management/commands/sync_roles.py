from django.core.management.base import BaseCommand

from core.sync import roles_sync


class Command(BaseCommand):
    help = "Make the groups and their permissions equal to the role table (core/roles.py)."

    def handle(self, *args, **options):
        roles_sync(verbosity=options["verbosity"])
        self.stdout.write("Roles are in sync with core/roles.py.")
