"""Conflict-of-interest checks, waivers, assignment suggestions and caseload balancing."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta

from legalaid_desktop.domain.access import Permission, may_act_on_case
from legalaid_desktop.domain.cases import Case
from legalaid_desktop.domain.conflicts import (
    ADVERSE_ROLES,
    CLIENT_ROLES,
    HIDDEN_MATCH,
    LEAVE_SOON_DAYS,
    Acting,
    Candidate,
    CaseFacts,
    Caseload,
    ConflictCheck,
    ConflictMatch,
    ConflictOfInterestError,
    ConflictSide,
    ConflictWaiver,
    Involvement,
    Move,
    ProviderConflict,
    ProviderFacts,
    ProviderLoad,
    Suggestion,
    Why,
    case_weight,
    identity_key,
    on_leave,
)
from legalaid_desktop.domain.entity import utcnow
from legalaid_desktop.domain.errors import NotFoundError, ValidationError
from legalaid_desktop.domain.org import Provider
from legalaid_desktop.domain.people import CHILD_AGE, age_on
from legalaid_desktop.domain.vocab import PartyRole
from legalaid_desktop.services.access import may_open_case, require, require_assign, require_case
from legalaid_desktop.services.name_match import (
    COARSE_KEY_CAP,
    DOB_ADJUSTMENT,
    NAME_THRESHOLD,
    DobAgreement,
    IdAgreement,
    MatchResult,
    Reason,
    dob_agreement,
    id_agreement,
    keys_to_read,
    match_person,
    name_keys,
    score_names,
)
from legalaid_desktop.services.ports import UnitOfWork
from legalaid_desktop.services.records import Saved, add_record, load, saved_of

CANDIDATE_LIMIT = 50_000  # a fallback key held by more people than this is read only this far
# A check lists at most this many people (each in every role of every case) unless more have a date
# of birth or an identity number that agrees: the commonest Arabic name matched 5,399 people among
# 1,000,000 parties, a list nobody reads, and joining each to its cases cost more than the match.
LISTED_PEOPLE = 50
ALIAS_SPLIT = re.compile(r"[;,/|]")

# Suggestion points: a shared language and a needed specialism weigh most (a child who cannot talk to
# the lawyer, a capital trial without a trained one), then who covers the place, then spare capacity.
FIRST_LANGUAGE_POINTS = 3.0
OTHER_LANGUAGE_POINTS = 1.5
SPECIALISM_POINTS = 3.0
FACILITY_POINTS = 2.0
COURT_POINTS = 1.0
CAPACITY_POINTS = 2.0  # times the share of capacity left
LEAVE_SOON_POINTS = -1.0
# Between otherwise equal providers a lawyer leads before a paralegal, and both before a supervised
# law student (UN Guidelines 13-14: students and paralegals act under a lawyer's supervision).
KIND_POINTS = {"lawyer": 1.0, "paralegal": 0.5, "law_student": 0.0}
CHILDREN = "children"
CAPITAL = "capital cases"


def _names(full_name: str, other_names: str | None = None) -> list[str]:
    names = [full_name]
    if other_names:
        names.extend(n.strip() for n in ALIAS_SPLIT.split(other_names) if n.strip())
    return names


def _words(text: str | None) -> list[str]:
    return [w.strip().lower() for w in (text or "").split(",") if w.strip()]


# --- finding people -------------------------------------------------------------------------------

def _keys_to_read(uow: UnitOfWork, names: Sequence[str], identity: str | None) -> list[str]:
    """The name keys of these names worth reading (services.name_match.keys_to_read), and the
    identity number's key."""
    keys: set[str] = set()
    for name in names:
        keys |= name_keys(name)
    counts = uow.conflicts.key_counts(keys, cap=COARSE_KEY_CAP)
    chosen = keys_to_read(counts) if counts else []
    number = identity_key(identity)
    if number:
        chosen.append(number)  # the same number is a possible match whatever the name says
    return chosen


