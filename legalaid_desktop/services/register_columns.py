"""A facility register's columns: which header means which field, and how each cell is read.

Registers are typed by hand in many offices, so headers are matched ignoring case, spaces and
punctuation, with the synonyms registers use; values are read leniently (several date forms, F/M,
"life") but never guessed: a value that cannot be read is a ValidationError naming the field.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, timezone, tzinfo
from functools import lru_cache
from zoneinfo import ZoneInfo

from legalaid_desktop.domain.errors import ValidationError
from legalaid_desktop.domain.folding import fold
from legalaid_desktop.domain.vocab import CustodyStatus, Sex

CANONICAL: tuple[str, ...] = (
    "register_number", "full_name", "other_names", "sex", "date_of_birth", "age_estimate",
    "nationality", "languages", "facility", "arrest_datetime", "admission_datetime", "offence",
    "offence_class", "max_sentence_months", "court", "court_case_number", "police_case_number",
    "custody_status", "last_remand_date", "remand_days", "next_court_date", "represented", "notes",
)
REQUIRED: tuple[str, ...] = ("register_number", "full_name")
IGNORE = "ignore"  # `--map HEADER=ignore` leaves a column out on purpose

# Header words registers use for each field (matched after header_key folding), in English and
# in French for the registers of francophone countries.
SYNONYMS: dict[str, tuple[str, ...]] = {
    "register_number": (
        "register no", "reg no", "reg number", "register num", "registration number",
        "registration no", "prisoner number", "prisoner no", "prison number", "prison no",
        "inmate number", "inmate no", "inmate id", "prisoner id", "detainee number",
        "detainee no", "detainee id", "remand number", "remand no", "booking number", "pno",
        "N° d'écrou", "numéro d'écrou", "numéro écrou", "écrou", "matricule", "N° matricule",
    ),
    "full_name": (
        "name", "names", "full names", "prisoner name", "prisoners name", "name of prisoner",
        "detainee name", "name of detainee", "inmate name", "name of inmate", "accused",
        "accused name", "name of accused", "client name", "person name", "surname and names",
        "nom", "noms", "nom et prénom", "nom et prénoms", "noms et prénoms", "nom complet",
    ),
    "other_names": ("alias", "aliases", "aka", "also known as", "alias names", "known as",
                    "other name"),
    "sex": ("gender", "m f", "sex m f", "gender m f", "sexe", "genre"),
    "date_of_birth": ("dob", "birth date", "birthdate", "date born", "born", "d o b",
                      "date de naissance", "né le", "née le"),
    "age_estimate": ("age", "estimated age", "age estimated", "approx age", "approximate age",
                     "apparent age", "age years", "age yrs"),
    "nationality": ("citizenship", "country of origin", "nationality country", "nationalité"),
    "languages": ("language", "language spoken", "languages spoken", "lang", "mother tongue",
                  "langue", "langues"),
    # Not "police station": in a prison register that is where the arrest was recorded.
    "facility": ("prison", "facility name", "prison name", "institution", "remand centre",
                 "remand center", "place of detention", "detention facility", "detention centre",
                 "detention center"),
    "arrest_datetime": ("arrest date", "date of arrest", "arrested", "arrested on", "date arrested",
                        "arrest", "arrest time", "arrest date time", "time of arrest",
                        "date and time of arrest", "date d'arrestation", "arrêté le"),
    "admission_datetime": ("admission date", "date of admission", "admitted", "admitted on",
                           "date admitted", "admission", "admission time", "admission date time",
                           "date of committal", "committal date", "date in", "date received",
                           "received on", "date d'incarcération", "date d'écrou", "date d'entrée",
                           "écroué le"),
    "offence": ("offense", "offences", "offenses", "charge", "charges", "crime",
                "offence charged", "charged with", "nature of offence", "infraction", "infractions",
                "prévention", "chef d'accusation", "chefs d'accusation"),
    "offence_class": ("offense class", "class of offence", "class of offense", "offence category",
                      "offense category", "offence classification"),
    "max_sentence_months": ("max sentence", "maximum sentence", "max sentence months",
                            "maximum sentence months", "maximum penalty", "max penalty",
                            "maximum penalty months"),
    "court": ("court name", "trial court", "committing court", "court of trial", "remanding court",
              "tribunal", "juridiction"),
    "court_case_number": ("court case no", "case number", "case no", "court file number",
                          "court file no", "criminal case number", "criminal case no", "cc no",
                          "court number", "court ref"),
    "police_case_number": ("police case no", "ob number", "ob no", "police ref", "police reference",
                           "police file number", "police file no", "cr number", "cr no",
                           "occurrence book number"),
    "custody_status": ("status", "prisoner status", "detention status", "remand status"),
    "last_remand_date": ("last remand", "remand date", "date of last remand", "date remanded",
                         "remanded on", "last remanded", "last remand on"),
    "remand_days": ("remand period", "days remanded", "remand length", "period of remand",
                    "remand period days", "remanded for days", "remand for"),
    "next_court_date": ("next court", "next hearing", "next hearing date", "next mention",
                        "next mention date", "next appearance", "next date", "next court appearance",
                        "date of next hearing", "mention date", "hearing date"),
    "represented": ("legally represented", "legal representation", "representation", "has lawyer",
                    "has advocate", "has a lawyer", "lawyer yes no"),
    "notes": ("note", "remarks", "remark", "comments", "comment", "observations", "remarques"),
}


def header_key(text: str) -> str:
    """A header with case, accents, spaces, underscores and punctuation taken out.

    "D.O.B." -> "dob"; "N° d'écrou" -> "ndecrou".
    """
    return "".join(ch for ch in fold(text) if ch.isalnum())


_BY_KEY: dict[str, str] = {}
for _field, _words in SYNONYMS.items():
    for _word in (_field, *_words):
        _BY_KEY.setdefault(header_key(_word), _field)


@dataclass(frozen=True)
class ColumnMatch:
    """Where each field is in a file's rows, and the headers left out (with why)."""

    fields: dict[str, int]
    unknown: tuple[str, ...]
    repeated: tuple[str, ...]
    ignored: tuple[str, ...]

    def missing(self) -> tuple[str, ...]:
        return tuple(f for f in REQUIRED if f not in self.fields)


