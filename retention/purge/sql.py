"""The few statements the run sends as SQL of its own, for speed on PostgreSQL.

On PostgreSQL the ids of a batch go as one array parameter (`= ANY(%s::bigint[])`, a literal
from `core.pgarrays`): a batch of thousands of ids then costs one placeholder, not thousands,
which the driver and the ORM would otherwise spell out one by one (most of the purge's time).
Table and column names come from the models' own metadata, never from input. Other databases
(SQLite in development) take the ORM's way.
"""

from django.db import connection

from core.pgarrays import int_array

from ..models import RetentionStatistic


def field_for(model, column) -> str:
    return next(f.name for f in model._meta.concrete_fields if f.column == column)


def claim_delete(model, claim, width: int) -> list[tuple]:
    """PostgreSQL: one statement claims and deletes the batch. `claim` is a values_list
    queryset of `width` columns, the primary key first, that selects its rows for update with
    skip locked; its SELECT (compiled by the ORM, with the re-check that the rows are still
    due) locks the rows, and the DELETE removes exactly those. Returns the claim's values of
    the deleted rows. The rows derived from them go after it in the same transaction: Django
    makes foreign keys DEFERRABLE INITIALLY DEFERRED, checked at the commit."""
    select, params = claim.query.sql_with_params()
    names = ", ".join(f"c{i}" for i in range(width))
    table = connection.ops.quote_name(model._meta.db_table)
    pk = connection.ops.quote_name(model._meta.pk.column)
    with connection.cursor() as cursor:
        cursor.execute(
            f"WITH claimed ({names}) AS MATERIALIZED ({select}) "  # noqa: S608 # nosec B608
            f"DELETE FROM {table} USING claimed WHERE {table}.{pk} = claimed.c0 "
            "RETURNING claimed.*",
            params,
        )
        return cursor.fetchall()


def delete_rows(model, column, pks) -> int:
    """DELETE FROM model's table WHERE column IN pks; the number of rows deleted."""
    if connection.vendor != "postgresql":
        return model._base_manager.filter(**{f"{field_for(model, column)}__in": pks})._raw_delete(
            model._base_manager.db
        )
    table, column = (
        connection.ops.quote_name(model._meta.db_table),
        connection.ops.quote_name(column),
    )
    with connection.cursor() as cursor:
        sql = f"DELETE FROM {table} WHERE {column} = ANY(%s::bigint[])"  # noqa: S608 # nosec B608
        cursor.execute(sql, [int_array(pks)])
        return cursor.rowcount


def delete_rows_returning(model, column, pks, returning) -> tuple[int, list[list]]:
    """`delete_rows`, also giving the values of the `returning` columns of the deleted rows
    (one list per column): the names of the files they held, read by the delete itself."""
    if not returning:
        return delete_rows(model, column, pks), []
    if connection.vendor != "postgresql":
        values = [select_values(model, value_column, column, pks) for value_column in returning]
        return delete_rows(model, column, pks), values
    table = connection.ops.quote_name(model._meta.db_table)
    quoted = ", ".join(connection.ops.quote_name(name) for name in returning)
    column = connection.ops.quote_name(column)
    with connection.cursor() as cursor:
        sql = f"DELETE FROM {table} WHERE {column} = ANY(%s::bigint[]) RETURNING {quoted}"  # noqa: S608 # nosec B608
        cursor.execute(sql, [int_array(pks)])
        rows = cursor.fetchall()
    return len(rows), [list(values) for values in zip(*rows, strict=True)] or [
        [] for _name in returning
    ]


def select_values(model, value_column, column, pks) -> list:
    """The values of `value_column` in the rows whose `column` is one of `pks`."""
    if connection.vendor != "postgresql":
        field = field_for(model, column)
        value = field_for(model, value_column)
        return list(
            model._base_manager.filter(**{f"{field}__in": pks}).values_list(value, flat=True)
        )
    table = connection.ops.quote_name(model._meta.db_table)
    column = connection.ops.quote_name(column)
    value_column = connection.ops.quote_name(value_column)
    with connection.cursor() as cursor:
        sql = f"SELECT {value_column} FROM {table} WHERE {column} = ANY(%s::bigint[])"  # noqa: S608 # nosec B608
        cursor.execute(sql, [int_array(pks)])
        return [value for (value,) in cursor.fetchall()]


def statistics_upsert(statistics) -> None:
    """Adds counts to the statistical residue of anonymised records, by
    (record type, month, outcome, category)."""
    if not statistics:
        return
    table = RetentionStatistic._meta.db_table
    with connection.cursor() as cursor:
        cursor.executemany(
            f"INSERT INTO {table} (record_type, month, outcome, category, count) "  # noqa: S608  # nosec B608
            "VALUES (%s, %s, %s, %s, %s) "
            "ON CONFLICT (record_type, month, outcome, category) "
            f"DO UPDATE SET count = {table}.count + excluded.count",
            [(*key, n) for key, n in sorted(statistics.items())],
        )
