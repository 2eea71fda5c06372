"""Two records of one person: compared side by side, merged into one, and the merge undone exactly.

A merge moves the duplicate's cases, parties, custody spells, requests and dependants to the kept
person through the repositories (so the case list, the search text, the name keys and the stored
deadlines follow at commit), fills the kept person's empty fields from the duplicate without ever
overwriting one, adds the duplicate's names to the kept person's other names, and marks the duplicate
merged: lists, searches and conflict checks then leave it out. What it did is kept in a PersonMerge
row, which is what an undo moves back.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, date, datetime
from typing import Any

from legalaid_desktop.domain.access import Permission
from legalaid_desktop.domain.cases import Case, Party
from legalaid_desktop.domain.custody import Custody
from legalaid_desktop.domain.entity import Entity
from legalaid_desktop.domain.errors import ValidationError
from legalaid_desktop.domain.merge import MergeDone, MergeLine, PersonFacts, PersonMerge
from legalaid_desktop.domain.org import Facility
from legalaid_desktop.domain.people import Dependant, Person
from legalaid_desktop.domain.requests import LegalAidRequest
from legalaid_desktop.domain.vocab import PartyRole, Sex
from legalaid_desktop.services.access import require, require_facility, sees_restricted_contacts
from legalaid_desktop.services.ports import UnitOfWork
from legalaid_desktop.services.records import load

MOVABLE: tuple[tuple[str, type[Entity], str], ...] = (
    ("legal_case", Case, "client_person_id"),
    ("party", Party, "person_id"),
    ("custody", Custody, "person_id"),
    ("legal_aid_request", LegalAidRequest, "person_id"),
    ("dependant", Dependant, "person_id"),
)
"""Each table whose rows belong to a person, with the column naming the person."""

FILLABLE = ("gender_identity", "date_of_birth", "age_estimate", "age_estimate_on", "nationality",
            "languages", "identity_number", "phone", "address", "emergency_contact", "notes")
"""Fields the kept person takes from the duplicate when their own is empty."""

RECENT = 20


def _json(value: Any) -> Any:
    return value.isoformat() if isinstance(value, date) else value


def _from_json(name: str, value: Any) -> Any:
    if value is not None and name in ("date_of_birth", "age_estimate_on"):
        return date.fromisoformat(value)
    return value


def _people(uow: UnitOfWork, first_id: int, second_id: int) -> tuple[Person, Person]:
    if first_id == second_id:
        raise ValidationError("people", first_id, "two different people to compare or merge")
    return load(uow, Person, first_id), load(uow, Person, second_id)


def _require_places(uow: UnitOfWork, permission: Permission, people: Iterable[Person]) -> None:
    """The principal may act at every facility where either person is held or has a case."""
    places: set[int | None] = set()
    for person in people:
        assert person.id is not None
        places |= uow.reads.person_facilities(person.id)
        places |= {spell.facility_id for spell in uow.repo(Custody).find(person_id=person.id)}
    if not places:
        require(uow, permission, entity="person")
    for facility_id in sorted(places, key=lambda f: -1 if f is None else f):
        require_facility(uow, permission, facility_id)


def _facts(uow: UnitOfWork, person: Person, today: date, contacts: bool) -> PersonFacts:
    assert person.id is not None
    roles: dict[int, list[str]] = {}
    for case in uow.repo(Case).find(client_person_id=person.id):
        assert case.id is not None
        roles.setdefault(case.id, []).append(PartyRole.CLIENT.value)
    for party in uow.repo(Party).find(person_id=person.id):
        if party.role.value not in roles.setdefault(party.case_id, []):
            roles[party.case_id].append(party.role.value)
    cases = []
    for case_id, names in sorted(roles.items()):
        found_case = uow.repo(Case).get(case_id)
        if found_case is not None:
            cases.append(f"{found_case.case_ref} ({', '.join(names)})")
    facilities: dict[int, str] = {}
    spells = []
    for spell in uow.repo(Custody).find(person_id=person.id):
        if spell.facility_id not in facilities:
            found = uow.repo(Facility).get(spell.facility_id)
            facilities[spell.facility_id] = found.name if found else "?"
        start = spell.arrest_at or spell.admission_at
        spells.append(" · ".join(x for x in (
            facilities[spell.facility_id], spell.register_number,
            start.date().isoformat() if start else None,
            (spell.released_at.date().isoformat() if spell.released_at else None)) if x))
    requests = [f"{r.received_at.date().isoformat()} · {r.decision.value}"
                for r in uow.repo(LegalAidRequest).find(person_id=person.id)]
    return PersonFacts(
        person_id=person.id, full_name=person.full_name, other_names=person.other_names,
        sex=person.sex.value, date_of_birth=person.date_of_birth, age=person.age_at(today),
        age_estimated=person.date_of_birth is None and person.age_estimate is not None,
        identity_number=person.identity_number, nationality=person.nationality,
        languages=person.languages, phone=person.phone if contacts else None,
        address=person.address if contacts else None, contacts_hidden=not contacts,
        cases=tuple(cases), custody=tuple(spells), requests=tuple(requests),
        dependants=len(uow.repo(Dependant).find(person_id=person.id)),
        possible_duplicate_of=person.possible_duplicate_of)


def compare_people(uow: UnitOfWork, *, left_id: int, right_id: int,
                   today: date | None = None) -> tuple[PersonFacts, PersonFacts]:
    """Both people as the user may see them, for a side-by-side comparison."""
    today = today or datetime.now(UTC).date()
    with uow:
        left, right = _people(uow, left_id, right_id)
        _require_places(uow, Permission.READ_CASES, (left, right))
        contacts = sees_restricted_contacts(uow)
        return _facts(uow, left, today, contacts), _facts(uow, right, today, contacts)


def duplicate_of(uow: UnitOfWork, *, person_id: int) -> int | None:
    """The person this one was flagged as possibly the same as, if that record still stands."""
    with uow:
        person = load(uow, Person, person_id)
        if person.possible_duplicate_of is None:
            return None
        other = uow.repo(Person).get(person.possible_duplicate_of)
        if other is None:
            return None
        return other.merged_into_id or other.id


def _not_merged(person: Person, field: str) -> None:
    if person.merged_into_id is not None:
        raise ValidationError(field, person.full_name,
                              "a person not merged into another already (open the kept record)")


def _other_names(kept: Person, merged: Person) -> str | None:
    """The kept person's other names with the duplicate's names added (each once)."""
    names: list[str] = []
    seen = {kept.full_name.casefold()}
    for text in (kept.other_names, merged.full_name, merged.other_names):
        for name in (text or "").split(";"):
            name = name.strip()
            if name and name.casefold() not in seen:
                seen.add(name.casefold())
                names.append(name)
    joined = "; ".join(names)
    return joined[:300] or None


def merge_people(uow: UnitOfWork, *, keep_id: int, merge_id: int,
                 now: datetime | None = None) -> MergeDone:
    """Merge person `merge_id` into `keep_id`: one audited transaction, undone by `undo_merge`."""
    now = now or datetime.now(UTC)
    with uow:
        kept, merged = _people(uow, keep_id, merge_id)
        _not_merged(kept, "keep_id")
        _not_merged(merged, "merge_id")
        _require_places(uow, Permission.EDIT_CASES, (kept, merged))
        moved: dict[str, list[int]] = {}
        dropped: list[dict[str, Any]] = []
        kept_roles = {(p.case_id, p.role) for p in uow.repo(Party).find(person_id=keep_id)}
        for table, cls, column in MOVABLE:
            ids: list[int] = []
            for row in uow.repo(cls).find(**{column: merge_id}):
                assert row.id is not None
                if isinstance(row, Party) and (row.case_id, row.role) in kept_roles:
                    # The kept person already has this role in this case: a second row would break
                    # the (case, person, role) rule, so it goes, and an undo puts it back.
                    dropped.append({"uuid": row.uuid, "case_id": row.case_id, "role": row.role.value})
                    uow.repo(Party).delete(row)
                    continue
                setattr(row, column, keep_id)
                ids.append(row.id)
            moved[table] = ids
        flags: dict[str, int | None] = {}
        for other in uow.repo(Person).find(possible_duplicate_of=merge_id):
            assert other.id is not None
            flags[str(other.id)] = merge_id
            other.possible_duplicate_of = None if other.id == keep_id else keep_id
        filled: dict[str, list[Any]] = {}
        for name in FILLABLE:
            if getattr(kept, name) is None and getattr(merged, name) is not None:
                filled[name] = [None, _json(getattr(merged, name))]
                setattr(kept, name, getattr(merged, name))
        if kept.sex is Sex.UNKNOWN and merged.sex is not Sex.UNKNOWN:
            filled["sex"] = [kept.sex.value, merged.sex.value]
            kept.sex = merged.sex
        names = _other_names(kept, merged)
        if names != kept.other_names:
            filled["other_names"] = [kept.other_names, names]
            kept.other_names = names
        merged.merged_into_id = keep_id
        record = PersonMerge(kept_person_id=keep_id, merged_person_id=merge_id, actor=uow.principal.name,
                             merged_at=now, moved={**moved, "dropped_parties": dropped, "flags": flags,
                                                   "filled": filled})
        uow.repo(PersonMerge).add(record)
        uow.flush()
        assert record.id is not None
        uow.audit("merge", "person", merged.uuid, None, {
            "kept_person": kept.uuid, "merge": record.uuid,
            "moved": {table: len(ids) for table, ids in moved.items()},
            "dropped_parties": len(dropped), "filled": sorted(filled)})
        uow.commit()
        counts = {table: len(ids) for table, ids in moved.items()}
        return MergeDone(record.id, keep_id, kept.full_name, merge_id, merged.full_name, counts,
                         tuple(sorted(filled)))


def undo_merge(uow: UnitOfWork, *, merge_id: int, now: datetime | None = None) -> MergeDone:
    """Move back exactly the rows a merge moved, put back what it dropped, clear what it filled
    (where still as it left it) and the duplicate's mark. A merge is undone once."""
    now = now or datetime.now(UTC)
    with uow:
        record = load_merge(uow, merge_id)
        if record.undone_at is not None:
            raise ValidationError("merge", merge_id, "a merge not undone yet: this one was undone on "
                                  f"{record.undone_at.date().isoformat()}")
        kept, merged = _people(uow, record.kept_person_id, record.merged_person_id)
        if kept.merged_into_id is not None:
            raise ValidationError("merge", merge_id, f"a merge whose kept person ({kept.full_name}) "
                                  "was not merged into someone else since: undo that merge first")
        _require_places(uow, Permission.EDIT_CASES, (kept, merged))
        keep_id, merge_to = record.kept_person_id, record.merged_person_id
        counts: dict[str, int] = {}
        left_behind = 0
        for table, cls, column in MOVABLE:
            ids = record.moved.get(table, [])
            found = (uow.repo(cls).get(row_id) for row_id in ids)  # a person's rows: a handful
            rows = [row for row in found if row is not None and getattr(row, column) == keep_id]
            for row in rows:
                setattr(row, column, merge_to)
            counts[table] = len(rows)
            left_behind += len(ids) - len(rows)
        for item in record.moved.get("dropped_parties", []):
            role = PartyRole(item["role"])
            if uow.repo(Case).get(item["case_id"]) is not None and uow.repo(Party).first(
                    case_id=item["case_id"], person_id=merge_to, role=role) is None:
                uow.repo(Party).add(Party(uuid=item["uuid"], case_id=item["case_id"], person_id=merge_to,
                                          role=role))
                counts["party"] = counts.get("party", 0) + 1
        for person_id, former in record.moved.get("flags", {}).items():
            other = uow.repo(Person).get(int(person_id))
            if other is not None and other.possible_duplicate_of in (None, keep_id):
                other.possible_duplicate_of = former
        restored = []
        for name, (before, after) in record.moved.get("filled", {}).items():
            current = getattr(kept, name)
            if _json(current.value if name == "sex" else current) == after:
                setattr(kept, name, Sex(before) if name == "sex" else _from_json(name, before))
                restored.append(name)
        merged.merged_into_id = None
        record.undone_at = now
        uow.audit("undo_merge", "person", merged.uuid, None, {
            "kept_person": kept.uuid, "merge": record.uuid, "moved_back": counts,
            "left_behind": left_behind, "cleared": sorted(restored)})
        uow.commit()
        return MergeDone(merge_id, keep_id, kept.full_name, merge_to, merged.full_name, counts,
                         tuple(sorted(restored)), left_behind)


def load_merge(uow: UnitOfWork, merge_id: int) -> PersonMerge:
    found = uow.repo(PersonMerge).get(merge_id)
    if found is None:
        raise ValidationError("merge", merge_id, "the number of a recorded merge of two people")
    return found


def recent_merges(uow: UnitOfWork, *, limit: int = RECENT) -> list[MergeLine]:
    """The newest merges, undone ones included (they say so), for the "Undo a merge" list."""
    with uow:
        require(uow, Permission.READ_CASES)
        return uow.reads.recent_merges(limit=limit)
