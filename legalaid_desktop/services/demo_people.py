"""Demo people: a client named in the facility's mix of traditions, their age and groups, their children."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from legalaid_desktop.domain.people import Dependant, Person
from legalaid_desktop.domain.vocab import AgeSource, FacilityKind, PriorityGroup, Sex
from legalaid_desktop.services import demo_texts as tx
from legalaid_desktop.services.demo_bundle import UNLINKED
from legalaid_desktop.services.demo_names import RELATIONS, Culture
from legalaid_desktop.services.demo_numbers import fill, south_african_id
from legalaid_desktop.services.demo_places import REFUGEE_NATIONALITIES
from legalaid_desktop.services.demo_time import Draw
from legalaid_desktop.services.demo_world import FacilityRef, Weighted, between, pick, pick_name

CHILD_AGES: Weighted[int] = Weighted([(12, 1), (13, 2), (14, 4), (15, 7), (16, 9), (17, 10)])


@dataclass
class Who:
    """Facts about the person the rest of the case reads."""

    culture: Culture
    female: bool
    child: bool
    treated_as_child: bool
    foreign: bool
    first_name: str
    family_name: str
    locality: str
    mental_illness: bool


def draw_person(d: Draw, ref: FacilityRef, arrested: datetime) -> tuple[Person, Who]:
    """The client: name in the facility's mix of traditions, age and how it is known, groups."""
    rng, spec, profile = d.rng, ref.spec, ref.profile
    child = spec.kind is FacilityKind.CHILD_DETENTION or rng.random() < 0.03
    if spec.women_only:
        sex = Sex.FEMALE
    else:
        r = rng.random()
        female_share = 0.15 if child else 0.045
        sex = (Sex.FEMALE if r < female_share else Sex.OTHER if r < female_share + 0.002
               else Sex.UNKNOWN if r < female_share + 0.004 else Sex.MALE)
    female = sex is Sex.FEMALE
    culture, nationalities = ref.cultures.pick(rng)
    nationality = pick(nationalities, rng)
    foreign = nationality != profile.demonym
    parts = pick_name(culture, Sex.FEMALE if female else Sex.MALE, rng)
    full_name = " ".join(parts)
    other_names = None
    if culture.translit and rng.random() < 0.75:
        other_names = " ".join(culture.translit.get(p, p) for p in parts)

    arrested_on = arrested.date()
    if child:
        age = CHILD_AGES.pick(rng)
    else:
        r = rng.random()
        low, high = ((18, 25) if r < 0.35 else (26, 35) if r < 0.70 else (36, 50) if r < 0.92
                     else (51, 78))
        age = between(low, high, rng)
    born = arrested_on - timedelta(days=int(age * 365.25) + rng.randrange(365))
    date_of_birth: date | None = None
    age_estimate: int | None = None
    estimate_on: date | None = None
    disputed = False
    r = rng.random()
    known_share = 0.4 if child else 0.72
    if r < known_share:
        date_of_birth = born
        source = AgeSource.DOCUMENT if rng.random() < 0.6 else AgeSource.DECLARATION
    elif r < 0.985 or child:
        age_estimate = max(0, age + between(-2, 2, rng)) if not child else age
        estimate_on = arrested_on
        source = AgeSource.MEDICAL_ESTIMATE if rng.random() < (0.6 if child else 0.4) \
            else AgeSource.DECLARATION
        disputed = (child or age < 20) and rng.random() < 0.25
    else:
        source = AgeSource.UNKNOWN

    groups: list[str] = []
    if female:
        groups.append(PriorityGroup.WOMAN)
    if child:
        groups.append(PriorityGroup.CHILD)
    if age >= 60:
        groups.append(PriorityGroup.OLDER_PERSON)
    if foreign:
        groups.append(PriorityGroup.FOREIGN_NATIONAL)
        if nationality in REFUGEE_NATIONALITIES:
            r = rng.random()
            if r < 0.4:
                groups.append(PriorityGroup.REFUGEE)
            elif r < 0.55:
                groups.append(PriorityGroup.ASYLUM_SEEKER)
        elif rng.random() < 0.3:
            groups.append(PriorityGroup.MIGRANT)
    mental_illness = rng.random() < 0.03
    for group, share in ((PriorityGroup.DISABILITY, 0.02), (PriorityGroup.HIV, 0.02),
                         (PriorityGroup.DRUG_USER, 0.03), (PriorityGroup.INTERNALLY_DISPLACED, 0.005),
                         (PriorityGroup.STATELESS, 0.002)):
        if rng.random() < share:
            groups.append(group)
    if mental_illness:
        groups.append(PriorityGroup.MENTAL_ILLNESS)

    languages = [culture.languages[0]]
    for language in (*culture.languages[1:], *(() if foreign else profile.lingua_franca)):
        if language not in languages and len(languages) < 3 and rng.random() < 0.5:
            languages.append(language)

    identity: str | None = None
    r = rng.random()
    if foreign:
        if PriorityGroup.REFUGEE in groups and r < 0.6:
            identity = fill("Refugee ID ########", rng)
        elif r < 0.35:
            identity = fill("Passport AA#######", rng)
    elif r < (0.1 if child else 0.55):
        identity = (south_african_id(born, female, rng) if profile.identity == "ZA-ID"
                    else fill(profile.identity, rng))

    locality = pick(ref.localities, rng)
    relation = pick(RELATIONS, rng)
    contact = None
    if rng.random() < 0.45:
        contact_name = " ".join(pick_name(culture, Sex.FEMALE if rng.random() < 0.6 else Sex.MALE, rng))
        contact = f"{relation}: {contact_name}, {fill(profile.phone, rng)}"
    person = Person(
        **d.record(), full_name=full_name, other_names=other_names, sex=sex,
        gender_identity="non-binary" if sex is Sex.OTHER else None,
        date_of_birth=date_of_birth, age_estimate=age_estimate, age_estimate_on=estimate_on,
        age_source=source, age_disputed=disputed, nationality=nationality,
        languages=", ".join(languages), identity_number=identity, priority_groups=groups,
        phone=fill(profile.phone, rng) if rng.random() < 0.1 else None,
        address=f"{locality}, {ref.spec.city}" if rng.random() < 0.7 else None,
        emergency_contact=contact)
    who = Who(culture=culture, female=female, child=child,
              treated_as_child=person.is_child_at(arrested_on), foreign=foreign,
              first_name=parts[0], family_name=parts[-1], locality=locality,
              mental_illness=mental_illness)
    return person, who


def draw_dependants(d: Draw, ref: FacilityRef, who: Who) -> list[Dependant]:
    """Children of a detained woman, where they are and who cares for them (Bangkok Rule 3)."""
    rng = d.rng
    if not who.female or who.child or rng.random() < 0.55:
        return []
    out = []
    for _ in range(rng.choice((1, 1, 2, 2, 3))):
        age = between(0, 16, rng)
        son = rng.random() < 0.5
        given = who.culture.given_male if son else who.culture.given_female
        with_mother = age <= 3 and rng.random() < 0.4  # Bangkok Rules: babies may stay with her
        whereabouts = tx.DEPENDANT_WHEREABOUTS[1 if with_mother else rng.choice((0, 0, 0, 2, 3))]
        out.append(Dependant(
            **d.record(), person_id=UNLINKED,
            name=f"{pick(given, rng)} {who.family_name}", age=age,
            relationship=tx.DEPENDANT_RELATIONS[0 if son else 1],
            whereabouts=whereabouts.format(relation=RELATIONS[rng.randrange(2, 10)].lower(),
                                           locality=who.locality, facility=ref.spec.name),
            carer=pick(tx.CARERS, rng)))
    return out
