"""Personal data the tests put into the portal. None of it may ever reach the log output
(checked over the whole run in conftest.py) or a database dump in plain text
(tests/test_data_at_rest.py)."""

NAMES = ("Jan Jansen", "Sanne de Vries")
EMAILS = ("jan@example.nl",)
BSNS = ("111222333", "123456782")  # pass the eleven-test; no real residents
HEALTH = ("ADHD-diagnose", "Zorgen over veiligheid thuis")

# The journey of tests/data_at_rest_journey.py: one marker per place a value goes in. Words
# no code, translation or seed text holds ("Qx" and a tag), dates of birth nobody else uses,
# and BSNs that pass the eleven-test.
JOURNEY_TAGS = (
    "RequestName",
    "RequestDetails",
    "SubjectName",
    "PaperName",
    "PostalAddress",
    "ClockStopNote",
    "AuthorityNote",
    "StaffNote",
    "LetterAwaited",
    "LetterReason",
    "DraftAwaited",
    "DraftReason",
    "FileName",
    "FileContent",
    "DebtName",
    "DebtAddress",
    "DebtPhone",
    "DebtCustomer",
    "ContactNote",
    "ReliefProgramme",
    "JoinedCustomer",
    "BatchName",
    "YouthName",
    "YouthReference",
    "Representatives",
    "Contact",
    "Network",
    "Living",
    "Family",
    "Safety",
    "Development",
    "Counselling",
    "Professionals",
    "Health",
    "Assistance",
    "Objection",
    "EndReason",
    "SearchTerm",
)
JOURNEY_BSNS = {"debt": "240055433", "youth": "240197975", "batch": "240245489"}
JOURNEY_DATES = {"debt_birth": "1937-08-19", "youth_birth": "2011-10-27"}
JOURNEY = {
    **{tag: f"Qx{tag}Zq" for tag in JOURNEY_TAGS},
    "Email": "qxmailzq@example.nl",
    **{f"bsn-{key}": value for key, value in JOURNEY_BSNS.items()},
    **JOURNEY_DATES,
}

ALL = NAMES + EMAILS + BSNS + HEALTH + tuple(JOURNEY.values())
