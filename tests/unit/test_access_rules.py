"""Roles and permissions as plain rules: who may do what, and where."""

from __future__ import annotations

import pytest

from legalaid_desktop.domain.access import (
    Permission,
    Principal,
    Role,
    UserAccount,
    can,
    may_act_on_case,
)
from legalaid_desktop.domain.errors import ValidationError

P = Permission


def test_only_admins_manage_users_and_the_database() -> None:
    for role in Role:
        who = Principal(user_id=1, name="x", role=role)
        assert can(who, P.MANAGE_USERS) is (role is Role.ADMIN)
        assert can(who, P.MANAGE_DATABASE) is (role is Role.ADMIN)


def test_only_coordinators_and_admins_assign_and_waive_conflicts() -> None:
    for role in Role:
        who = Principal(user_id=1, name="x", role=role)
        expected = role in (Role.ADMIN, Role.COORDINATOR)
        assert can(who, P.ASSIGN_PROVIDERS) is expected
        assert can(who, P.WAIVE_CONFLICTS) is expected


def test_a_paralegal_may_also_put_the_first_provider_on_a_case_that_has_none() -> None:
    allowed = {r for r in Role if can(Principal(user_id=1, name="x", role=r), P.ASSIGN_UNREPRESENTED)}
    assert allowed == {Role.ADMIN, Role.PARALEGAL}  # a coordinator's ASSIGN_PROVIDERS covers it


def test_a_viewer_reads_and_does_nothing_else() -> None:
    viewer = Principal(user_id=1, name="v", role=Role.VIEWER)
    assert [p for p in Permission if can(viewer, p)] == [P.READ_CASES]


def test_restricted_contacts_are_for_lawyers_coordinators_and_admins_only() -> None:
    allowed = {r for r in Role if can(Principal(user_id=1, name="x", role=r), P.SEE_RESTRICTED_CONTACTS)}
    assert allowed == {Role.ADMIN, Role.COORDINATOR, Role.LAWYER}


def test_a_paralegal_acts_only_at_the_facilities_assigned_to_them() -> None:
    paralegal = Principal(user_id=1, name="p", role=Role.PARALEGAL, facility_ids=frozenset({3}))
    assert can(paralegal, P.EDIT_CASES, 3)
    assert not can(paralegal, P.EDIT_CASES, 4)
    assert not may_act_on_case(paralegal, P.READ_CASES, None)  # a case held nowhere is not theirs
    assert may_act_on_case(Principal(user_id=2, name="c", role=Role.COORDINATOR), P.READ_CASES, None)


def test_account_names_compare_whatever_their_case_and_spacing() -> None:
    a = UserAccount(name="  Amina   Yusuf ", role=Role.LAWYER, password_hash="$argon2id$x")
    assert a.name == "Amina Yusuf" and a.name_key == "amina yusuf"
    with pytest.raises(ValidationError):
        UserAccount(name="x", role="chief", password_hash="h")  # type: ignore[arg-type]
