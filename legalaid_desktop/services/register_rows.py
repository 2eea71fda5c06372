"""One register row: its values read and checked, and compared with what is stored.

Parsed holds a row's values with None for "not given" (a missing column or a blank cell), so
that an update changes only what the register says and never erases what it leaves blank.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, TypeVar
from zoneinfo import ZoneInfo

from legalaid_desktop.domain.errors import ValidationError
from legalaid_desktop.domain.folding import tokens
from legalaid_desktop.domain.register import RegisterRecord
from legalaid_desktop.domain.vocab import CustodyStatus, Sex
from legalaid_desktop.services.register_columns import (
    parse_count,
    parse_date,
    parse_moment,
    parse_sentence,
    parse_sex,
    parse_status,
    parse_yes_no,
    represented_in,
)

T = TypeVar("T")

HELD_STATUSES = "untried, convicted_awaiting_sentence, sentenced_appeal_pending or sentenced " \
                "(a release is recorded on the case, not imported from a register)"


@dataclass(slots=True)
class Parsed:
    """A register row's values; None where the column is missing or the cell blank."""

    register_number: str
    full_name: str | None = None
    other_names: str | None = None
    sex: Sex | None = None
    date_of_birth: date | None = None
    age_estimate: int | None = None
    nationality: str | None = None
    languages: str | None = None
    arrest_at: datetime | None = None
    admission_at: datetime | None = None
    offence: str | None = None
    offence_class: str | None = None
    max_sentence_months: int | None = None
    max_sentence_life: bool | None = None
    court: str | None = None
    court_case_number: str | None = None
    police_case_number: str | None = None
    custody_status: CustodyStatus | None = None
    last_remand_at: datetime | None = None
    remand_days: int | None = None
    next_court_at: datetime | None = None
    represented: bool | None = None
    notes: str | None = None


class RowErrors(ValidationError):
    """Several cells of one row are wrong: `errors` holds each (the first is also this error's own
    field, value and expected, so wording it as one error still says something true)."""

    def __init__(self, errors: tuple[ValidationError, ...]) -> None:
        first = errors[0]
        super().__init__(first.field, first.value, first.expected)
        self.errors = errors


def parse_row(given: dict[str, Any], texts: dict[str, str], register_number: str, *,
              local: ZoneInfo, now: datetime) -> Parsed:
    """The row's values, read and checked one by one (blank cells are left as None).

    `given` holds the cells of placed columns as read; `texts` the filled ones as text. Every bad
    cell is found, not only the first: RowErrors names them all.
    """
    text = texts.get
    problems: list[ValidationError] = []

    def checked(read: Callable[[], T]) -> T | None:
        try:
            return read()
        except ValidationError as error:
            problems.append(error)
            return None

    def moment(name: str) -> datetime | None:
        if name not in texts:
            return None
        value = checked(lambda: parse_moment(name, given[name], local))
        if value is not None and value > now:
            problems.append(ValidationError(name, texts[name], "a time that is not in the future"))
            return None
        return value

    parsed = Parsed(
        register_number=register_number,
        full_name=text("full_name"), other_names=text("other_names"),
        nationality=text("nationality"), languages=text("languages"),
        offence=text("offence"), offence_class=text("offence_class"), court=text("court"),
        court_case_number=text("court_case_number"),
        police_case_number=text("police_case_number"), notes=text("notes"),
        arrest_at=moment("arrest_datetime"), admission_at=moment("admission_datetime"),
        last_remand_at=moment("last_remand_date"),
    )
    if "next_court_date" in texts:
        parsed.next_court_at = checked(
            lambda: parse_moment("next_court_date", given["next_court_date"], local))
    if "sex" in texts:
        parsed.sex = checked(lambda: parse_sex(texts["sex"]))
    if "date_of_birth" in texts:
        parsed.date_of_birth = checked(lambda: parse_date("date_of_birth", given["date_of_birth"]))
    if "age_estimate" in texts:
        parsed.age_estimate = checked(lambda: parse_count(
            "age_estimate", texts["age_estimate"], units=("years", "year", "yrs", "y"),
            expected="a number of years from 0 to 120"))
    if "max_sentence_months" in texts:
        sentence = checked(lambda: parse_sentence(texts["max_sentence_months"]))
        if sentence is not None:
            parsed.max_sentence_months, parsed.max_sentence_life = sentence
    if "remand_days" in texts:
        parsed.remand_days = checked(lambda: parse_count(
            "remand_days", texts["remand_days"], units=("days", "day", "d"),
            expected="a number of days, one or more"))
    if "represented" in texts:
        parsed.represented = checked(lambda: parse_yes_no("represented", texts["represented"]))
    if "custody_status" in texts:
        parsed.custody_status = checked(lambda: parse_status(texts["custody_status"]))
        if parsed.custody_status is CustodyStatus.RELEASED:
            problems.append(ValidationError("custody_status", texts["custody_status"], HELD_STATUSES))
    if problems:
        raise RowErrors(tuple(problems))
    return parsed


def blank(cells: list[Any]) -> bool:
    """A row with nothing in it (spreadsheets leave them between blocks)."""
    for value in cells:
        if value is None:
            continue
        if not isinstance(value, str) or value.strip():
            return False
    return True


