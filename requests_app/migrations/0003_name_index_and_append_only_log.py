"""Fills the name's blind index of existing requests, and on PostgreSQL makes the access log
append-only below the ORM: a trigger refuses UPDATE and DELETE of its rows (raw SQL too)."""

from django.db import migrations

TABLE = "requests_app_accesslogentry"
CREATE = f"""
CREATE OR REPLACE FUNCTION requests_app_access_log_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'The access log is append-only: no UPDATE or DELETE.';
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER access_log_append_only
    BEFORE UPDATE OR DELETE ON {TABLE}
    FOR EACH ROW EXECUTE FUNCTION requests_app_access_log_append_only();
"""
DROP = f"""
DROP TRIGGER IF EXISTS access_log_append_only ON {TABLE};
DROP FUNCTION IF EXISTS requests_app_access_log_append_only();
"""


def fill_name_index(apps, schema_editor):
    from requests_app.crypto import blind_index, normalise_name

    SubjectRequest = apps.get_model("requests_app", "SubjectRequest")
    for request in SubjectRequest.objects.filter(name_index="").only("pk", "name"):
        request.name_index = blind_index(normalise_name(request.name))
        request.save(update_fields=["name_index"])


def trigger_create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def trigger_drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [("requests_app", "0002_back_office")]

    operations = [
        migrations.RunPython(fill_name_index, migrations.RunPython.noop),
        migrations.RunPython(trigger_create, trigger_drop),
    ]
