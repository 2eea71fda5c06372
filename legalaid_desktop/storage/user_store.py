"""User accounts and the facilities each is limited to, read and written in SQL."""

from __future__ import annotations

from collections.abc import Collection

from sqlalchemy import delete, insert, select
from sqlalchemy.orm import Session

from legalaid_desktop.domain.access import Role, UserAccount, UserLine, name_key
from legalaid_desktop.storage import tables as t


class SqlUserStore:
    """Implements services.ports.UserStore on a session."""

    def __init__(self, session: Session) -> None:
        self._session = session

    def any_accounts(self) -> bool:
        return self._session.scalar(select(t.user_account.c.id).limit(1)) is not None

    def by_name(self, name: str) -> UserAccount | None:
        stmt = select(UserAccount).where(t.user_account.c.name_key == name_key(name)).limit(1)
        return self._session.scalars(stmt).first()

    def account_state(self, user_id: int) -> tuple[Role, bool] | None:
        """The account's role and whether it is disabled (None: no such account)."""
        u = t.user_account
        row = self._session.execute(select(u.c.role, u.c.disabled).where(u.c.id == user_id)).first()
        return None if row is None else (Role(row.role), bool(row.disabled))

    def names(self) -> list[str]:
        return list(self._session.scalars(select(t.user_account.c.name).order_by(t.user_account.c.name_key)))

    def facility_ids(self, user_id: int) -> frozenset[int]:
        uf = t.user_facility
        return frozenset(self._session.scalars(select(uf.c.facility_id).where(uf.c.user_id == user_id)))

    def set_facilities(self, user_id: int, facility_ids: Collection[int]) -> None:
        uf = t.user_facility
        self._session.execute(delete(uf).where(uf.c.user_id == user_id))
        if facility_ids:
            self._session.execute(insert(uf), [{"user_id": user_id, "facility_id": f}
                                               for f in sorted(set(facility_ids))])

    def lines(self) -> list[UserLine]:
        u, uf, f = t.user_account, t.user_facility, t.facility
        places: dict[int, list[str]] = {}
        for user_id, facility in self._session.execute(
                select(uf.c.user_id, f.c.name).join(f, f.c.id == uf.c.facility_id).order_by(f.c.name)):
            places.setdefault(user_id, []).append(facility)
        stmt = select(u.c.id, u.c.name, u.c.role, u.c.disabled, u.c.locked_until,
                      u.c.last_sign_in_at).order_by(u.c.name_key)
        return [UserLine(user_id=r.id, name=r.name, role=Role(r.role), facilities=tuple(places.get(r.id, ())),
                         disabled=r.disabled, locked_until=r.locked_until, last_sign_in_at=r.last_sign_in_at)
                for r in self._session.execute(stmt)]
