"""PostgreSQL arrays passed as one text literal ('{1,2,3}') and cast in the SQL.

psycopg dumps a Python list element by element in Python: for the retention run's batches of
thousands of ids that was a large part of its time. A literal built with `str.join` costs a
fraction of it, and stays one bound parameter (never SQL spelled out from values).
"""


def int_array(values) -> str:
    """'{1,2,3}' for `%s::bigint[]`; the values must be integers."""
    return "{" + ",".join(str(int(value)) for value in values) + "}"


def text_array(values) -> str:
    """'{"a","b"}' for `%s::text[]`: every element quoted, backslashes and quotes escaped."""
    return (
        "{"
        + ",".join(
            '"' + str(value).replace("\\", "\\\\").replace('"', '\\"') + '"' for value in values
        )
        + "}"
    )
