"""Personal data the tests put into the portal. None of it may ever reach the log output
(checked over the whole run in conftest.py) or a database dump in plain text
(tests/test_data_at_rest.py)."""

NAMES = ("Jan Jansen", "Sanne de Vries")
EMAILS = ("jan@example.nl",)
BSNS = ("111222333", "123456782")  # pass the eleven-test; no real residents
HEALTH = ("ADHD-diagnose", "Zorgen over veiligheid thuis")

ALL = NAMES + EMAILS + BSNS + HEALTH