def find_people(uow: UnitOfWork, names: Sequence[str], dob: date | None, identity: str | None,
                exclude_person_id: int | None) -> list[tuple[Candidate, MatchResult]]:
    """Stored people who may be the one named, best match first (inside an open unit of work): the
    conflict check and the intake's search for likely matches read them the same way."""
    candidates = uow.conflicts.candidates(keys=_keys_to_read(uow, names, identity),
                                          exclude_person_id=exclude_person_id, limit=CANDIDATE_LIMIT)
    return _matching(candidates, names, dob, identity)


def _matching(candidates: Iterable[Candidate], names: Sequence[str], dob: date | None,
              identity: str | None) -> list[tuple[Candidate, MatchResult]]:
    """The candidates who may be the one named, each with its best match, best first."""
    # Names repeat across thousands of candidates: each distinct pair of names is scored once, only
    # names that could reach the threshold with the date of birth are scored in full, and a full
    # result depends on the dates and numbers only through how they agree, so it is kept per
    # agreement.
    best_name: dict[str, float] = {}
    scored: dict[tuple[str, str, DobAgreement, IdAgreement], MatchResult | None] = {}
    reach = NAME_THRESHOLD - (DOB_ADJUSTMENT["equal"] if dob else 0.0)
    found: list[tuple[Candidate, MatchResult]] = []
    for candidate in candidates:
        best: MatchResult | None = None
        same_dob = dob_agreement(dob, candidate.date_of_birth)
        same_id = id_agreement(identity, candidate.identity_number)
        for their in _names(candidate.full_name, candidate.other_names):
            if their not in best_name:
                best_name[their] = max(score_names(ours, their) for ours in names)
            if best_name[their] < reach and same_id is not IdAgreement.EQUAL:
                continue
            for ours in names:
                key = (ours, their, same_dob, same_id)
                if key not in scored:
                    scored[key] = match_person(
                        query_name=ours, query_dob=dob, query_id=identity, candidate_name=their,
                        candidate_dob=candidate.date_of_birth, candidate_id=candidate.identity_number)
                result = scored[key]
                if result is not None and (best is None or result.score > best.score):
                    best = result
        if best is not None:
            found.append((candidate, best))
    # Closest first; at one score, more evidence first, then the same name before a variant of it.
    found.sort(key=lambda pair: (-pair[1].score, -evidence(pair[1]), Reason.NAME_SAME not in pair[1].reasons,
                                 pair[0].full_name, pair[0].person_id))
    return found


def evidence(result: MatchResult) -> int:
    """What agrees besides the name, as a weight: an equal identity number most, then an equal date
    of birth, then one within a year (0: the name alone)."""
    weight = 4 if result.match.identity is IdAgreement.EQUAL else 0
    if result.match.dob is DobAgreement.EQUAL:
        weight += 2
    elif result.match.dob is DobAgreement.WITHIN_A_YEAR:
        weight += 1
    return weight


def strongest(found: Sequence[tuple[Candidate, MatchResult]], limit: int
              ) -> tuple[list[tuple[Candidate, MatchResult]], int]:
    """The matches to list, in the order found: every one with a date of birth or an identity number
    agreeing, and the closest on name alone while fewer than `limit` are listed; and how many on
    name alone are left out. A match with more than the name is never dropped behind one without."""
    backed = [evidence(result) > 0 for _, result in found]
    room = limit - sum(backed)
    kept: list[tuple[Candidate, MatchResult]] = []
    for pair, has_more in zip(found, backed, strict=True):
        if has_more or room > 0:
            room -= not has_more
            kept.append(pair)
    return kept, len(found) - len(kept)


