"""Migrations that move a plain column under encryption: the values already stored are
encrypted in place (and decrypted again when the migration is reversed).

The column is read and written with SQL, not through the model: the historical model already
has the encrypted field, which would try to decrypt the plain values. A date column arrives as
its ISO text (the AlterField before this step made it text)."""

from django.db import migrations

from .crypto import decrypt, encrypt


def _convert(app_label, model_name, fields, convert):
    def run(apps, schema_editor):
        model = apps.get_model(app_label, model_name)
        table = schema_editor.quote_name(model._meta.db_table)
        pk = schema_editor.quote_name(model._meta.pk.column)
        with schema_editor.connection.cursor() as cursor:
            for name in fields:
                column = schema_editor.quote_name(model._meta.get_field(name).column)
                # Identifiers come from the model's own meta, quoted; values are parameters.
                cursor.execute(
                    f"SELECT {pk}, {column} FROM {table} "  # noqa: S608  # nosec B608
                    f"WHERE {column} IS NOT NULL AND {column} <> ''"
                )
                rows = cursor.fetchall()
                cursor.executemany(
                    f"UPDATE {table} SET {column} = %s WHERE {pk} = %s",  # noqa: S608  # nosec B608
                    [(convert(str(value)), key) for key, value in rows],
                )
            if schema_editor.connection.vendor == "postgresql":
                # The updates queued deferred foreign-key checks; an ALTER TABLE after them in
                # this transaction (reversing to a date column) would be refused until they ran.
                cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")

    return run


def encrypt_existing(app_label: str, model_name: str, *fields: str) -> migrations.RunPython:
    """The step after the AlterField that made `fields` encrypted."""
    return migrations.RunPython(
        _convert(app_label, model_name, fields, encrypt),
        _convert(app_label, model_name, fields, decrypt),
    )
