"""Every role's allowed and refused actions through the services, as one table.

"Refused" means AccessDenied, audited in its own transaction; "allowed" means the permission check let
the call through (it may still stop on the data, as a waiver with nothing to waive does).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from legalaid_desktop.app import Application, backup, open_application
from legalaid_desktop.domain.access import AccessDenied, Role
from legalaid_desktop.domain.cases import Case
from legalaid_desktop.domain.custody import Custody
from legalaid_desktop.domain.dto import CaseFilter
from legalaid_desktop.domain.errors import DomainError
from legalaid_desktop.domain.org import Provider
from legalaid_desktop.domain.vocab import EventType, RequestSource
from legalaid_desktop.services import records
from legalaid_desktop.services.assignments import assign_provider
from legalaid_desktop.services.audit import verify_audit
from legalaid_desktop.services.case_file import load_case_file
from legalaid_desktop.services.cases import list_cases
from legalaid_desktop.services.conflicts import caseload, check_conflicts, waive_conflict
from legalaid_desktop.services.deadlines import add_closure
from legalaid_desktop.services.exchange import export_json, import_json
from legalaid_desktop.services.register_export import export_register
from legalaid_desktop.services.reports import case_summary_data, caseload_data
from legalaid_desktop.services.requests import record_request
from legalaid_desktop.services.settings import set_setting
from legalaid_desktop.services.users import add_user, list_users
from tests.builders import make_facility, make_person

SECRET = "long enough secret"
A, C, L, P, V = Role.ADMIN, Role.COORDINATOR, Role.LAWYER, Role.PARALEGAL, Role.VIEWER


@dataclass
class World:
    apps: dict[Role, Application]
    folder: Path
    kamiti: int
    case_a: int
    case_ref: str
    custody_a: int
    provider: int
    export: Path


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> Iterator[World]:
    """One office for the whole table: a held client at Kamiti, a provider, one account per role
    (the paralegal limited to Kamiti)."""
    folder = tmp_path_factory.mktemp("roles")
    app = open_application(str(folder / "office.sqlite"), actor="setup", encryption=False)
    kamiti = records.create(app.uow(), make_facility(name="Kamiti Remand")).id
    records.create(app.uow(), make_facility(name="Langata Women's Prison"))
    person = records.create(app.uow(), make_person(full_name="Amina Yusuf"))
    case = records.open_case(app.uow(), client_person_id=person.id, opened_on=date(2026, 4, 1),
                             facility_id=kamiti, arrest_at=datetime(2026, 4, 1, 8, tzinfo=UTC))
    provider = records.create(app.uow(), Provider(full_name="Wanjiru Kamau")).id
    lawyer = records.create(app.uow(), Provider(full_name="Peter Otieno")).id
    assign_provider(app.uow(), case_id=case.id, provider_id=lawyer, at=datetime(2026, 4, 2, tzinfo=UTC))
    with app.uow() as uow:
        spell = uow.repo(Custody).first(case_id=case.id)
        assert spell is not None and spell.id is not None
        custody_a = spell.id
    add_user(app.uow(), name="Ada", role=A, password=SECRET)
    admin = app.sign_in("Ada", SECRET)
    names = {C: "Cora", L: "Lee", P: "Pat", V: "Vic"}
    for role, name in names.items():
        add_user(admin.uow(), name=name, role=role, password=SECRET,
                 facilities=["Kamiti Remand"] if role is P else ())
    apps = {A: admin, **{role: admin.sign_in(name, SECRET) for role, name in names.items()}}
    export = folder / "everything.json"
    export_json(admin.uow(), path=export)
    yield World(apps, folder, kamiti, case.id, case.label or "", custody_a, provider, export)
    admin.dispose()


Action = Callable[[World, Application, Role], object]
NOW = datetime(2026, 4, 20, 9, tzinfo=UTC)

TABLE: list[tuple[str, Action, set[Role]]] = [
    ("list cases", lambda w, a, r: list_cases(a.uow(), filters=CaseFilter()), {A, C, L, P, V}),
    ("open a case", lambda w, a, r: load_case_file(a.uow(), case_id=w.case_a), {A, C, L, P, V}),
    ("check a name for conflicts", lambda w, a, r: check_conflicts(a.uow(), name="Amina Yusuf"),
     {A, C, L, P, V}),
    ("change a case", lambda w, a, r: records.update(a.uow(), Case, w.case_a, expected_version=None,
                                                     changes={"summary": f"seen by {r}"}), {A, C, L, P}),
    ("record a custody event", lambda w, a, r: records.add_custody_event(
        a.uow(), custody_id=w.custody_a, type=EventType.FIRST_APPEARANCE,
        at=datetime(2026, 4, 2, 9, tzinfo=UTC)), {A, C, L, P}),
    ("record a legal aid request", lambda w, a, r: record_request(
        a.uow(), person_id=1, received_at=NOW, source=RequestSource.PRISON, facility_id=w.kamiti),
     {A, C, L, P}),
    ("make a case summary", lambda w, a, r: case_summary_data(a.uow(), None, case_ref=w.case_ref),
     {A, C, L, P}),
    ("make a caseload report", lambda w, a, r: caseload_data(a.uow(), group_by="facility"),
     {A, C, L, P}),
    ("export the facility's register", lambda w, a, r: export_register(
        a.uow(), a.catalogue, path=w.folder / f"register-{r}.csv", facility="Kamiti Remand"), {A, C, L, P}),
    ("export everything as JSON", lambda w, a, r: export_json(a.uow(), path=w.folder / f"all-{r}.json"),
     {A, C, L}),
    ("import a JSON export", lambda w, a, r: import_json(a.uow(), path=w.export), {A, C}),
    ("assign a provider to a case that has one", lambda w, a, r: assign_provider(
        a.uow(), case_id=w.case_a, provider_id=w.provider, at=NOW), {A, C}),
    ("assign the first provider of a case that has none", lambda w, a, r: assign_provider(
        a.uow(), case_id=unrepresented(w), provider_id=w.provider, at=NOW), {A, C, P}),
    ("waive a conflict", lambda w, a, r: waive_conflict(a.uow(), case_id=w.case_a, provider_id=w.provider,
                                                        reason="none other speaks Luo"), {A, C}),
    ("see caseloads", lambda w, a, r: caseload(a.uow()), {A, C}),
    ("change a setting", lambda w, a, r: set_setting(a.uow(), key="means_test.income_threshold", value="1000",
                                                     effective_from=date(2026, 1, 1)), {A, C}),
    ("add a court closure", lambda w, a, r: add_closure(a.uow(), a.deadline_book, jurisdiction_code="KE",
                                                        day=date(2026, 12, 24), reason="strike"), {A, C}),
    ("add a facility", lambda w, a, r: records.create(a.uow(), make_facility(name=f"New {r}")), {A, C}),
    ("verify the audit log", lambda w, a, r: verify_audit(a.uow()), {A, C}),
    ("back up the database", lambda w, a, r: backup(a, w.folder / f"backup-{r}.sqlite"), {A, C}),
    ("list user accounts", lambda w, a, r: list_users(a.uow()), {A}),
    ("add a user account", lambda w, a, r: add_user(a.uow(), name=f"New {r}", role=V, password=SECRET),
     {A}),
]


def unrepresented(w: World) -> int:
    """A new case held at Kamiti with no provider yet (made by the administrator)."""
    admin = w.apps[A]
    person = records.create(admin.uow(), make_person(full_name="Juma Otieno"))
    return records.open_case(admin.uow(), client_person_id=person.id, opened_on=date(2026, 4, 3),
                             facility_id=w.kamiti, arrest_at=datetime(2026, 4, 3, 8, tzinfo=UTC)).id


def refused_count(app: Application) -> int:
    with sqlite3.connect(app.location.path) as raw:
        return int(raw.execute("SELECT count(*) FROM audit_entry WHERE action = 'refused'").fetchone()[0])


@pytest.mark.parametrize(("action", "run", "allowed"), TABLE, ids=[row[0] for row in TABLE])
def test_each_role_may_do_what_the_table_says_and_no_more(world: World, action: str, run: Action,
                                                           allowed: set[Role]) -> None:
    for role, app in world.apps.items():
        before = refused_count(app)
        try:
            run(world, app, role)
            refused = False
        except AccessDenied:
            refused = True
        except DomainError:
            refused = False  # past the permission check, stopped by the data
        assert refused is (role not in allowed), f"{role} {'was refused' if refused else 'was allowed'}"
        # A refusal leaves exactly one audit entry, written after the call rolled back.
        assert refused_count(app) == before + (1 if refused else 0)