def _involved(uow: UnitOfWork, person_ids: Iterable[int]
              ) -> tuple[dict[int, list[Involvement]], dict[int, list[Acting]]]:
    """Roles by person and providers by case, of these people."""
    roles, providers = uow.conflicts.involvements(set(person_ids))
    by_person: dict[int, list[Involvement]] = defaultdict(list)
    for role in roles:
        by_person[role.person_id].append(role)
    by_case: dict[int, list[Acting]] = defaultdict(list)
    for act in providers:
        by_case[act.case_id].append(act)
    return by_person, by_case


def _visible_people(uow: UnitOfWork, found: Sequence[tuple[Candidate, MatchResult]],
                    places: dict[int, int | None]) -> tuple[list[tuple[Candidate, MatchResult]], bool]:
    """The people a principal limited to some facilities may be shown (in a case they may open), and
    whether any were left out; everyone for the others. Chosen before the list is cut to its
    closest, so the cut and the count of those left over are of what the principal may see."""
    if not uow.principal.scoped or not found:
        return list(found), False
    roles, _acting = uow.conflicts.involvements({candidate.person_id for candidate, _ in found})
    places.update(uow.reads.case_facilities({role.case_id for role in roles} - places.keys()))
    seen = {role.person_id for role in roles
            if may_act_on_case(uow.principal, Permission.READ_CASES, places.get(role.case_id))}
    visible = [pair for pair in found if pair[0].person_id in seen]
    return visible, len(visible) < len(found)


def check_conflicts(uow: UnitOfWork, *, name: str, date_of_birth: date | None = None,
                    identity_number: str | None = None, exclude_person_id: int | None = None,
                    limit: int = LISTED_PEOPLE) -> ConflictCheck:
    """Stored people who may be the one named, in each role of each case, with the providers who
    acted there and why they matched. The check itself is audited (who searched for whom, and how
    many matched).

    Every person whose date of birth or identity number agrees is listed; of those matched on name
    alone, the closest while fewer than `limit` people are listed, and the rest counted
    (`more_on_name_only`). Assignments do not rely on this list: case_conflicts finds every
    provider conflict itself.

    A user limited to some facilities learns nothing of a match in a case held elsewhere, or in no
    case, but that one exists: it comes back as a single `hidden` match saying so (HIDDEN_MATCH)."""
    if not name.strip():
        raise ValidationError("name", name, "the name of the person to check")
    with uow:
        require(uow, Permission.READ_CASES)
        places: dict[int, int | None] = {}
        found = find_people(uow, [name.strip()], date_of_birth, identity_number, exclude_person_id)
        listable, hidden = _visible_people(uow, found, places)
        matches, more = strongest(listable, limit)
        involved, acting = _involved(uow, [candidate.person_id for candidate, _ in matches])
        out: list[ConflictMatch] = []
        for candidate, result in matches:
            reasons = tuple(str(r) for r in result.reasons)
            roles: Sequence[Involvement | None] = involved.get(candidate.person_id) or [None]
            for item in roles:
                if uow.principal.scoped:
                    # In no case: a record (a request taken elsewhere, say) they cannot open either.
                    if item is not None and item.case_id not in places:
                        places[item.case_id] = uow.reads.case_facility(item.case_id)
                    where = places[item.case_id] if item is not None else None
                    if not may_act_on_case(uow.principal, Permission.READ_CASES, where):
                        hidden = True
                        continue
                out.append(ConflictMatch(
                    full_name=candidate.full_name, person_id=candidate.person_id,
                    case_id=item.case_id if item else None, case_ref=item.case_ref if item else None,
                    role=item.role if item else None, score=result.score, reasons=reasons,
                    providers=tuple(a.provider_name for a in acting.get(item.case_id, ())) if item else ()))
        if hidden:
            out.append(ConflictMatch(full_name=HIDDEN_MATCH, person_id=0, case_id=None, case_ref=None,
                                     role=None, score=0.0, reasons=(), providers=(), hidden=True))
        # Names and dates of birth only: contact details of victims and witnesses never go in the log.
        uow.audit("check", "conflict", None, None, {
            "name": name.strip(), "date_of_birth": date_of_birth.isoformat() if date_of_birth else None,
            "identity_number_given": bool(identity_number), "matches": len(out),
            "people_matched": len(found), "people_listed": len(matches), "more_on_name_only": more,
            "cases": sorted({m.case_ref for m in out if m.case_ref})})
        uow.commit()
        return ConflictCheck(tuple(out), more)


