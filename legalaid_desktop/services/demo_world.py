"""The fixed part of a demo database: jurisdictions, facilities, courts, providers and their coverage.

Created once (or found again by name when cases are appended), and kept in memory as small
references the case builder draws from.
"""

from __future__ import annotations

import random
import unicodedata
from bisect import bisect
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from itertools import accumulate
from typing import Any, Generic, TypeVar
from zoneinfo import ZoneInfo

from legalaid_desktop.domain.dto import CaseFilter
from legalaid_desktop.domain.errors import ValidationError
from legalaid_desktop.domain.org import Court, Facility, Jurisdiction, Provider, ProviderCoverage
from legalaid_desktop.domain.vocab import ProviderKind, Sex
from legalaid_desktop.services.catalogue import Catalogue
from legalaid_desktop.services.demo_names import CULTURES, Culture
from legalaid_desktop.services.demo_numbers import fill
from legalaid_desktop.services.demo_places import (
    COURTS,
    FACILITIES,
    JURISDICTIONS,
    LOCALITIES,
    PROFILES,
    FacilitySpec,
    JurisdictionProfile,
)
from legalaid_desktop.services.demo_texts import EXTRA_LANGUAGES, SPECIALISMS
from legalaid_desktop.services.ports import UnitOfWork

T = TypeVar("T")

PROVIDERS = 300
FIRST_REGISTER_NUMBER = 100
LAST_FIRST_REGISTER_NUMBER = 2000
YEAR_SPREAD = 500  # each year's register starts a little elsewhere
# Appended cases number on from above any number a first run can have given.
APPEND_REGISTER_START = LAST_FIRST_REGISTER_NUMBER + YEAR_SPREAD + 1


class Weighted(Generic[T]):
    """Items drawn in proportion to their weights (weights of zero are left out)."""

    def __init__(self, pairs: Sequence[tuple[T, float]]) -> None:
        kept = [(item, weight) for item, weight in pairs if weight > 0]
        if not kept:
            raise ValueError("nothing to draw from")
        self.items = [item for item, _ in kept]
        self.cumulative = list(accumulate(weight for _, weight in kept))
        self.total = self.cumulative[-1]

    def pick(self, rng: random.Random) -> T:
        return self.items[bisect(self.cumulative, rng.random() * self.total)]


@dataclass(frozen=True)
class Stamp:
    """What every demo record carries besides its own fields: a UUID from the RNG, fixed times."""

    rng: random.Random
    at: datetime

    def record(self) -> dict[str, Any]:
        return {"uuid": uuid_from(self.rng), "created_at": self.at, "updated_at": self.at}


# The bits uuid.UUID(int=..., version=4) clears and sets: the RFC 4122 variant and version 4.
_V4_CLEAR = ~((0xC000 << 48) | (0xF000 << 64))
_V4_SET = (0x8000 << 48) | (4 << 76)


def uuid_from(rng: random.Random) -> str:
    """str(uuid.UUID(int=rng.getrandbits(128), version=4)), without building the UUID object."""
    text = f"{(rng.getrandbits(128) & _V4_CLEAR) | _V4_SET:032x}"
    return f"{text[:8]}-{text[8:12]}-{text[12:16]}-{text[16:20]}-{text[20:]}"


def pick(items: Sequence[T], rng: random.Random) -> T:
    """One item, uniformly (cheaper than rng.choice, which the generator calls millions of times)."""
    return items[int(rng.random() * len(items))]


def between(low: int, high: int, rng: random.Random) -> int:
    """A whole number from low to high inclusive (cheaper than rng.randint)."""
    return low + int(rng.random() * (high - low + 1))


@dataclass(frozen=True)
class CourtRef:
    id: int
    name: str
    code: str
    higher: bool


@dataclass(frozen=True)
class ProviderRef:
    id: int
    name: str
    kind: ProviderKind


@dataclass
class FacilityRef:
    """A stored facility with what the case builder needs to place a case there."""

    spec: FacilitySpec
    id: int
    profile: JurisdictionProfile
    zone: ZoneInfo
    cultures: Weighted[tuple[Culture, tuple[str, ...]]]
    lower_courts: list[CourtRef]
    higher_courts: list[CourtRef]
    localities: tuple[str, ...]
    lawyers: list[ProviderRef] = field(default_factory=list)
    paralegals: list[ProviderRef] = field(default_factory=list)
    students: list[ProviderRef] = field(default_factory=list)


@dataclass
class World:
    """The reference data of a demo database, read back in one fixed order."""

    facilities: list[FacilityRef]
    picker: Weighted[FacilityRef]
    by_jurisdiction: dict[str, list[FacilityRef]]


