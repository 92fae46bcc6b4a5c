"""Text of the privacy statements, as loaded by `manage.py load_statements`, version by version.

Dutch is a B1 translation of the municipality's statements; English is the seed text, mended.
One module per statement; the texts several of them share are in `common`, defined once. A
later version lists only the statements it changes; `load_statements` publishes it through the
publishing service (`statements.services.version_publish`), with its checks.
"""

from datetime import date

from statements.seed import algemeen, algemeen_v2, jeugdhulp, schulden, website

__all__ = ["STATEMENTS", "VERSIONS"]

VERSIONS = [
    {
        "number": 1,
        "effective_date": date(2026, 1, 1),
        "change_summary": {
            "nl": "Eerste versie in het privacyportaal.",
            "en": "First version in the privacy portal.",
        },
        # In this order: it is the statements' order on the index.
        "statements": [
            algemeen.STATEMENT,
            website.STATEMENT,
            schulden.STATEMENT,
            jeugdhulp.STATEMENT,
        ],
    },
    {
        "number": 2,
        # In force from the day it is loaded: a published version is never backdated.
        "effective_date": None,
        "change_summary": {
            "nl": (
                "Uw rechten met een link naar elk formulier, de klacht bij de Autoriteit "
                "Persoonsgegevens, wie verantwoordelijk is, werkende links, alle "
                "bewaartermijnen van uw verzoek en het cookie van de formulieren."
            ),
            "en": (
                "Your rights with a link to each form, the complaint to the Dutch Data "
                "Protection Authority, who is responsible, working links, every retention "
                "period of your request, and the forms' cookie."
            ),
        },
        # A statement may carry its own `change_summary`; the others take this one.
        "statements": [algemeen_v2.VERSION_2, website.VERSION_2, schulden.VERSION_2],
    },
]

# The first version's statements, in the index's order.
STATEMENTS = VERSIONS[0]["statements"]