# --- provider conflicts ---------------------------------------------------------------------------

Check = tuple[str, list[str], date | None, str | None, PartyRole | None]
"""A person of a case to look for: name, every name they go by, date of birth, number, adverse role
(None: the client)."""


def case_conflicts(uow: UnitOfWork, facts: CaseFacts, *,
                   provider_id: int | None = None) -> dict[int, list[ProviderConflict]]:
    """Providers who may not act on the case, each with why (inside an open unit of work); with
    `provider_id`, that provider's alone (found the same, reading only the parties of their cases).

    Two ways: the client (or someone who may be them) is an adverse party (victim, witness,
    complainant, co-accused) in another case, where the provider acts for that case's client; or
    an adverse party of this case is (or may be) the provider's client in another case.
    """
    client = next((x for x in facts.parties if x.person_id == facts.client_person_id), None)
    checks: list[Check] = []
    if client is not None:
        checks.append((client.full_name, _names(client.full_name, client.other_names),
                       client.date_of_birth, client.identity_number, None))
    for party in facts.parties:
        if party.role in ADVERSE_ROLES and party.person_id != facts.client_person_id:
            checks.append((party.full_name, _names(party.full_name, party.other_names),
                           party.date_of_birth, party.identity_number, party.role))
    found: list[tuple[str, PartyRole | None, Candidate, MatchResult]] = []
    if provider_id is None:
        for person_name, names, dob, identity, role in checks:
            found.extend((person_name, role, c, r) for c, r in find_people(uow, names, dob, identity, None))
    else:
        found = _found_in_cases_of(uow, provider_id, checks)
    involved, acting = _involved(uow, {c.person_id for _, _, c, _ in found})
    out: dict[int, list[ProviderConflict]] = defaultdict(list)
    for person_name, our_role, candidate, result in found:
        for item in involved.get(candidate.person_id, ()):
            if item.case_id == facts.case_id:
                continue
            if our_role is None and item.role in ADVERSE_ROLES:
                side, role = ConflictSide.CLIENT_IS_ADVERSE, item.role
            elif our_role is not None and item.role in CLIENT_ROLES:
                side, role = ConflictSide.PROVIDER_ACTS_FOR_ADVERSE, our_role
            else:
                continue
            for act in acting.get(item.case_id, ()):
                out[act.provider_id].append(ProviderConflict(
                    provider_id=act.provider_id, provider_name=act.provider_name, side=side,
                    person_name=person_name, role=role, other_case_id=item.case_id,
                    other_case_ref=item.case_ref, matched_name=candidate.full_name, score=result.score,
                    reasons=tuple(str(r) for r in result.reasons), current=act.current))
    for items in out.values():
        items.sort(key=lambda x: (-x.score, x.other_case_ref))
    if provider_id is not None:
        return {provider_id: out[provider_id]} if out.get(provider_id) else {}
    return dict(out)