def slug(text: str) -> str:
    """ASCII letters of a name, for demo e-mail addresses (Wiśniewska -> wisniewska)."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if ch.isascii() and ch.isalnum())


def pick_name(culture: Culture, sex: Sex, rng: random.Random) -> list[str]:
    """The parts of a full name in the culture's order: given, sometimes middle, family."""
    female = sex is Sex.FEMALE
    given = culture.given_female if female else culture.given_male
    parts = [pick(given, rng)]
    middle = culture.middle_female if female else culture.middle_male
    if middle and rng.random() < culture.middle_share:
        choice = pick(middle, rng)
        if choice != parts[0]:
            parts.append(choice)
    family = culture.family_female if female and culture.family_female else culture.family
    for _ in range(4):  # a family name equal to the given or father's name is drawn again
        last = pick(family, rng)
        if last not in parts:
            parts.append(last)
            break
    return parts


def culture_picker(mix: Sequence[tuple[str, float, tuple[str, ...]]]
                   ) -> Weighted[tuple[Culture, tuple[str, ...]]]:
    return Weighted([((CULTURES[name], nationalities), weight) for name, weight, nationalities in mix])


def ensure_reference(uow: UnitOfWork, catalogue: Catalogue, stamp: Stamp, *, as_of: date) -> dict[str, int]:
    """Create whatever reference data is missing, inside an open unit of work; counts what was created.

    Jurisdictions, facilities and courts are found again by code or name; providers are created
    only in a database that has none.
    """
    created = {"jurisdictions": _jurisdictions(uow, catalogue, stamp)}
    facilities, created["facilities"] = _facilities(uow, stamp)
    courts, created["courts"] = _courts(uow, stamp)
    if uow.repo(Provider).count() == 0:
        created["providers"], created["provider_coverage"] = _providers(uow, stamp, facilities, courts, as_of)
    else:
        created["providers"] = created["provider_coverage"] = 0
    return created


def load_world(uow: UnitOfWork) -> World:
    """The stored reference data as the case builder uses it, always in the same order.

    Every process that builds cases reads the world this way, so they draw from identical lists.
    """
    facilities = {f.name: f.id for f in uow.repo(Facility).find() if f.id is not None}
    courts = _court_refs({c.name: c.id for c in uow.repo(Court).find() if c.id is not None})
    missing = [spec.name for spec in FACILITIES if spec.name not in facilities]
    if missing or len(courts) < len(COURTS):
        raise ValidationError("facility", (missing or ["(a court)"])[0], "the demo reference data, complete")
    refs = [_facility_ref(spec, facilities[spec.name], courts) for spec in FACILITIES]
    _attach_providers(uow, {ref.id: ref for ref in refs})
    by_jurisdiction: dict[str, list[FacilityRef]] = {}
    for ref in refs:
        by_jurisdiction.setdefault(ref.spec.jurisdiction, []).append(ref)
    return World(facilities=refs, picker=Weighted([(ref, ref.spec.weight) for ref in refs]),
                 by_jurisdiction=by_jurisdiction)


def register_starts(uow: UnitOfWork, world: World, rng: random.Random, *, appending: bool) -> dict[int, int]:
    """Where each facility's register numbers start: somewhere in its register on a first run;
    past any number already given when cases are appended."""
    if appending:
        return {ref.id: APPEND_REGISTER_START + uow.reads.count_cases(CaseFilter(facility=ref.spec.name))
                for ref in world.facilities}
    return {ref.id: between(FIRST_REGISTER_NUMBER, LAST_FIRST_REGISTER_NUMBER, rng)
            for ref in world.facilities}


def _jurisdictions(uow: UnitOfWork, catalogue: Catalogue, stamp: Stamp) -> int:
    new: list[Jurisdiction] = []
    for code in JURISDICTIONS:
        if uow.repo(Jurisdiction).first(code=code) is not None:
            continue
        info = catalogue.get(code)
        if info is None:
            wanted = ", ".join(JURISDICTIONS)
            raise ValidationError("jurisdiction", code, f"a rule file for every demo jurisdiction ({wanted})")
        new.append(Jurisdiction(
            **stamp.record(), code=info.code, name=info.name, time_zone=info.time_zone,
            court_opens=info.court_opens, court_closes=info.court_closes,
            sitting_weekdays=",".join(str(d) for d in info.sitting_weekdays)))
    uow.bulk_insert(new)
    return len(new)