def check_order(p: Parsed, local: ZoneInfo) -> None:
    """Nothing happens to someone before their birth; admission and remand not before the arrest."""
    # (A birth date in the future is refused as such when the person is built.)
    if p.date_of_birth is not None and p.date_of_birth <= date.today():
        for name, moment in (("arrest_datetime", p.arrest_at), ("admission_datetime", p.admission_at)):
            if moment is not None and moment.astimezone(local).date() < p.date_of_birth:
                raise ValidationError(name, moment.astimezone(local).strftime("%Y-%m-%d"),
                                      f"a date after the date of birth ({p.date_of_birth.isoformat()})")
    if p.arrest_at is None:
        return
    if p.admission_at is not None and p.admission_at < p.arrest_at:
        raise ValidationError("admission_datetime", p.admission_at.astimezone(local)
                              .strftime("%Y-%m-%d %H:%M"), "a time not before the arrest")
    arrested_on = p.arrest_at.astimezone(local).date()
    if p.last_remand_at is not None and p.last_remand_at.astimezone(local).date() < arrested_on:
        raise ValidationError("last_remand_date", p.last_remand_at.astimezone(local).date()
                              .isoformat(), "a date not before the arrest")


def plausibly_same(p: Parsed, r: RegisterRecord) -> bool:
    """Whether a row can be the held person it shares a register number with.

    A corrected spelling keeps a word of the name ("Amina Yusuf" -> "Amina Yussuf"); a name with
    no word in common, and no matching date of birth, is someone else: merging them would
    silently give one detainee's record to another.
    """
    if p.full_name is None:
        return True
    if p.date_of_birth is not None and p.date_of_birth == r.date_of_birth:
        return True
    return bool(set(tokens(p.full_name)) & set(tokens(r.full_name)))


def differences(p: Parsed, r: RegisterRecord) -> dict[str, tuple[Any, Any]]:
    """Fields the row gives that differ from the stored record: name -> (stored, row)."""
    out: dict[str, tuple[Any, Any]] = {}

    def differ(name: str, stored: Any, given: Any) -> None:
        if given is not None and given != stored:
            out[name] = (stored, given)

    differ("full_name", r.full_name, p.full_name)
    differ("other_names", r.other_names, p.other_names)
    differ("sex", r.sex, p.sex)
    differ("date_of_birth", r.date_of_birth, p.date_of_birth)
    differ("age_estimate", r.age_estimate, p.age_estimate)
    differ("nationality", r.nationality, p.nationality)
    differ("languages", r.languages, p.languages)
    differ("notes", r.notes, p.notes)
    differ("custody_status", r.custody_status, p.custody_status)
    differ("arrest_at", r.arrest_at, p.arrest_at)
    differ("admission_at", r.admission_at, p.admission_at)
    if p.court is not None and p.court.casefold() != (r.court or "").casefold():
        out["court"] = (r.court, p.court)
    differ("court_case_number", r.court_case_number, p.court_case_number)
    differ("police_case_number", r.police_case_number, p.police_case_number)
    differ("represented", represented_in(r.case_summary), p.represented)
    differ("offence", r.offence, p.offence)
    differ("offence_class", r.offence_class, p.offence_class)
    if p.max_sentence_life is not None and (p.max_sentence_months, p.max_sentence_life) != (
            r.max_sentence_months, r.max_sentence_life):
        out["max_sentence"] = ("life" if r.max_sentence_life else r.max_sentence_months,
                               "life" if p.max_sentence_life else p.max_sentence_months)
    if p.last_remand_at is not None or p.remand_days is not None:
        given = (p.last_remand_at or r.last_remand_at,
                 p.remand_days if p.remand_days is not None else
                 (r.remand_days if p.last_remand_at in (None, r.last_remand_at) else None))
        if given != (r.last_remand_at, r.remand_days):
            out["remand"] = ((r.last_remand_at, r.remand_days), given)
    if p.next_court_at is not None and p.next_court_at != r.next_court_at:
        out["next_court"] = (r.next_court_at, p.next_court_at)
    elif p.next_court_at is not None and p.court is not None and \
            p.court.casefold() != (r.next_court or "").casefold():
        out["next_court"] = (r.next_court, p.court)
    return out


def merge(p: Parsed, r: RegisterRecord) -> Parsed:
    """The row's values over the stored ones: what the record will say once updated."""
    def pick(given: Any, stored: Any) -> Any:
        return stored if given is None else given

    remand_at = pick(p.last_remand_at, r.last_remand_at)
    same_remand = p.last_remand_at is None or p.last_remand_at == r.last_remand_at
    return Parsed(
        register_number=p.register_number,
        full_name=pick(p.full_name, r.full_name), other_names=pick(p.other_names, r.other_names),
        sex=pick(p.sex, r.sex), date_of_birth=pick(p.date_of_birth, r.date_of_birth),
        age_estimate=pick(p.age_estimate, r.age_estimate),
        nationality=pick(p.nationality, r.nationality), languages=pick(p.languages, r.languages),
        arrest_at=pick(p.arrest_at, r.arrest_at), admission_at=pick(p.admission_at, r.admission_at),
        offence=pick(p.offence, r.offence), offence_class=pick(p.offence_class, r.offence_class),
        max_sentence_months=(p.max_sentence_months if p.max_sentence_life is not None
                             else r.max_sentence_months),
        max_sentence_life=pick(p.max_sentence_life, r.max_sentence_life if r.offence else None),
        court=pick(p.court, r.court),
        court_case_number=pick(p.court_case_number, r.court_case_number),
        police_case_number=pick(p.police_case_number, r.police_case_number),
        custody_status=pick(p.custody_status, r.custody_status),
        last_remand_at=remand_at,
        remand_days=pick(p.remand_days, r.remand_days if same_remand else None),
        next_court_at=pick(p.next_court_at, r.next_court_at),
        represented=pick(p.represented, represented_in(r.case_summary)),
        notes=pick(p.notes, r.notes),
    )


def as_json(value: Any) -> Any:
    """A value as JSON for the audit log."""
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, tuple):
        return [as_json(v) for v in value]
    return value
