"""Published = enforced at the moment a statement version is published.

`statements` imports no other app, so it announces publishing with two signals
(`statements.signals`), and the engine answers them; `RetentionConfig.ready` connects these
receivers. The dependency runs one way, as everywhere: retention reads statements.

- Before: `publishing_problems` names every retention rule of the version that no active
  policy would enforce, and every active policy of the statement whose rule the version
  drops; `statements.services.version_publish` refuses the version while there are any.
- After: `published` asks for `rules.records_follow_rules` once the publishing has committed
  (a Celery task), so a shorter period reaches the records already closed; the nightly run
  does the same for a version whose effective date has only now come.
"""

from datetime import date

from django.db import transaction
from django.utils.translation import gettext as _

from . import registry
from .rules import published_rules


def publishing_problems(sender, *, version, today: date, **kwargs) -> list[str]:
    """What publishing `version` would let drift apart, in words for the DPO's staff:

    - each of its retention rules with a period needs an active policy with its code (the
      code is the rule's stable key: a renamed rule would be enforced by nothing), or is a
      fixed period an app enforces itself (`registry.enforced_periods`), with that period;
    - each active policy enforcing a rule of the version it replaces must keep a published
      rule once it is in force, in this version or another statement's.

    A policy of another statement is that statement's business (and the system check's)."""
    from .models import RetentionPolicy

    active = set(RetentionPolicy.objects.active().values_list("code", flat=True))
    enforced = registry.enforced_periods()
    periods = dict(version.retention_rules.exclude(period="").values_list("code", "period"))
    own = set(periods)
    problems = [
        _(
            "Retention rule “%(code)s” has no active retention policy to enforce it: keep the "
            "code of the rule it replaces, or have a policy with this code made first."
        )
        % {"code": code}
        for code in sorted(own - active - set(enforced))
    ]
    problems += [
        _(
            "Retention rule “%(code)s” says %(published)s, but the portal enforces "
            "%(enforced)s; that period is set in the portal's code, not in a statement."
        )
        % {"code": code, "published": periods[code], "enforced": enforced[code]}
        for code in sorted(own & set(enforced))
        if periods[code] != enforced[code]
    ]
    replaced = version.statement.versions.published().order_by("-number").first()
    if replaced is None:
        return problems
    before = set(replaced.retention_rules.exclude(period="").values_list("code", flat=True))
    in_force_on = max(version.effective_date or today, today)
    elsewhere = {
        code
        for code, rule in published_rules(today=in_force_on).items()
        if rule.version.statement_id != version.statement_id
    }
    problems += [
        _(
            "Policy “%(code)s” enforces rule “%(code)s”, which this version no longer "
            "publishes: keep the rule, or have the policy deactivated first."
        )
        % {"code": code}
        for code in sorted((before & (active | set(enforced))) - own - elsewhere)
    ]
    return problems


def published(sender, *, version, today: date, **kwargs) -> None:
    """A shorter period reaches the records already closed, once the publishing commits. A
    broker that is down costs no publishing (robust: logged); the nightly run does it too."""
    from .tasks import retention_follow_rules

    transaction.on_commit(retention_follow_rules.delay, robust=True)