def _facilities(uow: UnitOfWork, stamp: Stamp) -> tuple[dict[str, int], int]:
    known = {f.name: f.id for f in uow.repo(Facility).find() if f.id is not None}
    new = [Facility(**stamp.record(), name=spec.name, kind=spec.kind, jurisdiction_code=spec.jurisdiction,
                    region=spec.region, time_zone=spec.time_zone, court_within_40km=spec.court_within_40km)
           for spec in FACILITIES if spec.name not in known]
    uow.bulk_insert(new)
    known.update({f.name: f.id for f in new if f.id is not None})
    return known, len(new)


def _courts(uow: UnitOfWork, stamp: Stamp) -> tuple[dict[str, CourtRef], int]:
    known = {c.name: c.id for c in uow.repo(Court).find() if c.id is not None}
    new = [Court(**stamp.record(), name=spec.name, jurisdiction_code=spec.jurisdiction, region=spec.region,
                 level=spec.level)
           for spec in COURTS if spec.name not in known]
    uow.bulk_insert(new)
    known.update({c.name: c.id for c in new if c.id is not None})
    return _court_refs(known), len(new)


def _court_refs(ids: dict[str, int]) -> dict[str, CourtRef]:
    return {spec.name: CourtRef(ids[spec.name], spec.name, spec.code, spec.level != "magistrates")
            for spec in COURTS if spec.name in ids}


def _courts_near(spec: FacilitySpec, courts: dict[str, CourtRef], higher: bool) -> list[CourtRef]:
    """Courts of the facility's city, else its region, else its jurisdiction."""
    same_level = [c for c in COURTS if c.jurisdiction == spec.jurisdiction
                  and (c.level != "magistrates") == higher]
    for near in ([c for c in same_level if c.city == spec.city],
                 [c for c in same_level if c.region == spec.region], same_level):
        if near:
            return [courts[c.name] for c in near]
    return [courts[c.name] for c in COURTS if c.jurisdiction == spec.jurisdiction]


def _facility_ref(spec: FacilitySpec, facility_id: int, courts: dict[str, CourtRef]) -> FacilityRef:
    profile = PROFILES[spec.jurisdiction]
    return FacilityRef(
        spec=spec, id=facility_id, profile=profile, zone=ZoneInfo(spec.time_zone),
        cultures=culture_picker(spec.cultures or profile.cultures),
        lower_courts=_courts_near(spec, courts, higher=False),
        higher_courts=_courts_near(spec, courts, higher=True),
        localities=LOCALITIES[spec.city])


def _provider_counts() -> dict[str, int]:
    """300 providers shared among jurisdictions by their facilities' weight (largest remainder)."""
    weights: dict[str, float] = {}
    for spec in FACILITIES:
        weights[spec.jurisdiction] = weights.get(spec.jurisdiction, 0.0) + spec.weight
    total = sum(weights.values())
    exact = {code: PROVIDERS * w / total for code, w in weights.items()}
    counts = {code: int(value) for code, value in exact.items()}
    by_remainder = sorted(exact, key=lambda code: (counts[code] - exact[code], code))
    for code in by_remainder[:PROVIDERS - sum(counts.values())]:
        counts[code] += 1
    return counts


def _local_cultures(profile: JurisdictionProfile) -> Weighted[tuple[Culture, tuple[str, ...]]]:
    """Providers are local professionals with Latin-script names."""
    return culture_picker([(name, weight, nats) for name, weight, nats in profile.cultures
                           if profile.demonym in nats and name != "arabic"])


def _providers(uow: UnitOfWork, stamp: Stamp, facilities: dict[str, int], courts: dict[str, CourtRef],
               as_of: date) -> tuple[int, int]:
    """Lawyers first (they supervise), then paralegals and students, then what each covers."""
    rng = stamp.rng
    lawyers: list[tuple[Provider, list[FacilitySpec]]] = []
    others: list[tuple[Provider, list[FacilitySpec]]] = []
    for code, count in _provider_counts().items():
        profile = PROFILES[code]
        local = [spec for spec in FACILITIES if spec.jurisdiction == code]
        cultures = _local_cultures(profile)
        n_lawyers, n_students = round(count * 0.45), round(count * 0.15)
        kinds = ([ProviderKind.LAWYER] * n_lawyers + [ProviderKind.LAW_STUDENT] * n_students
                 + [ProviderKind.PARALEGAL] * (count - n_lawyers - n_students))
        for kind in kinds:
            made = _provider(kind, profile, cultures, local, stamp, as_of)
            (lawyers if kind is ProviderKind.LAWYER else others).append(made)
    uow.bulk_insert([p for p, _ in lawyers])
    by_code: dict[str, list[Provider]] = {}
    for provider, covered in lawyers:
        by_code.setdefault(covered[0].jurisdiction, []).append(provider)
    for provider, covered in others:
        provider.supervisor_id = pick(by_code[covered[0].jurisdiction], rng).id
    uow.bulk_insert([p for p, _ in others])
    coverage: list[ProviderCoverage] = []
    for provider, covered in [*lawyers, *others]:
        assert provider.id is not None
        for spec in covered:
            coverage.append(ProviderCoverage(**stamp.record(), provider_id=provider.id,
                                             facility_id=facilities[spec.name]))
        if provider.kind is ProviderKind.LAWYER:
            home = covered[0]
            near = _courts_near(home, courts, higher=False)[:2] + _courts_near(home, courts, higher=True)[:1]
            for court in {c.id: c for c in near}.values():
                if rng.random() < 0.5:
                    coverage.append(ProviderCoverage(**stamp.record(), provider_id=provider.id,
                                                     court_id=court.id))
    uow.bulk_insert(coverage)
    return len(lawyers) + len(others), len(coverage)


