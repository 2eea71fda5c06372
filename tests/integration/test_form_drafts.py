"""Drafts of a case's forms on a real database: kept per user, case and form, replaced, dropped, and
refused cleanly when they cannot be kept."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from legalaid_desktop.app import Application
from legalaid_desktop.domain.access import AccessDenied, Role
from legalaid_desktop.domain.errors import ValidationError
from legalaid_desktop.services import form_drafts
from legalaid_desktop.services.form_drafts import (
    MAX_CHARS,
    case_form_drafts,
    drop_form_draft,
    form_draft,
    keep_form_draft,
)
from legalaid_desktop.services.users import add_user

SECRET = "correct horse battery staple 42"


def test_a_draft_is_kept_replaced_and_dropped(app: Application) -> None:
    keep_form_draft(app.uow(), case_id=7, form="note:visit", fields={"text": "Saw him at 10", "minutes": "4"})
    keep_form_draft(app.uow(), case_id=7, form="note:visit", fields={"text": "Saw him at 10, unwell",
                                                                     "minutes": "45"})
    keep_form_draft(app.uow(), case_id=7, form="hearing", fields={"court": "Kibera"})
    keep_form_draft(app.uow(), case_id=8, form="hearing", fields={"court": "Milimani"})
    draft = form_draft(app.uow(), case_id=7, form="note:visit")
    assert draft is not None and draft.fields == {"text": "Saw him at 10, unwell", "minutes": "45"}
    assert sorted(d.form for d in case_form_drafts(app.uow(), case_id=7)) == ["hearing", "note:visit"]
    assert drop_form_draft(app.uow(), case_id=7, form="note:visit") is True
    assert drop_form_draft(app.uow(), case_id=7, form="note:visit") is False
    assert form_draft(app.uow(), case_id=7, form="note:visit") is None
    assert [d.form for d in case_form_drafts(app.uow(), case_id=7)] == ["hearing"]
    assert [d.fields for d in case_form_drafts(app.uow(), case_id=8)] == [{"court": "Milimani"}]


def test_the_draft_is_in_the_database_file_and_survives_the_program(app: Application, db_path: Path) -> None:
    keep_form_draft(app.uow(), case_id=3, form="charge", fields={"offence": "Robbery with violence"})
    with sqlite3.connect(db_path) as raw:  # what a crash leaves: the committed file
        stored = raw.execute("SELECT value FROM meta_info WHERE key LIKE 'form_draft:%'").fetchall()
    assert len(stored) == 1 and "Robbery with violence" in stored[0][0]


def test_each_user_sees_only_their_own_drafts(app: Application) -> None:
    add_user(app.uow(), name="Grace Admin", role=Role.ADMIN, password=SECRET)
    admin = app.sign_in("Grace Admin", SECRET)
    add_user(admin.uow(), name="Pat:1", role="lawyer", password=SECRET)
    add_user(admin.uow(), name="Pat", role="lawyer", password=SECRET)
    keep_form_draft(app.sign_in("Pat:1", SECRET).uow(), case_id=1, form="party", fields={"name": "A"})
    pat = app.sign_in("Pat", SECRET)
    assert case_form_drafts(pat.uow(), case_id=1) == []  # "Pat" + ":1:" must not read "Pat:1"'s
    assert form_draft(pat.uow(), case_id=1, form="party") is None
    keep_form_draft(pat.uow(), case_id=1, form="party", fields={"name": "B"})
    assert [d.fields["name"] for d in case_form_drafts(pat.uow(), case_id=1)] == ["B"]
    other = app.sign_in("Pat:1", SECRET)
    assert [d.fields["name"] for d in case_form_drafts(other.uow(), case_id=1)] == ["A"]


def test_a_viewer_may_not_keep_drafts(app: Application) -> None:
    add_user(app.uow(), name="Grace Admin", role=Role.ADMIN, password=SECRET)
    admin = app.sign_in("Grace Admin", SECRET)
    add_user(admin.uow(), name="Vee", role="viewer", password=SECRET)
    with pytest.raises(AccessDenied):
        keep_form_draft(app.sign_in("Vee", SECRET).uow(), case_id=1, form="note", fields={"text": "x"})


def test_a_draft_that_cannot_be_kept_is_refused_and_leaves_the_one_before(app: Application) -> None:
    keep_form_draft(app.uow(), case_id=2, form="note", fields={"text": "first"})
    with pytest.raises(ValidationError, match="characters"):
        keep_form_draft(app.uow(), case_id=2, form="note", fields={"text": "x" * (MAX_CHARS + 1)})
    with pytest.raises(TypeError):
        keep_form_draft(app.uow(), case_id=2, form="note", fields={"text": object()})
    draft = form_draft(app.uow(), case_id=2, form="note")
    assert draft is not None and draft.fields == {"text": "first"}


def test_a_draft_this_version_cannot_read_is_left_out(app: Application) -> None:
    with app.uow() as uow:
        prefix = form_drafts._case_prefix("tester", 4)
        uow.set_meta(prefix + "note", '{"format": 99, "saved_at": "2026-01-01T00:00:00+00:00", "fields": {}}')
        uow.set_meta(prefix + "hearing", "not json")
        uow.commit()
    assert form_draft(app.uow(), case_id=4, form="note") is None
    assert case_form_drafts(app.uow(), case_id=4) == []


def test_a_long_form_name_or_user_name_still_fits_the_key(app: Application) -> None:
    """A form named by a file's path (an attachment's description) stays within meta_info's key length,
    which PostgreSQL enforces."""
    form = "attach:/home/paralegal/Documents/Kamiti visits/2026/statement of the accused (final).pdf"
    keep_form_draft(app.uow(), case_id=123456, form=form, fields={"description": "charge sheet"})
    draft = form_draft(app.uow(), case_id=123456, form=form)
    assert draft is not None and draft.fields == {"description": "charge sheet"}
    with sqlite3.connect(app.location.path) as raw:
        keys = [k for (k,) in raw.execute("SELECT key FROM meta_info WHERE key LIKE 'form_draft:%'")]
    assert keys and all(len(k) <= form_drafts.KEY_LENGTH for k in keys)
    assert drop_form_draft(app.uow(), case_id=123456, form=form) is True
