"""Fast executemany of new entities: one prepared INSERT per table, values converted once.

`session.execute(insert(table), rows)` builds and processes a parameter dictionary per row, which
costs more than SQLite's own insert; a register import writes close to a million rows. Here each
table's statement and its columns' bind processors (the same conversions SQLAlchemy applies:
aware times to UTC, enums to their values, JSON lists to text) are prepared once per dialect, and
the driver's executemany gets plain tuples.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from operator import itemgetter
from typing import Any

from sqlalchemy import Connection, Dialect, Table

from legalaid_desktop.domain.folding import sort_key

# The driver's parameter style decides the placeholders and whether rows go as tuples or dicts.
PLACEHOLDERS: dict[str, Callable[[str], str]] = {
    "qmark": lambda name: "?",
    "format": lambda name: "%s",
    "numeric": lambda name: "?",  # replaced below: numeric needs positions
    "named": lambda name: f":{name}",
    "pyformat": lambda name: f"%({name})s",
}


class BulkWriter:
    """Inserts objects into one table; column names equal attribute names (name_key is derived).

    `leave_out` names columns the database fills (an autoincrement key).
    """

    def __init__(self, table: Table, dialect: Dialect, leave_out: frozenset[str] = frozenset()) -> None:
        columns = [c for c in table.columns if c.name not in leave_out]
        self.names = [c.name for c in columns]
        # Attributes read as they are; name_key is computed from full_name.
        self.read = [n for n in self.names if n != "name_key"]
        self.getter = itemgetter(*self.read)
        self.name_key_at = self.names.index("name_key") if "name_key" in self.names else None
        self.processed = [(i, process) for i, c in enumerate(columns)
                          if (process := c.type.dialect_impl(dialect).bind_processor(dialect))]
        self._last: dict[int, tuple[Any, Any]] = {}
        style = str(dialect.paramstyle)
        self.by_name = style in ("named", "pyformat")
        if style == "numeric":
            markers = [f":{i}" for i in range(1, len(self.names) + 1)]
        else:
            markers = [PLACEHOLDERS[style](n) for n in self.names]
        quote = dialect.identifier_preparer
        self.sql = (f"INSERT INTO {quote.format_table(table)} "
                    f"({', '.join(quote.quote(n) for n in self.names)}) "
                    f"VALUES ({', '.join(markers)})")

    def values(self, entity: Any) -> tuple[Any, ...]:
        """The column values of an entity (or audit entry), converted for the driver."""
        # New entities hold every field in their instance dictionary; reading it there skips the
        # ORM's attribute machinery (getattr covers anything else).
        try:
            found = self.getter(entity.__dict__)
        except KeyError:
            found = tuple(getattr(entity, n) for n in self.read)
        row = list(found) if len(self.read) > 1 else [found]
        if self.name_key_at is not None:
            row.insert(self.name_key_at, sort_key(entity.full_name))
        last = self._last
        for index, process in self.processed:
            value = row[index]
            # A batch shares its time stamps: the same object is converted once, not per row.
            seen = last.get(index)
            if seen is not None and seen[0] is value:
                row[index] = seen[1]
            else:
                converted = process(value)
                last[index] = (value, converted)
                row[index] = converted
        return tuple(row)

    def execute(self, connection: Connection, rows: Sequence[tuple[Any, ...]]) -> None:
        if not rows:
            return
        if self.by_name:
            connection.exec_driver_sql(
                self.sql, [dict(zip(self.names, row, strict=True)) for row in rows])
        else:
            connection.exec_driver_sql(self.sql, list(rows))


_writers: dict[tuple[str, str, frozenset[str]], BulkWriter] = {}


def writer_for(table: Table, dialect: Dialect, leave_out: frozenset[str] = frozenset()) -> BulkWriter:
    key = (table.name, dialect.name, leave_out)
    found = _writers.get(key)
    if found is None:
        found = _writers[key] = BulkWriter(table, dialect, leave_out)
    return found