def check_field(field: str) -> str:
    """A field name given by a user (`--map`), or a ValidationError listing the right ones."""
    name = field.strip().lower()
    if name in CANONICAL or name == IGNORE:
        return name
    raise ValidationError("--map", field, "one of " + ", ".join(CANONICAL) + f", or {IGNORE}")


def match_columns(headers: Sequence[str], overrides: Mapping[str, str] | None = None) -> ColumnMatch:
    """Place each header: `overrides` (header -> field) first, then names and synonyms.

    A header that cannot be placed is reported, never a reason to refuse the file; a second
    header for a field already placed is reported too (the first one is read).
    """
    forced: dict[str, str] = {}
    keys = [header_key(h) for h in headers]
    for header, field in (overrides or {}).items():
        key = header_key(header)
        if key not in keys:
            shown = ", ".join(repr(h) for h in headers if h.strip())
            raise ValidationError("--map", header, f"a column header of the file ({shown})")
        forced[key] = check_field(field)
    fields: dict[str, int] = {}
    unknown: list[str] = []
    repeated: list[str] = []
    ignored: list[str] = []
    # Forced mappings claim their fields before any synonym can.
    for index, key in enumerate(keys):
        if key in forced and forced[key] != IGNORE:
            fields.setdefault(forced[key], index)
    for index, (header, key) in enumerate(zip(headers, keys, strict=True)):
        if key in forced:
            if forced[key] == IGNORE:
                ignored.append(header)
            elif fields.get(forced[key]) != index:
                repeated.append(header)
            continue
        known = _BY_KEY.get(key)
        if known is None:
            if key:
                unknown.append(header)
        elif known in fields:
            repeated.append(header)
        else:
            fields[known] = index
    return ColumnMatch(fields=fields, unknown=tuple(unknown), repeated=tuple(repeated),
                       ignored=tuple(ignored))


