"""On PostgreSQL the access log refuses TRUNCATE too (review L6): the row trigger of migration
0003/0004 never sees a TRUNCATE, which empties the table without touching a row.

The one exception is the test runner's flush between transactional tests, which empties every
table with one TRUNCATE ... CASCADE: it is let through only when the transaction asked for it
(`SET LOCAL heerlen.access_log_truncate = 'on'`, done by tests/conftest.py's flush and nowhere
in the application) *and* the database is a test database (Django names those `test_...`). A
production database is never named so, so there no setting opens it. The role the
application runs with should not own the table nor hold TRUNCATE at all
(docs/database-roles.md); this trigger holds even where it does.
"""

from django.db import migrations

TABLE = "requests_app_accesslogentry"

CREATE = f"""
CREATE OR REPLACE FUNCTION accesslog_refuse_truncate() RETURNS trigger AS $$
BEGIN
    IF current_setting('heerlen.access_log_truncate', true) = 'on'
       AND left(current_database(), 5) = 'test_'
    THEN
        RETURN NULL;  -- a statement trigger's result is ignored: the TRUNCATE goes on
    END IF;
    RAISE EXCEPTION 'The access log is append-only: no TRUNCATE.';
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER access_log_refuse_truncate
    BEFORE TRUNCATE ON {TABLE}
    FOR EACH STATEMENT EXECUTE FUNCTION accesslog_refuse_truncate();
"""

DROP = f"""
DROP TRIGGER IF EXISTS access_log_refuse_truncate ON {TABLE};
DROP FUNCTION IF EXISTS accesslog_refuse_truncate();
"""


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [("accesslog", "0004_recent_entries_never_deleted")]

    operations = [migrations.RunPython(forwards, backwards)]
