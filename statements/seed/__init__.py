"""Text of the privacy statements, version 1, as loaded by `manage.py load_statements`.

Dutch is a B1 translation of the municipality's statements; English is the seed text, mended.
One module per statement; the texts several of them share are in `common`, defined once.
"""

from datetime import date

from statements.seed import algemeen, jeugdhulp, schulden, website

__all__ = ["CHANGE_SUMMARY", "EFFECTIVE_DATE", "STATEMENTS"]

EFFECTIVE_DATE = date(2026, 1, 1)
CHANGE_SUMMARY = {
    "nl": "Eerste versie in het privacyportaal.",
    "en": "First version in the privacy portal.",
}

# In this order: it is the statements' order on the index.
STATEMENTS = [
    algemeen.STATEMENT,
    website.STATEMENT,
    schulden.STATEMENT,
    jeugdhulp.STATEMENT,
]
