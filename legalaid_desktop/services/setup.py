"""Setting up a database: its default jurisdiction, and what `init` reports."""

from __future__ import annotations

from legalaid_desktop.domain.access import Permission
from legalaid_desktop.domain.cases import DEFAULT_OFFICE_CODE, Case, check_office_code
from legalaid_desktop.domain.dto import DatabaseInfo
from legalaid_desktop.domain.errors import ValidationError
from legalaid_desktop.domain.org import Jurisdiction
from legalaid_desktop.services.access import require
from legalaid_desktop.services.catalogue import Catalogue
from legalaid_desktop.services.ports import UnitOfWork

DEFAULT_JURISDICTION = "default_jurisdiction"
OFFICE_CODE = "office_code"  # the prefix of this database's case references


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
                  jurisdiction: str | None, office_code: str | None = None) -> DatabaseInfo:
    """Record the default jurisdiction and the office code (when given: MANAGE_SETTINGS); describe
    the database."""
    with uow:
        if office_code or jurisdiction:
            require(uow, Permission.MANAGE_SETTINGS, entity="setting")
        if office_code:
            code = check_office_code(office_code)
            previous = uow.get_meta(OFFICE_CODE)
            if previous != code:
                uow.set_meta(OFFICE_CODE, code)
                uow.audit("update", "setting", None, {OFFICE_CODE: previous}, {OFFICE_CODE: code})
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
                            cases=uow.repo(Case).count(),
                            office_code=uow.get_meta(OFFICE_CODE) or DEFAULT_OFFICE_CODE)
