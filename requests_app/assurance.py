"""How sure we must be of who a resident is before a request filed or read with DigiD counts.

DigiD has four assurance levels (betrouwbaarheidsniveaus): Basis (user name and password),
Midden (plus an SMS or the app), Substantieel (the app with an identity document checked) and
Hoog (the identity card's chip). Data about youth assistance is sensitive (Jeugdwet; the
Dutch government's guideline for DigiD levels puts health and youth data at Substantieel), so
requests that touch it need Substantieel; everything else Midden. Both are settings
(`DIGID_MINIMUM_LEVELS`), per domain or per type and domain.
"""

import enum

from django.conf import settings
from django.utils.translation import gettext_lazy as _


class Level(enum.IntEnum):
    """DigiD's levels, with the numbers DigiD itself uses (10, 20, 25, 30): higher is surer."""

    BASIS = 10
    MIDDEN = 20
    SUBSTANTIEEL = 25
    HOOG = 30

    @property
    def label(self) -> str:
        return str(LEVEL_LABELS[self])


LEVEL_LABELS = {
    Level.BASIS: _("DigiD Basis"),
    Level.MIDDEN: _("DigiD Midden"),
    Level.SUBSTANTIEEL: _("DigiD Substantieel"),
    Level.HOOG: _("DigiD Hoog"),
}

# What the claim may say: the level's name, DigiD's number, or the SAML authentication
# context class a broker passes on from DigiD.
_CLAIM_VALUES = {
    "basis": Level.BASIS,
    "midden": Level.MIDDEN,
    "substantieel": Level.SUBSTANTIEEL,
    "hoog": Level.HOOG,
    "10": Level.BASIS,
    "20": Level.MIDDEN,
    "25": Level.SUBSTANTIEEL,
    "30": Level.HOOG,
    "urn:oasis:names:tc:saml:2.0:ac:classes:passwordprotectedtransport": Level.BASIS,
    "urn:oasis:names:tc:saml:2.0:ac:classes:mobiletwofactorcontract": Level.MIDDEN,
    "urn:oasis:names:tc:saml:2.0:ac:classes:smartcard": Level.SUBSTANTIEEL,
    "urn:oasis:names:tc:saml:2.0:ac:classes:smartcardpki": Level.HOOG,
}

DEFAULT_MINIMUM_LEVELS = {"youth": "substantieel", "*": "midden"}


def level_from_claim(value) -> Level | None:
    """The level a provider's claim names, or None for a value we do not know (never a guess:
    an unknown level counts as too low)."""
    if value is None:
        return None
    return _CLAIM_VALUES.get(str(value).strip().casefold())


def minimum_level(*, kind: str, domain: str) -> Level:
    """The lowest level that may file or read a request of `kind` in `domain`. The setting maps
    "kind:domain", "domain", "kind" or "*" to a level name; the most specific key wins."""
    rules = getattr(settings, "DIGID_MINIMUM_LEVELS", None) or DEFAULT_MINIMUM_LEVELS
    for key in (f"{kind}:{domain}", domain, kind, "*"):
        if key in rules:
            level = level_from_claim(rules[key])
            if level is None:
                raise ValueError(f"DIGID_MINIMUM_LEVELS[{key!r}] names no DigiD level.")
            return level
    return Level.MIDDEN
