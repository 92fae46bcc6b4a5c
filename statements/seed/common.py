"""Texts that several privacy statements share, defined once and reused by name.

The statements hold these very objects, not copies: read them, never change them in place.
"""

# How to reach the Data Protection Officer: the contact block of every statement.
DPO_CONTACT = {
    "nl": (
        "Heeft u vragen over uw persoonsgegevens? Of denkt u dat uw privacy is "
        "geschonden? Neem dan contact op met onze functionaris gegevensbescherming.\n\n"
        "U kunt mailen naar gemeente@heerlen.nl of bellen naar 045-5605040."
    ),
    "en": (
        "Do you have questions about your personal data? Or do you suspect that your "
        "privacy has been violated? Please contact our Data Protection Officer.\n\n"
        "You can send an e-mail to gemeente@heerlen.nl or call 045-5605040."
    ),
}

# The headings of the supplementary statements' (schulden, jeugdhulp) sections, by kind.
SECTION_HEADINGS = {
    "why": {
        "nl": "Waarom verzamelen wij persoonsgegevens?",
        "en": "Why do we collect personal data?",
    },
    "data": {
        "nl": "Welke persoonsgegevens gebruiken wij?",
        "en": "What personal data do we use?",
    },
    "uses": {
        "nl": "Waarvoor gebruiken wij uw gegevens?",
        "en": "Why do we use your data?",
    },
    "recipients": {
        "nl": "Met wie delen wij uw gegevens?",
        "en": "With whom do we share your data?",
    },
    "transfers": {
        "nl": "Gaan uw gegevens naar andere landen?",
        "en": "Does your data go to other countries?",
    },
    "retention": {
        "nl": "Hoe lang bewaren wij persoonsgegevens?",
        "en": "How long do we keep personal data?",
    },
    "legal_basis": {
        "nl": "Wat is de wettelijke reden?",
        "en": "What is the legal reason?",
    },
}


def section(kind, body):
    """A supplementary statement's section of `kind`, under the heading they all give it."""
    return {"kind": kind, "heading": SECTION_HEADINGS[kind], "body": body}


# Personal data stays in the European Economic Area: the same section in each supplementary
# statement.
EEA_TRANSFERS = section(
    "transfers",
    {
        "nl": (
            "Persoonsgegevens blijven altijd binnen de landen van de Europese Unie "
            "en Noorwegen, IJsland en Liechtenstein. Samen heten deze landen de "
            "Europese Economische Ruimte. Wij geven persoonsgegevens niet door aan "
            "andere landen."
        ),
        "en": (
            "Personal data always stays within the countries of the European "
            "Union, and Norway, Iceland and Liechtenstein. Together these "
            "countries form the European Economic Area. We do not transfer "
            "personal data to other countries."
        ),
    },
)

# A legal basis that names the law (or regulation, or policy plan) as a whole, no article.
NO_ARTICLE = {"nl": "", "en": ""}
