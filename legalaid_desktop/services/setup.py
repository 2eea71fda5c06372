"""Setting up a database: its default jurisdiction, and what `init` reports."""

from __future__ import annotations

from legalaid_desktop.domain.cases import Case
from legalaid_desktop.domain.dto import DatabaseInfo
from legalaid_desktop.domain.errors import ValidationError
from legalaid_desktop.domain.org import Jurisdiction
from legalaid_desktop.services.catalogue import Catalogue
from legalaid_desktop.services.ports import UnitOfWork

DEFAULT_JURISDICTION = "default_jurisdiction"


def ensure_jurisdiction(uow: UnitOfWork, catalogue: Catalogue, code: str) -> Jurisdiction:
    """The stored jurisdiction for `code`, created from its rule file the first time."""
    info = catalogue.get(code)
    if info is None:
        raise ValidationError("jurisdiction", code, "one of " + ", ".join(catalogue.codes()))
    existing = uow.repo(Jurisdiction).first(code=info.code)
    if existing is not None:
        return existing
    created = Jurisdiction(
        code=info.code, name=info.name, time_zone=info.time_zone,
        court_opens=info.court_opens, court_closes=info.court_closes,
        sitting_weekdays=",".join(str(d) for d in info.sitting_weekdays))
    uow.repo(Jurisdiction).add(created)
    uow.flush()
    uow.audit("create", "jurisdiction", created.uuid, None, {"code": created.code})
    return created


def default_jurisdiction(uow: UnitOfWork) -> str | None:
    return uow.get_meta(DEFAULT_JURISDICTION)


def init_database(uow: UnitOfWork, catalogue: Catalogue, *, location: str, revision: str,
                  jurisdiction: str | None) -> DatabaseInfo:
    """Record the default jurisdiction (when given) and describe the database."""
    with uow:
        if jurisdiction:
            chosen = ensure_jurisdiction(uow, catalogue, jurisdiction)
            previous = uow.get_meta(DEFAULT_JURISDICTION)
            if previous != chosen.code:
                uow.set_meta(DEFAULT_JURISDICTION, chosen.code)
                uow.audit("update", "setting", None, {DEFAULT_JURISDICTION: previous},
                          {DEFAULT_JURISDICTION: chosen.code})
        uow.commit()
        return DatabaseInfo(location=location, revision=revision,
                            default_jurisdiction=uow.get_meta(DEFAULT_JURISDICTION),
                            cases=uow.repo(Case).count())
