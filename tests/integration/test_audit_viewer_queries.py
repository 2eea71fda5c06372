"""The audit viewer's reads: newest first, paged back by key, filtered in SQL; the CSV export."""

from __future__ import annotations

import csv
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from legalaid_desktop.app import Application
from legalaid_desktop.domain.access import AccessDenied, Role
from legalaid_desktop.domain.errors import ValidationError
from legalaid_desktop.services import records
from legalaid_desktop.services.audit_view import AuditFilter, audit_lines, audit_names, export_audit_csv
from legalaid_desktop.services.users import add_user
from tests.builders import make_facility, make_person

SECRET = "correct horse battery staple"


def _people(app: Application, names: list[str]) -> None:
    for name in names:
        records.create(app.uow(), make_person(full_name=name))


def test_pages_come_newest_first_and_continue_from_the_last_entry(app: Application) -> None:
    _people(app, [f"Person {i}" for i in range(7)])
    everything = audit_lines(app.uow(), filters=AuditFilter(), limit=1000)
    ids = [line.entry_id for line in everything]
    assert ids == sorted(ids, reverse=True)
    first = audit_lines(app.uow(), filters=AuditFilter(), limit=3)
    second = audit_lines(app.uow(), filters=AuditFilter(), before_id=first[-1].entry_id, limit=3)
    assert [line.entry_id for line in first + second] == ids[:6]


def test_filters_narrow_by_user_action_period_and_text(app: Application) -> None:
    _people(app, ["Amina Yusuf", "Brian Otieno"])
    with app.uow() as uow:
        uow.actor = "coordinator ann"
        uow.audit("export", "case", None, None, {"file": "overstay.pdf"})
        uow.commit()
    by_user = audit_lines(app.uow(), filters=AuditFilter(actor="coordinator ann"))
    assert [(line.actor, line.action) for line in by_user] == [("coordinator ann", "export")]
    assert all(line.action == "create"
               for line in audit_lines(app.uow(), filters=AuditFilter(action="create")))
    found = audit_lines(app.uow(), filters=AuditFilter(text="BRIAN"))
    assert found and all("Brian" in line.changes for line in found)
    assert audit_lines(app.uow(), filters=AuditFilter(text="100%_sure")) == []
    later = datetime.now(UTC) + timedelta(days=1)
    assert audit_lines(app.uow(), filters=AuditFilter(since=later)) == []
    users, actions = audit_names(app.uow())
    assert {"tester", "coordinator ann"} <= set(users) and "export" in actions


def test_a_period_ending_before_it_starts_is_refused_with_the_dates(app: Application) -> None:
    now = datetime(2026, 5, 2, tzinfo=UTC)
    with pytest.raises(ValidationError) as refused:
        audit_lines(app.uow(), filters=AuditFilter(since=now, until=now - timedelta(days=1)))
    assert refused.value.field == "to" and "2026-05-02" in refused.value.expected


def test_the_export_writes_every_selected_entry_and_is_itself_audited(app: Application,
                                                                     tmp_path: Path) -> None:
    _people(app, ["=HYPERLINK(\"x\")", "Plain Name"])
    out = tmp_path / "audit.csv"
    wanted = AuditFilter(action="create")
    count = export_audit_csv(app.uow, filters=wanted, path=out)
    with out.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    assert count == len(rows) - 1 == len(audit_lines(app.uow(), filters=wanted, limit=1000))
    assert rows[0][:3] == ["Entry", "When (UTC)", "User"]
    assert not any(cell.startswith("=") for row in rows for cell in row)
    newest = audit_lines(app.uow(), filters=AuditFilter(), limit=1)[0]
    assert (newest.action, newest.entity) == ("export", "audit_log")
    assert f"entries: {count}" in newest.changes and "audit.csv" in newest.changes


def test_a_stopped_export_leaves_no_file(app: Application, tmp_path: Path) -> None:
    _people(app, ["Amina Yusuf"])
    out = tmp_path / "audit.csv"
    assert export_audit_csv(app.uow, filters=AuditFilter(), path=out, cancelled=lambda: True) == 0
    assert not out.exists()


def test_only_coordinators_and_administrators_read_the_log_and_the_refusal_is_audited(
        app: Application) -> None:
    records.create(app.uow(), make_facility(name="Kamiti Remand"))
    add_user(app.uow(), name="Ann Admin", role=Role.ADMIN, password=SECRET)
    admin = app.sign_in("Ann Admin", SECRET)
    add_user(admin.uow(), name="Pat Paralegal", role=Role.PARALEGAL, password=SECRET,
             facilities=["Kamiti Remand"])
    add_user(admin.uow(), name="Cora Coordinator", role=Role.COORDINATOR, password=SECRET)
    paralegal = app.sign_in("Pat Paralegal", SECRET)
    with pytest.raises(AccessDenied):
        audit_lines(paralegal.uow(), filters=AuditFilter())
    with pytest.raises(AccessDenied):
        audit_names(paralegal.uow())
    coordinator = app.sign_in("Cora Coordinator", SECRET)
    refusals = audit_lines(coordinator.uow(), filters=AuditFilter(actor="Pat Paralegal"))
    assert refusals and refusals[0].action != "sign_in"
    assert "view_audit" in refusals[0].changes