def _found_in_cases_of(uow: UnitOfWork, provider_id: int, checks: Sequence[Check]
                       ) -> list[tuple[str, PartyRole | None, Candidate, MatchResult]]:
    """Who each person may be among the parties of the provider's cases (a provider conflict lies in
    no other case): the same keys read and the same scoring as find_people, but one query for all of
    them, and only the few parties of those cases who hold a key come back. A common name among
    1,000,000 parties brings thousands of candidates to find_people; a provider's cases hold a few."""
    chosen = [_keys_to_read(uow, names, identity) for _, names, _, identity, _ in checks]
    holders: dict[str, set[int]] = defaultdict(set)
    for key, person_id in uow.conflicts.keys_in_cases_of(provider_id, {k for keys in chosen for k in keys}):
        holders[key].add(person_id)
    people = {c.person_id: c for c in uow.conflicts.people(set().union(*holders.values()))}
    found: list[tuple[str, PartyRole | None, Candidate, MatchResult]] = []
    for (person_name, names, dob, identity, role), keys in zip(checks, chosen, strict=True):
        ids = sorted({pid for key in keys for pid in holders.get(key, ())} & people.keys())
        found.extend((person_name, role, c, r)
                     for c, r in _matching([people[i] for i in ids], names, dob, identity))
    return found


def _facts(uow: UnitOfWork, case_id: int) -> CaseFacts:
    facts = uow.conflicts.case_facts(case_id)
    if facts is None:
        raise NotFoundError("case", case_id)
    return facts


def _waived(uow: UnitOfWork, case_id: int, provider_id: int) -> bool:
    return bool(uow.repo(ConflictWaiver).find(case_id=case_id, provider_id=provider_id))


def provider_conflicts(uow: UnitOfWork, *, case_id: int, provider_id: int) -> list[ProviderConflict]:
    """Why the provider may not act on the case (empty: no conflict found); audited as a check.
    For those who assign (the conflicts name other cases)."""
    with uow:
        require_assign(uow, load(uow, Case, case_id))
        conflicts = case_conflicts(uow, _facts(uow, case_id), provider_id=provider_id).get(provider_id, [])
        uow.audit("check", "conflict", None, None, {
            "case_id": case_id, "provider_id": provider_id,
            "conflicts": sorted({c.other_case_ref for c in conflicts})})
        uow.commit()
        return as_seen(uow, conflicts)


def as_seen(uow: UnitOfWork, conflicts: Sequence[ProviderConflict]) -> list[ProviderConflict]:
    """The conflicts as the principal may learn of them: one in a case they may not open (a paralegal
    limited to other facilities) only as a `hidden` conflict per provider, saying that one exists."""
    if not uow.principal.scoped:
        return list(conflicts)
    out: list[ProviderConflict] = []
    hidden: set[int] = set()
    for c in conflicts:
        if may_open_case(uow, c.other_case_id):
            out.append(c)
        elif c.provider_id not in hidden:
            hidden.add(c.provider_id)
            out.append(replace(c, other_case_id=0, other_case_ref="", matched_name="", score=0.0,
                               reasons=(), current=False, role=PartyRole.CLIENT,
                               side=ConflictSide.PROVIDER_ACTS_FOR_ADVERSE, hidden=True))
    return out


def refuse_if_conflicted(uow: UnitOfWork, *, case_id: int, provider_id: int, provider_name: str) -> None:
    """Raise ConflictOfInterestError unless the provider is free of conflicts on the case or a
    waiver was recorded (inside an open unit of work). The refusal itself is audited and kept."""
    facts = _facts(uow, case_id)
    conflicts = case_conflicts(uow, facts, provider_id=provider_id).get(provider_id)
    if not conflicts or _waived(uow, case_id, provider_id):
        return
    uow.rollback()
    uow.audit("refuse", "assignment", None, None, {
        "case_ref": facts.case_ref, "provider": provider_name,
        "conflicts": [f"{c.other_case_ref} ({c.role.value})" for c in conflicts]})
    uow.commit()
    raise ConflictOfInterestError(facts.case_ref, provider_name, tuple(as_seen(uow, conflicts)))