def _provider(kind: ProviderKind, profile: JurisdictionProfile,
              cultures: Weighted[tuple[Culture, tuple[str, ...]]], local: list[FacilitySpec], stamp: Stamp,
              as_of: date) -> tuple[Provider, list[FacilitySpec]]:
    rng = stamp.rng
    culture, _ = cultures.pick(rng)
    sex = Sex.FEMALE if rng.random() < 0.5 else Sex.MALE
    parts = pick_name(culture, sex, rng)
    home = Weighted([(spec, spec.weight) for spec in local]).pick(rng)
    covered = [home] + [spec for spec in local if spec is not home and spec.city == home.city
                        and rng.random() < 0.6]
    if rng.random() < 0.25:
        extra = pick(local, rng)
        if extra not in covered:
            covered.append(extra)
    languages = [culture.languages[0]]
    for language in (*profile.lingua_franca, "English"):
        if language not in languages:
            languages.append(language)
    if rng.random() < 0.12:
        extra_language = pick(EXTRA_LANGUAGES, rng)
        if extra_language not in languages:
            languages.append(extra_language)
    specialisms = sorted({pick(SPECIALISMS, rng) for _ in range(between(1, 3, rng))})
    if kind is ProviderKind.LAWYER:
        capacity = rng.randrange(20, 65, 5)
        accreditation = fill(profile.bar, rng)
    elif kind is ProviderKind.PARALEGAL:
        capacity = rng.randrange(40, 130, 10)
        accreditation = profile.paralegal_body
    else:
        capacity = between(5, 15, rng)
        university = pick(profile.universities, rng)
        accreditation = f"LLB student, {university}, year {between(3, 4, rng)}"
    unavailable_from = unavailable_until = None
    if rng.random() < 0.06:
        unavailable_from = as_of - timedelta(days=between(0, 20, rng))
        unavailable_until = unavailable_from + timedelta(days=between(5, 60, rng))
    email_name = ".".join(slug(p) for p in (parts[0], parts[-1]))
    return Provider(
        **stamp.record(), full_name=" ".join(parts), kind=kind, languages=", ".join(languages),
        specialisms=", ".join(specialisms), capacity=capacity, accreditation=accreditation,
        phone=fill(profile.phone, rng),
        email=f"{email_name}@{profile.code.lower()}.legalaid.example.org",
        active=rng.random() < 0.96, unavailable_from=unavailable_from,
        unavailable_until=unavailable_until), covered


def _attach_providers(uow: UnitOfWork, by_id: dict[int, FacilityRef]) -> None:
    """Each facility's providers, by kind, in the order their coverage was recorded."""
    providers = {p.id: p for p in uow.repo(Provider).find()}
    for link in uow.repo(ProviderCoverage).find():
        provider = providers.get(link.provider_id)
        ref = by_id.get(link.facility_id) if link.facility_id is not None else None
        if provider is None or ref is None or provider.id is None:
            continue
        target = {ProviderKind.LAWYER: ref.lawyers, ProviderKind.PARALEGAL: ref.paralegals,
                  ProviderKind.LAW_STUDENT: ref.students}[provider.kind]
        target.append(ProviderRef(provider.id, provider.full_name, provider.kind))


def provider_pool(world: World, ref: FacilityRef, kind: ProviderKind) -> list[ProviderRef]:
    """Providers of `kind` covering the facility, else any of the jurisdiction's."""
    pools: Callable[[FacilityRef], list[ProviderRef]] = {
        ProviderKind.LAWYER: lambda r: r.lawyers, ProviderKind.PARALEGAL: lambda r: r.paralegals,
        ProviderKind.LAW_STUDENT: lambda r: r.students}[kind]
    own = pools(ref)
    if own:
        return own
    return [p for other in world.by_jurisdiction[ref.spec.jurisdiction] for p in pools(other)]
