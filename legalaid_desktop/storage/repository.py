"""A repository per entity class over one SQLAlchemy session."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, Generic, TypeVar, cast

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from legalaid_desktop.domain.entity import Entity

E = TypeVar("E", bound=Entity)


class SqlRepository(Generic[E]):
    """Entities of `cls` in `session` (implements services.ports.Repository)."""

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