def waive_conflict(uow: UnitOfWork, *, case_id: int, provider_id: int, reason: str,
                   coordinator: str | None = None, at: datetime | None = None) -> Saved:
    """Record that the provider may act on the case despite its conflicts, with the reason.

    Only coordinators and administrators may (WAIVE_CONFLICTS); the signed-in user's name is recorded
    (`coordinator`, by default the unit of work's actor).
    """
    if not reason or not reason.strip():
        raise ValidationError("reason", reason, "the reason the coordinator allows it")
    reason = reason.strip()
    with uow:
        require_case(uow, Permission.WAIVE_CONFLICTS, load(uow, Case, case_id))
        facts = _facts(uow, case_id)
        provider = load(uow, Provider, provider_id)
        conflicts = case_conflicts(uow, facts, provider_id=provider_id).get(provider_id, [])
        if not conflicts:
            raise ValidationError("provider", provider.full_name,
                                  "a provider with a conflict on this case: there is nothing to waive")
        summary = "; ".join(sorted({f"{c.other_case_ref} ({c.role.value}, {c.side.value})"
                                    for c in conflicts}))
        waiver = add_record(uow, ConflictWaiver(
            case_id=case_id, provider_id=provider_id, reason=reason,
            coordinator=(coordinator or uow.actor), waived_at=at or utcnow(), conflicts=summary))
        uow.commit()
        return saved_of(waiver, facts.case_ref)


# --- suggestions ----------------------------------------------------------------------------------

def _is_child(facts: CaseFacts, today: date) -> bool:
    """Under 18 today; unknown or disputed age counts as a child (domain.people: benefit of the doubt)."""
    if facts.age_disputed:
        return True
    if facts.date_of_birth is not None:
        return age_on(facts.date_of_birth, today) < CHILD_AGE
    if facts.age_estimate is not None:
        base = facts.age_estimate_on or today
        grown = age_on(base, today) if today >= base else -age_on(today, base)
        return facts.age_estimate + grown < CHILD_AGE
    return True


def _rank(facts: CaseFacts, providers: Iterable[ProviderFacts], conflicts: dict[int, list[ProviderConflict]],
          waived: set[int], on_case: set[int], today: date, weight: float) -> list[Suggestion]:
    client_languages = _words(facts.client_languages)
    needs = ([CHILDREN] if _is_child(facts, today) else []) + ([CAPITAL] if facts.capital else [])
    out: list[Suggestion] = []
    for p in providers:
        if not p.active or p.provider_id in on_case:
            continue
        reasons: list[Why] = []
        points = 0.0
        conflict = bool(conflicts.get(p.provider_id)) and p.provider_id not in waived
        if conflict:
            reasons.extend(Why("conflict_hidden") if c.hidden else
                           Why("conflict", f"{c.other_case_ref} ({c.role.value})")
                           for c in conflicts[p.provider_id])
        elif p.provider_id in waived:
            reasons.append(Why("conflict_waived"))
        theirs = _words(p.languages)
        shared = [lang for lang in client_languages if lang in theirs]
        if shared:
            first = client_languages[0] in theirs
            points += FIRST_LANGUAGE_POINTS if first else OTHER_LANGUAGE_POINTS
            reasons.append(Why("language", shared[0].title()))
        elif client_languages:
            reasons.append(Why("no_shared_language", client_languages[0].title()))
        specialisms = _words(p.specialisms)
        for need in needs:
            if need in specialisms:
                points += SPECIALISM_POINTS
                reasons.append(Why("specialism", need))
            else:
                reasons.append(Why("lacks_specialism", need))
        place = _place(facts, p)
        if place.covers_facility:
            points += FACILITY_POINTS
        if place.covers_court:
            points += COURT_POINTS
        reasons.extend(place.reasons)
        points += KIND_POINTS.get(p.kind, 0.0)
        remaining = p.capacity - p.load
        if p.capacity > 0 and remaining > 0:
            points += CAPACITY_POINTS * remaining / p.capacity
        reasons.append(Why("load", f"{p.load:g}/{p.capacity}"))
        full = remaining < weight
        if full:
            reasons.append(Why("at_capacity"))
        available = not on_leave(p.unavailable_from, p.unavailable_until, today)
        if not available:
            reasons.append(Why("on_leave", p.unavailable_until.isoformat() if p.unavailable_until else None))
        elif (p.unavailable_from is not None
              and today < p.unavailable_from <= today + timedelta(LEAVE_SOON_DAYS)):
            points += LEAVE_SOON_POINTS
            reasons.append(Why("leave_soon", p.unavailable_from.isoformat()))
        out.append(Suggestion(provider_id=p.provider_id, full_name=p.full_name, kind=p.kind,
                              points=round(points, 2), load=p.load, capacity=p.capacity,
                              remaining=remaining, conflict=conflict, available=available and not full,
                              reasons=tuple(reasons), local=place.local))
    out.sort(key=lambda s: (s.conflict, not s.local, not s.available, -s.points, s.load, s.full_name))
    return out


