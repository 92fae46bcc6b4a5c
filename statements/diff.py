"""'What changed' between two published versions, section by section, for residents."""

import difflib
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from .periods import describe_period
from .text import to_lines


@dataclass
class Change:
    heading: str
    status: str  # "added", "removed", "changed", "unchanged"
    lines: list = field(default_factory=list)  # [(op, text)] with op in " ", "-", "+"


def _section_lines(section):
    version = section.version
    lines = to_lines(section.body)
    if section.kind == "recipients":
        lines += [
            f"{r.name} ({r.get_role_display()}): {r.description}".rstrip(": ")
            for r in version.recipients.all()
        ]
    elif section.kind == "retention":
        lines += [
            f"{describe_period(rule.period)}: {rule.condition} ({rule.legal_basis})"
            for rule in version.retention_rules.all()
        ]
    elif section.kind == "legal_basis":
        lines += [f"{b.law} {b.article}".strip() for b in version.legal_bases.all()]
    return lines


def _blocks(version):
    """Ordered {key: (heading, lines)}; sections match across versions by kind and position."""
    result = {
        "_intro": (_("Introduction"), to_lines(version.intro)),
        "_contact": (_("Contact"), to_lines(version.contact)),
    }
    seen = {}
    for section in version.sections.all():
        seen[section.kind] = seen.get(section.kind, 0) + 1
        result[f"{section.kind}:{seen[section.kind]}"] = (section.heading, _section_lines(section))
    return result


def compare(old, new):
    """Changes from `old` to `new`, in the order of `new`, then what `new` dropped."""
    before, after = _blocks(old), _blocks(new)
    changes = []
    for key, (heading, lines) in after.items():
        if key not in before:
            changes.append(Change(heading, "added", [("+", line) for line in lines]))
            continue
        old_lines = before[key][1]
        if old_lines == lines and before[key][0] == heading:
            changes.append(Change(heading, "unchanged"))
            continue
        diff = []
        for line in difflib.ndiff(old_lines, lines):
            if line[:1] in (" ", "-", "+"):
                diff.append((line[0], line[2:]))
        changes.append(Change(heading, "changed", diff))
    for key, (heading, lines) in before.items():
        if key not in after:
            changes.append(Change(heading, "removed", [("-", line) for line in lines]))
    return changes
