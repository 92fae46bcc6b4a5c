"""System checks of the retention engine: `manage.py check --database default` (and `migrate`,
which runs the database checks) reports the published rules and the policies drifting apart.

Tagged `database`: plain `check` and `check --deploy` run without a database and skip it;
before the tables exist (a first `migrate`) it reports nothing rather than crash. A warning,
not an error: an error would stop `migrate`, and with it the migration that may be the fix.
"""

from django.core.checks import Tags, Warning, register
from django.db import DEFAULT_DB_ALIAS, DatabaseError
from django.utils import timezone

DRIFT_HINT = (
    "Publish a statement version with the rule, or activate (or add) the policy with its "
    "code, in the admin; records it should govern are kept meanwhile (retention status "
    "'uncovered')."
)


@register(Tags.database)
def check_published_enforced(app_configs, databases=None, **kwargs):
    """retention.W001: a rule in force without an active policy, or the other way round
    (`rules.published_enforced_problems`)."""
    if not databases or DEFAULT_DB_ALIAS not in databases:
        return []
    from .rules import published_enforced_problems

    try:
        problems = published_enforced_problems(today=timezone.localdate())
    except DatabaseError:  # not migrated yet: nothing is published or enforced
        return []
    return [Warning(problem, hint=DRIFT_HINT, id="retention.W001") for problem in problems]