@dataclass(frozen=True)
class _Place:
    covers_facility: bool
    covers_court: bool
    local: bool
    reasons: tuple[Why, ...]


def _place(facts: CaseFacts, p: ProviderFacts) -> _Place:
    """Where the provider works, seen from the case: the facility, the court, elsewhere in the
    case's jurisdiction (local all the same), or only in another jurisdiction or nowhere recorded."""
    facility = facts.facility_id is not None and facts.facility_id in p.facility_ids
    court = facts.court_id is not None and facts.court_id in p.court_ids
    reasons = [Why(code) for code, yes in (("covers_facility", facility), ("covers_court", court)) if yes]
    nearby = facts.jurisdiction is not None and facts.jurisdiction in p.jurisdictions
    if not (facility or court):
        if nearby:
            reasons.append(Why("covers_neither", facts.jurisdiction))
        elif p.jurisdictions:
            reasons.append(Why("other_jurisdiction", ", ".join(sorted(p.jurisdictions))))
        else:
            reasons.append(Why("no_coverage"))
    return _Place(facility, court, facility or court or nearby, tuple(reasons))


def _suggestions(uow: UnitOfWork, facts: CaseFacts, providers: Sequence[ProviderFacts],
                 today: date) -> list[Suggestion]:
    on_case = {a.provider_id for a in uow.conflicts.acting([facts.case_id]) if a.current}
    waived = {w.provider_id for w in uow.repo(ConflictWaiver).find(case_id=facts.case_id)}
    weight = case_weight(facts.capital)
    seen = {provider: as_seen(uow, found) for provider, found in case_conflicts(uow, facts).items()}
    return _rank(facts, providers, seen, waived, on_case, today, weight)


def suggest_providers(uow: UnitOfWork, *, case_id: int, limit: int = 10,
                      today: date | None = None) -> list[Suggestion]:
    """Providers for a case, best first: no conflict; then local (covering the case's facility or
    court, or another place in its jurisdiction) before anyone else; available with room; then by
    points (shared language, needed specialism, facility and court covered, share of capacity left).

    Providers who cover no place in the case's jurisdiction (only places in other countries, or
    none recorded) are left out while any local provider is available without a conflict: a lawyer
    admitted in Uganda cannot act in a Nakuru court. When no local provider is available they are
    listed last, each with the reason ("works in another jurisdiction: UG", "covers no facility or
    court").
    """
    with uow:
        require_assign(uow, load(uow, Case, case_id))
        facts = _facts(uow, case_id)
        ranked = _suggestions(uow, facts, uow.conflicts.providers(), today or date.today())
    if any(s.local and s.available and not s.conflict for s in ranked):
        ranked = [s for s in ranked if s.local]
    return ranked[:limit]


# --- caseload -------------------------------------------------------------------------------------

def _load_of(p: ProviderFacts, today: date) -> ProviderLoad:
    return ProviderLoad(p.provider_id, p.full_name, p.kind, p.active_cases, p.load, p.capacity,
                        p.active and not on_leave(p.unavailable_from, p.unavailable_until, today),
                        p.unavailable_until)


