"""The append-only trigger refuses to delete an entry less than a year old, whatever cut-off
the transaction names.

The purge's permission is a setting the transaction itself makes
(`heerlen.access_log_purge_before`), so any SQL run with the application's database role could
name a cut-off in the future and delete yesterday's entries: exactly the entries that show who
looked at whose data lately. The floor is the database's own clock, which no setting moves.
The published period (5 years) is far longer; a period under a year would need this floor
changed by a migration as well. (Found by the attack review.)
"""

from django.db import migrations

CREATE = """
CREATE OR REPLACE FUNCTION requests_app_access_log_append_only() RETURNS trigger AS $$
DECLARE
    purge_before timestamptz;
BEGIN
    IF TG_OP = 'UPDATE'
       AND current_setting('heerlen.access_log_redact', true) = 'on'
       AND NEW.record_reference ~ '^[0-9a-f]{64}$'
       AND (NEW.id, NEW.at, NEW.user_id, NEW.username, NEW.roles, NEW.action, NEW.record_type,
            NEW.record_id, NEW.purpose, NEW.ip_address, NEW.path)
           IS NOT DISTINCT FROM
           (OLD.id, OLD.at, OLD.user_id, OLD.username, OLD.roles, OLD.action, OLD.record_type,
            OLD.record_id, OLD.purpose, OLD.ip_address, OLD.path)
    THEN
        RETURN NEW;
    END IF;
    IF TG_OP = 'DELETE' THEN
        purge_before := NULLIF(current_setting('heerlen.access_log_purge_before', true), '');
        IF purge_before IS NOT NULL
           AND OLD.at < purge_before
           AND OLD.at < statement_timestamp() - interval '1 year'
        THEN
            RETURN OLD;
        END IF;
    END IF;
    RAISE EXCEPTION 'The access log is append-only: no UPDATE or DELETE.';
END;
$$ LANGUAGE plpgsql;
"""


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        from importlib import import_module

        previous = import_module("accesslog.migrations.0003_controlled_redaction_and_expiry")
        schema_editor.execute(previous.CREATE)


class Migration(migrations.Migration):
    dependencies = [("accesslog", "0003_controlled_redaction_and_expiry")]

    operations = [migrations.RunPython(forwards, backwards)]
