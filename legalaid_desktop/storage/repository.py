"""A repository per entity class over one SQLAlchemy session."""

from __future__ import annotations

from collections.abc import Collection, Iterator
from typing import Any, Generic, TypeVar, cast

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from legalaid_desktop.domain.entity import Entity

E = TypeVar("E", bound=Entity)


class SqlRepository(Generic[E]):
    """Entities of `cls` in `session` (implements services.ports.Repository, BulkLookup and
    SnapshotReads; a snapshot begun through one repository holds for the whole session)."""

    def __init__(self, session: Session, cls: type[E]) -> None:
        self._session = session
        self._cls = cls

    def add(self, entity: E) -> E:
        self._session.add(entity)
        return entity

    def get(self, entity_id: int) -> E | None:
        return self._session.get(self._cls, entity_id)

    def by_uuid(self, uuid: str) -> E | None:
        return self.first(uuid=uuid)

    def find(self, **equal_to: Any) -> list[E]:
        stmt = select(self._cls).filter_by(**equal_to).order_by(cast(Any, self._cls).id)
        return list(self._session.scalars(stmt))

    def first(self, **equal_to: Any) -> E | None:
        stmt = select(self._cls).filter_by(**equal_to).limit(1)
        return self._session.scalars(stmt).first()

    def stream(self, batch: int = 1000) -> Iterator[E]:
        last = 0
        while True:
            key: Any = cast(Any, self._cls).id
            stmt = select(self._cls).where(key > last).order_by(key).limit(batch)
            rows = list(self._session.scalars(stmt))
            if not rows:
                return
            yield from rows
            last = rows[-1].id or last

    def count(self) -> int:
        return int(self._session.scalar(select(func.count()).select_from(self._cls)) or 0)

    def delete(self, entity: E) -> None:
        self._session.delete(entity)

    def find_in(self, field: str, values: Collection[Any]) -> list[E]:
        column = getattr(self._cls, field)
        found: list[E] = []
        for chunk in _chunks(list(values)):
            found.extend(self._session.scalars(select(self._cls).where(column.in_(chunk))))
        return found

    def ids_for_uuids(self, uuids: Collection[str]) -> dict[str, int]:
        cls: Any = self._cls
        out: dict[str, int] = {}
        for chunk in _chunks(list(uuids)):
            out.update((row.uuid, row.id) for row in
                       self._session.execute(select(cls.uuid, cls.id).where(cls.uuid.in_(chunk))))
        return out

    def uuids_for_ids(self, ids: Collection[int]) -> dict[int, str]:
        cls: Any = self._cls
        out: dict[int, str] = {}
        for chunk in _chunks(list(ids)):
            out.update((row.id, row.uuid) for row in
                       self._session.execute(select(cls.id, cls.uuid).where(cls.id.in_(chunk))))
        return out

    def count_where(self, **equal_to: Any) -> int:
        stmt = select(func.count()).select_from(self._cls).filter_by(**equal_to)
        return int(self._session.scalar(stmt) or 0)

    def begin_snapshot(self) -> None:
        connection = self._session.connection()
        if connection.dialect.name != "sqlite":  # pragma: no cover - PostgreSQL mode not built yet
            return
        driver: Any = connection.connection.dbapi_connection
        if not driver.in_transaction:
            # The sqlite3 driver opens a transaction only before a write, so each read would see
            # the latest commit. BEGIN makes the reads share one snapshot (in WAL mode it takes
            # no lock that stops writers); the session's rollback or commit ends it.
            connection.exec_driver_sql("BEGIN")


def _chunks(values: list[Any], size: int = 500) -> Iterator[list[Any]]:
    """Slices small enough for one IN list (SQLite caps bound parameters per statement)."""
    for start in range(0, len(values), size):
        yield values[start:start + size]