def caseload(uow: UnitOfWork, *, today: date | None = None) -> Caseload:
    """Load per active provider against capacity (fullest first), those over it, and facilities
    holding people on open cases with no active assignment."""
    day = today or date.today()
    with uow:
        require(uow, Permission.ASSIGN_PROVIDERS)
        loads = [_load_of(p, day) for p in uow.conflicts.providers() if p.active or p.active_cases]
        loads.sort(key=lambda x: (-(x.load / x.capacity) if x.capacity else -x.load - 1e9, x.full_name))
        return Caseload(tuple(loads), tuple(x for x in loads if x.over_capacity),
                        tuple(uow.conflicts.unrepresented()))


def propose_rebalance(uow: UnitOfWork, *, today: date | None = None, limit: int = 20) -> list[Move]:
    """Moves that bring providers back within capacity: their newest cases go to the best suggestion
    with room, no conflict, not on leave and covering the case's facility or court. Nothing is
    changed: a coordinator reviews.

    At most `limit` moves: each needs the case's conflict check (about a second for a case with
    many parties of common names among 1,000,000), and a coordinator reviews a page at a time;
    once those are applied, the next proposal goes on from there.
    """
    day = today or date.today()
    with uow:
        require(uow, Permission.ASSIGN_PROVIDERS)
        providers = {p.provider_id: p for p in uow.conflicts.providers()}
        over = [p for p in providers.values() if p.load > p.capacity]
        moves: list[Move] = []
        # Places (facility, court) where no provider but the overloaded has room: capacity only
        # shrinks while moves are proposed, so their other cases are passed over without a look.
        full: set[tuple[int | None, int | None]] = set()
        for assignment in uow.conflicts.active_assignments([p.provider_id for p in over]):
            if len(moves) >= limit:
                break
            source = providers[assignment.provider_id]
            place = (assignment.facility_id, assignment.court_id)
            if source.load <= source.capacity or place in full:
                continue
            if not any(p.active and p.capacity - p.load >= assignment.weight
                       and (assignment.facility_id in p.facility_ids or assignment.court_id in p.court_ids)
                       and not on_leave(p.unavailable_from, p.unavailable_until, day)
                       for p in providers.values()):
                full.add(place)
                continue
            facts = _facts(uow, assignment.case_id)
            # Only to someone who covers the case's facility or court: a rebalance must not send a
            # detainee's case to a provider who never goes there.
            ranked = [s for s in _suggestions(uow, facts, list(providers.values()), day)
                      if not s.conflict and s.available and s.provider_id != source.provider_id
                      and any(w.code in ("covers_facility", "covers_court") for w in s.reasons)]
            if not ranked:
                continue
            target = providers[ranked[0].provider_id]
            providers[target.provider_id] = replace(target, load=target.load + assignment.weight,
                                                    active_cases=target.active_cases + 1)
            providers[source.provider_id] = replace(source, load=source.load - assignment.weight,
                                                    active_cases=source.active_cases - 1)
            why = f"caseload: {source.full_name} over capacity ({source.load:g}/{source.capacity})"
            moves.append(Move(assignment.assignment_id, assignment.case_id, assignment.case_ref,
                              source.provider_id, source.full_name, target.provider_id, target.full_name,
                              why))
        return moves


# --- names the command line and screens look up ---------------------------------------------------

def case_id_for_ref(uow: UnitOfWork, case_ref: str) -> int:
    with uow:
        found = uow.conflicts.case_id_for_ref(case_ref)
    if found is None:
        raise NotFoundError("case", case_ref)
    return found


def provider_id_named(uow: UnitOfWork, name: str) -> int:
    """The one provider of that name; several of one name must be told apart by the caller."""
    with uow:
        found = uow.conflicts.provider_ids_named(name)
    if not found:
        raise NotFoundError("provider", name)
    if len(found) > 1:
        raise ValidationError("provider", name, f"one provider; {len(found)} have this name")
    return found[0][0]
