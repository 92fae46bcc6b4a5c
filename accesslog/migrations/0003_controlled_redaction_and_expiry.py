"""The append-only trigger admits two changes, each only in a transaction that asked for it:

- UPDATE of `record_reference` alone, to a 64-character keyed hash, under
  `SET LOCAL heerlen.access_log_redact = 'on'` (a destroyed record's reference replaced by its
  destruction-log hash, `accesslog.retention.access_log_redact`);
- DELETE of entries older than the instant in `heerlen.access_log_purge_before` (the published
  period, `accesslog.retention.access_log_purge_expired`).

Every other UPDATE or DELETE is refused as before. (TRUNCATE is not refused here: the test
runner's flush uses it; revoking TRUNCATE from the application's database role is the
deployment's part.)
"""

from django.db import migrations

TABLE = "requests_app_accesslogentry"

CREATE = f"""
CREATE OR REPLACE FUNCTION requests_app_access_log_append_only() RETURNS trigger AS $$
DECLARE
    purge_before timestamptz;
BEGIN
    IF TG_OP = 'UPDATE'
       AND current_setting('heerlen.access_log_redact', true) = 'on'
       AND NEW.record_reference ~ '^[0-9a-f]{{64}}$'
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
        IF purge_before IS NOT NULL AND OLD.at < purge_before THEN
            RETURN OLD;
        END IF;
    END IF;
    RAISE EXCEPTION 'The access log is append-only: no UPDATE or DELETE.';
END;
$$ LANGUAGE plpgsql;
"""

RESTORE = f"""
CREATE OR REPLACE FUNCTION requests_app_access_log_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'The access log is append-only: no UPDATE or DELETE.';
END;
$$ LANGUAGE plpgsql;
"""


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(RESTORE)


class Migration(migrations.Migration):
    dependencies = [("accesslog", "0002_base_manager_refuses_too")]

    operations = [migrations.RunPython(forwards, backwards)]