def recognised(headers: Sequence[str], overrides: Mapping[str, str] | None = None) -> int:
    """How many of `headers` name a field: used to find the header row under a title."""
    forced = {header_key(h) for h in (overrides or {})}
    return sum(1 for h in headers if header_key(h) in forced or header_key(h) in _BY_KEY)


# ---- values ---------------------------------------------------------------------------------

MONTHS = {name: number for number, names in enumerate((
    ("jan", "january"), ("feb", "february"), ("mar", "march"), ("apr", "april"), ("may",),
    ("jun", "june"), ("jul", "july"), ("aug", "august"), ("sep", "sept", "september"),
    ("oct", "october"), ("nov", "november"), ("dec", "december")), start=1) for name in names}

_WHEN = re.compile(
    r"""^\s*(?:
        (?P<y1>\d{4})[-/.](?P<m1>\d{1,2})[-/.](?P<d1>\d{1,2})           # 2026-03-01
      | (?P<d2>\d{1,2})[/.-](?P<m2>\d{1,2})[/.-](?P<y2>\d{4})           # 01/03/2026, day first
      | (?P<d3>\d{1,2})[\s-]+(?P<mon>[^\W\d_]{3,9})\.?,?[\s-]+(?P<y3>\d{4})  # 1 Mar 2026
    )
    (?:(?:\s+|T)(?P<hh>\d{1,2}):(?P<mm>\d{2})(?::(?P<ss>\d{2})(?:\.(?P<frac>\d{1,6}))?)?)?
    \s*(?P<tz>Z|[+-]\d{2}:?\d{2})?\s*$""",
    re.VERBOSE | re.IGNORECASE)

DATE_FORMS = "a date like 2026-03-01, 01/03/2026 (day first) or 1 Mar 2026"
DATETIME_FORMS = ("a date and time like 2026-03-01 14:30 or 01/03/2026 14:30 "
                  "(or a date alone, taken as midnight)")


@lru_cache(maxsize=64)
def zone(name: str) -> ZoneInfo:
    return ZoneInfo(name)


def cell_text(value: object) -> str:
    """A cell as the text a person would read in it (numbers without a spurious ".0")."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        return value.isoformat(sep=" ", timespec="minutes" if not value.second else "seconds")
    if isinstance(value, date | time):
        return value.isoformat()
    return str(value).strip()


def _offset(text: str) -> tzinfo:
    if text.upper() == "Z":
        return UTC
    sign = -1 if text[0] == "-" else 1
    digits = text[1:].replace(":", "")
    return timezone(sign * timedelta(hours=int(digits[:2]), minutes=int(digits[2:])))


EARLIEST_YEAR = 1900


def _parts(field: str, value: object, expected: str) -> tuple[date, time | None, tzinfo | None]:
    """The date, time (if written) and offset (if written) of a cell."""
    if isinstance(value, datetime):
        at = value.time()
        return value.date(), (None if at == time(0) else at), value.tzinfo
    if isinstance(value, date):
        return value, None, None
    text = value if isinstance(value, str) else cell_text(value)
    match = _WHEN.match(text)
    if match is None:
        raise ValidationError(field, text.strip(), expected)
    groups = match.groupdict()
    try:
        if groups["y1"]:
            day = date(int(groups["y1"]), int(groups["m1"]), int(groups["d1"]))
        elif groups["y2"]:
            day = date(int(groups["y2"]), int(groups["m2"]), int(groups["d2"]))
        else:
            month = MONTHS.get(groups["mon"].casefold())
            if month is None:
                raise ValueError(groups["mon"])
            day = date(int(groups["y3"]), month, int(groups["d3"]))
        moment: time | None = None
        if groups["hh"] is not None:
            micro = int((groups["frac"] or "0").ljust(6, "0"))
            moment = time(int(groups["hh"]), int(groups["mm"]), int(groups["ss"] or 0), micro)
    except ValueError:
        raise ValidationError(field, text.strip(), expected) from None
    if day.year < EARLIEST_YEAR:
        # "01/03/0026" is a typing slip for 2026, not the year 26: say so rather than guess.
        raise ValidationError(field, text.strip(), f"a year from {EARLIEST_YEAR} on, in four digits")
    return day, moment, (_offset(groups["tz"]) if groups["tz"] else None)


def parse_date(field: str, value: object) -> date | None:
    """A calendar date, or None for a blank cell; a time other than midnight is a mistake."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    day, moment, _ = _parts(field, value, DATE_FORMS)
    if moment is not None:
        raise ValidationError(field, cell_text(value), DATE_FORMS + " (a date, without a time)")
    return day


