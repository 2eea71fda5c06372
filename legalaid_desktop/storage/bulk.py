"""Fast executemany of new entities: one prepared INSERT per table, values converted once.

`session.execute(insert(table), rows)` builds and processes a parameter dictionary per row, which
costs more than SQLite's own insert; a register import writes close to a million rows. Here each
table's statement and its columns' bind processors (the same conversions SQLAlchemy applies:
aware times to UTC, enums to their values, JSON lists to text) are prepared once per dialect, and
the driver's executemany gets plain tuples.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
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
        self.processors: list[Callable[[Any], Any] | None] = [
            c.type.dialect_impl(dialect).bind_processor(dialect) for c in columns]
        style = str(dialect.paramstyle)
        self.by_name = style in ("named", "pyformat")
        if style == "numeric":
            markers = [f":{i}" for i in range(1, len(self.names) + 1)]
        else:
            markers = [PLACEHOLDERS[style](n) for n in self.names]
        self._last: dict[int, tuple[Any, Any]] = {}
        quote = dialect.identifier_preparer
        self.sql = (f"INSERT INTO {quote.format_table(table)} "
                    f"({', '.join(quote.quote(n) for n in self.names)}) "
                    f"VALUES ({', '.join(markers)})")

    def values(self, entity: Any) -> tuple[Any, ...]:
        """The column values of an entity (or audit entry), converted for the driver."""
        # New entities hold every field in their instance dictionary; reading it there skips the
        # ORM's attribute machinery (getattr covers anything else).
        held = entity.__dict__
        out = []
        last = self._last
        for index, (name, process) in enumerate(zip(self.names, self.processors, strict=True)):
            if name == "name_key":
                value: Any = sort_key(entity.full_name)
            else:
                value = held[name] if name in held else getattr(entity, name)
            if process is not None:
                # A batch shares its time stamps: convert the same object once, not per row.
                seen = last.get(index)
                if seen is not None and seen[0] is value:
                    value = seen[1]
                else:
                    converted = process(value)
                    last[index] = (value, converted)
                    value = converted
            out.append(value)
        return tuple(out)

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