def parse_moment(field: str, value: object, local: ZoneInfo) -> datetime | None:
    """A time in UTC: written times are local to `local` unless they carry an offset."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    day, moment, offset = _parts(field, value, DATETIME_FORMS)
    naive = datetime.combine(day, moment or time(0))
    return naive.replace(tzinfo=offset or local).astimezone(UTC)


_COUNT = re.compile(r"^\s*(\d{1,6})(?:\.0*)?\s*([^\W\d_]*)\s*$")


def parse_count(field: str, value: object, *, units: tuple[str, ...], expected: str) -> int | None:
    """A whole number, optionally followed by one of `units` ("14 days")."""
    text = cell_text(value)
    if not text:
        return None
    match = _COUNT.match(text)
    if match is None or (match.group(2) and match.group(2).casefold() not in units):
        raise ValidationError(field, text, expected)
    return int(match.group(1))


def parse_sentence(value: object) -> tuple[int | None, bool]:
    """The maximum sentence: (months, False), (None, True) for life, (None, False) if blank."""
    text = cell_text(value)
    if text.casefold().startswith("life"):
        return None, True
    months = parse_count("max_sentence_months", text, units=("month", "months", "m"),
                         expected="a number of months, or 'life'")
    return months, False


YES = frozenset({"yes", "y", "true", "1", "represented"})
NO = frozenset({"no", "n", "false", "0", "none", "not represented", "unrepresented"})


def parse_yes_no(field: str, value: object) -> bool | None:
    text = cell_text(value).casefold()
    if not text:
        return None
    if text in YES:
        return True
    if text in NO:
        return False
    raise ValidationError(field, cell_text(value), "yes or no")


def parse_sex(value: object) -> Sex | None:
    text = cell_text(value)
    return Sex.parse(text) if text else None


def parse_status(value: object) -> CustodyStatus | None:
    text = cell_text(value)
    return CustodyStatus.parse(text) if text else None


# The case summary keeps the register's "represented" column until the case has its own field.
REPRESENTED_PREFIX = "Represented: "


def represented_in(summary: str | None) -> bool | None:
    for line in (summary or "").splitlines():
        if line.startswith(REPRESENTED_PREFIX):
            word = line[len(REPRESENTED_PREFIX):].strip()
            return True if word == "yes" else False if word == "no" else None
    return None


def with_represented(summary: str | None, represented: bool) -> str:
    """`summary` with its "Represented:" line set (added first when missing)."""
    line = REPRESENTED_PREFIX + ("yes" if represented else "no")
    lines = [x for x in (summary or "").splitlines() if not x.startswith(REPRESENTED_PREFIX)]
    return "\n".join([line, *lines])


def format_moment(value: datetime, local: ZoneInfo, *, date_if_midnight: bool = False) -> str:
    """A stored UTC time as local text that parse_moment reads back to the same instant."""
    shown = value.astimezone(local)
    if date_if_midnight and shown.time() == time(0):
        return shown.date().isoformat()
    spec = "minutes" if not (shown.second or shown.microsecond) else (
        "seconds" if not shown.microsecond else "microseconds")
    text = shown.replace(tzinfo=None).isoformat(sep=" ", timespec=spec)
    # A local time that occurs twice (clocks going back) needs its offset to mean one instant.
    if shown.replace(tzinfo=None, fold=0).replace(tzinfo=local).astimezone(UTC) != value.astimezone(UTC):
        offset = shown.strftime("%z")
        text += f"{offset[:3]}:{offset[3:]}"
    return text
