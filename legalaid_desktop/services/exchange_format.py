"""The JSON exchange format (docs/json-format.md): record types, field codecs, the header."""

from __future__ import annotations

import base64
import json
import re
import typing
import uuid as uuid_module
from collections.abc import Callable
from dataclasses import MISSING, dataclass, fields
from datetime import UTC, date, datetime
from enum import StrEnum
from types import NoneType, UnionType
from typing import Any

from legalaid_desktop.domain.cases import Case, Charge, Document, Hearing, Note, Party
from legalaid_desktop.domain.conflicts import ConflictWaiver
from legalaid_desktop.domain.custody import Custody, CustodyEvent, Deadline
from legalaid_desktop.domain.entity import Entity
from legalaid_desktop.domain.errors import DomainError
from legalaid_desktop.domain.org import (
    Assignment,
    Court,
    CourtClosure,
    Facility,
    Jurisdiction,
    Provider,
    ProviderCoverage,
    Setting,
)
from legalaid_desktop.domain.people import Dependant, Person
from legalaid_desktop.domain.requests import GroundClaim, LegalAidRequest
from legalaid_desktop.domain.vocab import InterestsOfJusticeGround

FORMAT_NAME = "legalaid-desktop-export"
FORMAT_VERSION = 1

# Kept by the importer as given, but never a reason to call two records different.
META_FIELDS = frozenset({"uuid", "created_at", "updated_at", "version"})


# --- errors: each carries what the user must be told; the command line words them -----------------

class ExchangeError(DomainError):
    """An exchange file could not be used; nothing was written to the database."""

    def __init__(self, path: str, message: str) -> None:
        super().__init__(f"{path}: {message}")
        self.path = path


class ExchangeIOError(ExchangeError):
    """The operating system refused to read or write the file (`action` is "read" or "write")."""

    def __init__(self, path: str, action: str, reason: str) -> None:
        super().__init__(path, f"cannot {action}: {reason}")
        self.action = action
        self.reason = reason


class ExchangeSyntaxError(ExchangeError):
    """The file is not JSON (or not UTF-8 text) at `line`, `column`."""

    def __init__(self, path: str, line: int, column: int, detail: str) -> None:
        super().__init__(path, f"not valid JSON at line {line}, column {column}: {detail}")
        self.line = line
        self.column = column
        self.detail = detail


class ExchangeVersionError(ExchangeError):
    """The file is another format, or a newer version of ours, than this version reads."""

    def __init__(self, path: str, format_name: object, format_version: object) -> None:
        super().__init__(path, f"format {format_name!r} version {format_version!r} is not readable")
        self.format_name = format_name
        self.format_version = format_version

    @property
    def is_ours(self) -> bool:
        return self.format_name == FORMAT_NAME


class ExchangeContentError(ExchangeError):
    """A value in the file is wrong: where (`place`, `line`), which `field`, and what was expected."""

    def __init__(self, path: str, place: str, line: int | None, field: str, value: object,
                 expected: str, *, missing: bool = False) -> None:
        shown = "missing" if missing else repr(value)
        super().__init__(path, f"{place}: {field}: {shown} ({expected})")
        self.place = place
        self.line = line
        self.field = field
        self.value = value
        self.expected = expected
        self.missing = missing


# --- record types and their fields ----------------------------------------------------------------

@dataclass(frozen=True)
class FieldSpec:
    """One field of a record type: its attribute on the entity and its key and kind in the file."""

    name: str
    key: str
    kind: str
    nullable: bool
    required: bool
    enum: type[StrEnum] | None = None
    ref: str | None = None


@dataclass(frozen=True)
class RecordType:
    """A kind of record in the file, in dependency order.

    `natural_key` names attributes that are unique in a database besides the UUID; `on_key_match`
    says what an import does with a new record whose natural key an existing record already has:
    "same" (it is that record; references follow it) or "refuse" (it is another record; it and
    everything that refers to it are left out and reported). `only` filters what is exchanged.
    """

    name: str
    cls: type[Entity]
    fields: tuple[FieldSpec, ...]
    batch: int
    natural_key: tuple[str, ...] = ()
    on_key_match: str = ""
    only: tuple[tuple[str, Any], ...] = ()
    label: str | None = None

    @property
    def refs(self) -> tuple[FieldSpec, ...]:
        return tuple(f for f in self.fields if f.ref is not None)

    def field(self, name: str) -> FieldSpec:
        return next(f for f in self.fields if f.name == name)


# Integer keys in the database; UUIDs of the record type named here in the file.
REFERENCES: dict[str, dict[str, str]] = {
    "person": {"possible_duplicate_of": "person", "merged_into_id": "person"},
    "dependant": {"person_id": "person"},
    "provider": {"supervisor_id": "provider"},
    "provider_coverage": {"provider_id": "provider", "facility_id": "facility", "court_id": "court"},
    "case": {"client_person_id": "person", "court_id": "court"},
    "legal_aid_request": {"person_id": "person", "facility_id": "facility", "case_id": "case"},
    "party": {"case_id": "case", "person_id": "person"},
    "charge": {"case_id": "case"},
    "hearing": {"case_id": "case", "court_id": "court"},
    "note": {"case_id": "case"},
    "document": {"case_id": "case"},
    "custody": {"person_id": "person", "case_id": "case", "facility_id": "facility"},
    "custody_event": {"custody_id": "custody", "court_id": "court"},
    "deadline": {"custody_id": "custody"},
    "assignment": {"case_id": "case", "provider_id": "provider"},
    "conflict_waiver": {"case_id": "case", "provider_id": "provider"},
}


# Optional in the domain class but required by the database, so required in the file too.
ALWAYS_GIVEN = frozenset({("dependant", "person_id")})


def reference_key(name: str) -> str:
    """`client_person_id` -> `client_person_uuid`; `possible_duplicate_of` -> `..._of_uuid`."""
    return (name[:-3] if name.endswith("_id") else name) + "_uuid"


def _kind_of(hint: Any) -> tuple[str, bool, type[StrEnum] | None]:
    """The file kind of a type hint, whether null is allowed, and the enum class if any."""
    nullable = False
    if isinstance(hint, UnionType) or typing.get_origin(hint) is typing.Union:
        args = [a for a in typing.get_args(hint) if a is not NoneType]
        nullable = len(args) < len(typing.get_args(hint))
        if len(args) != 1:
            raise TypeError(f"no exchange kind for {hint!r}")
        hint = args[0]
    simple = {str: "text", int: "integer", bool: "boolean", date: "date", datetime: "datetime",
              bytes: "base64"}
    if hint in simple:
        return simple[hint], nullable, None
    if isinstance(hint, type) and issubclass(hint, StrEnum):
        return "enum", nullable, hint
    if hint == list[str]:
        return "text_list", nullable, None
    if hint == list[GroundClaim]:
        return "grounds", nullable, None
    raise TypeError(f"no exchange kind for {hint!r}")


def _record_type(name: str, cls: type[Entity], *, batch: int = 500, natural_key: tuple[str, ...] = (),
                 on_key_match: str = "", only: tuple[tuple[str, Any], ...] = (),
                 label: str | None = None) -> RecordType:
    """Fields come from the domain dataclass, so a new domain field cannot be silently left out."""
    hints = typing.get_type_hints(cls)
    refs = REFERENCES.get(name, {})
    specs: list[FieldSpec] = []
    for item in fields(cls):
        if item.name == "id":
            continue
        kind, nullable, enum = _kind_of(hints[item.name])
        has_default = item.default is not MISSING or item.default_factory is not MISSING
        required = item.name == "uuid" or not has_default
        if (name, item.name) in ALWAYS_GIVEN or item.name in dict(only):
            nullable, required = False, True
        if item.name == "uuid":
            kind = "uuid"
        if item.name in refs:
            specs.append(FieldSpec(item.name, reference_key(item.name), "uuid", nullable, required,
                                   ref=refs[item.name]))
        elif item.name.endswith("_id") and kind == "integer":
            raise TypeError(f"{cls.__name__}.{item.name} looks like a reference; add it to REFERENCES")
        else:
            specs.append(FieldSpec(item.name, item.name, kind, nullable, required, enum=enum))
    # The UUID first and the bookkeeping last make a record easy to read.
    specs.sort(key=lambda f: (f.name != "uuid", f.name in META_FIELDS))
    return RecordType(name, cls, tuple(specs), batch, natural_key, on_key_match, only, label)


# Dependency order: every reference points to a type listed earlier (or to the same type).
RECORD_TYPES: tuple[RecordType, ...] = (
    _record_type("jurisdiction", Jurisdiction, natural_key=("code",), on_key_match="same",
                 label="code"),
    _record_type("facility", Facility, natural_key=("name",), on_key_match="same", label="name"),
    _record_type("court", Court, natural_key=("name",), on_key_match="same", label="name"),
    _record_type("person", Person, label="full_name"),
    _record_type("dependant", Dependant),
    _record_type("provider", Provider, label="full_name"),
    _record_type("provider_coverage", ProviderCoverage),
    _record_type("case", Case, natural_key=("case_ref",), on_key_match="refuse", label="case_ref"),
    _record_type("legal_aid_request", LegalAidRequest),
    _record_type("party", Party, natural_key=("case_id", "person_id", "role"), on_key_match="same"),
    _record_type("charge", Charge),
    _record_type("hearing", Hearing),
    _record_type("note", Note),
    # Scans can be tens of megabytes each: few at a time.
    _record_type("document", Document, batch=10),
    _record_type("custody", Custody),
    _record_type("custody_event", CustodyEvent),
    # Computed deadlines are recomputed by the deadline engine from the events; only manual ones travel.
    _record_type("deadline", Deadline, only=(("manual", True),), label="title"),
    _record_type("assignment", Assignment),
    _record_type("conflict_waiver", ConflictWaiver, label="reason"),
    _record_type("setting", Setting, natural_key=("key", "effective_from", "jurisdiction_code"),
                 on_key_match="same", label="key"),
    _record_type("court_closure", CourtClosure, natural_key=("jurisdiction_code", "day"),
                 on_key_match="same", label="reason"),
)

RECORD_TYPE_BY_NAME: dict[str, RecordType] = {rt.name: rt for rt in RECORD_TYPES}


# --- values in and out ----------------------------------------------------------------------------

def encode_value(spec: FieldSpec, value: Any) -> Any:
    """The JSON value of an attribute (references are resolved by the caller)."""
    if value is None:
        return None
    if spec.kind in ("text", "integer", "boolean", "uuid"):
        return value
    if spec.kind == "date":
        return value.isoformat()
    if spec.kind == "datetime":
        return value.astimezone(UTC).isoformat()
    if spec.kind == "enum":
        return value.value
    if spec.kind == "base64":
        return base64.b64encode(value).decode("ascii")
    if spec.kind == "text_list":
        return list(value)
    if spec.kind == "grounds":
        return [{"ground": g.ground.value, "justification": g.justification} for g in value]
    raise AssertionError(spec.kind)


def encode_record(rt: RecordType, entity: Entity, uuid_of: Callable[[str, int], str]) -> dict[str, Any]:
    """One record of the file; `uuid_of(record type, id)` turns a key into the referenced UUID."""
    out: dict[str, Any] = {}
    for spec in rt.fields:
        value = getattr(entity, spec.name)
        if spec.ref is not None and value is not None:
            value = uuid_of(spec.ref, value)
        out[spec.key] = encode_value(spec, value)
    return out


_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_DATETIME = re.compile(r"^\d{4}-\d{2}-\d{2}T")


class _Bad(Exception):
    """A value did not decode; `expected` says what would be right."""

    def __init__(self, expected: str) -> None:
        super().__init__(expected)
        self.expected = expected


def _uuid(value: Any, what: str) -> str:
    if isinstance(value, str):
        try:
            return str(uuid_module.UUID(value))
        except ValueError:
            pass
    raise _Bad(what)


def decode_value(spec: FieldSpec, value: Any) -> Any:
    """The attribute value for a JSON value; raises _Bad naming what was expected."""
    if value is None:
        if spec.nullable:
            return None
        raise _Bad("a value (null is not allowed here)")
    kind = spec.kind
    if kind == "text":
        if isinstance(value, str):
            return value
        raise _Bad("text")
    if kind == "integer":
        if isinstance(value, int) and not isinstance(value, bool):
            if spec.name == "version" and value < 1:
                raise _Bad("a version number of 1 or more")
            return value
        raise _Bad("a whole number")
    if kind == "boolean":
        if isinstance(value, bool):
            return value
        raise _Bad("true or false")
    if kind == "uuid":
        target = f"the uuid of a {spec.ref} record" if spec.ref else "a uuid"
        return _uuid(value, target)
    if kind == "date":
        if isinstance(value, str) and _DATE.match(value):
            try:
                return date.fromisoformat(value)
            except ValueError:
                pass
        raise _Bad("a date like 2026-03-02")
    if kind == "datetime":
        if isinstance(value, str) and _DATETIME.match(value):
            try:
                parsed = datetime.fromisoformat(value)
            except ValueError:
                pass
            else:
                if parsed.tzinfo is not None:
                    return parsed
        raise _Bad("a time with its UTC offset, like 2026-03-02T08:30:00+00:00")
    if kind == "enum":
        assert spec.enum is not None
        members = [m.value for m in spec.enum]
        if isinstance(value, str) and value in members:
            return spec.enum(value)
        raise _Bad("one of " + ", ".join(members))
    if kind == "base64":
        if isinstance(value, str):
            try:
                return base64.b64decode(value, validate=True)
            except ValueError:
                pass
        raise _Bad("the content as base64 text")
    if kind == "text_list":
        if isinstance(value, list) and all(isinstance(v, str) for v in value):
            return list(value)
        raise _Bad("a list of texts")
    if kind == "grounds":
        return _decode_grounds(value)
    raise AssertionError(kind)


def _decode_grounds(value: Any) -> list[GroundClaim]:
    expected = ('a list of {"ground": ..., "justification": ...} where ground is one of '
                + ", ".join(g.value for g in InterestsOfJusticeGround))
    if not isinstance(value, list):
        raise _Bad(expected)
    claims: list[GroundClaim] = []
    for item in value:
        if not (isinstance(item, dict) and set(item) == {"ground", "justification"}
                and isinstance(item["justification"], str)
                and item["ground"] in InterestsOfJusticeGround.__members__.values()):
            raise _Bad(expected)
        claims.append(GroundClaim(InterestsOfJusticeGround(item["ground"]), item["justification"]))
    return claims


@dataclass
class Incoming:
    """A record read from a file: attribute values, with references still as UUIDs."""

    rt: RecordType
    index: int
    line: int
    uuid: str
    values: dict[str, Any]

    @property
    def place(self) -> str:
        return f"records.{self.rt.name}[{self.index}] (uuid {self.uuid})"


def record_place(type_name: str, index: int, raw: Any) -> str:
    """Where a record is, by its position and, when it has a readable one, its UUID."""
    place = f"records.{type_name}[{index}]"
    if isinstance(raw, dict) and isinstance(raw.get("uuid"), str):
        place += f" (uuid {raw['uuid'][:40]})"
    return place


def decode_record(rt: RecordType, raw: Any, *, index: int, line: int, path: str) -> Incoming:
    """Check one record against its type, naming the field and value of the first mistake."""
    place = record_place(rt.name, index, raw)
    if not isinstance(raw, dict):
        raise ExchangeContentError(path, place, line, "(record)", raw, "an object with the record's fields")
    known = {spec.key: spec for spec in rt.fields}
    for key in raw:
        if key not in known:
            raise ExchangeContentError(path, place, line, key, raw[key],
                                       "no such field in a " + rt.name + " record (is the file from a "
                                       "newer version?)")
    values: dict[str, Any] = {}
    for spec in rt.fields:
        if spec.key not in raw:
            if spec.required:
                raise ExchangeContentError(path, place, line, spec.key, None,
                                           "this field is required", missing=True)
            continue
        try:
            values[spec.name] = decode_value(spec, raw[spec.key])
        except _Bad as bad:
            raise ExchangeContentError(path, place, line, spec.key, raw[spec.key], bad.expected) from None
    for name, wanted in rt.only:
        if values[name] != wanted:
            raise ExchangeContentError(path, place, line, rt.field(name).key, values[name],
                                       f"{json.dumps(wanted)}: only those {rt.name} records are "
                                       "exchanged (the others are recomputed)")
    return Incoming(rt, index, line, values["uuid"], values)


# --- the header ---------------------------------------------------------------------------------

@dataclass(frozen=True)
class ExportHeader:
    """What the file says about itself."""

    format_version: int
    app_version: str | None
    exported_at: datetime | None
    source_database_uuid: str | None
    counts: dict[str, int] | None


HEADER_KEYS = ("format", "format_version", "app_version", "exported_at", "source_database_uuid",
               "counts", "records", "audit_entry")


def check_format(path: str, top: dict[str, Any]) -> None:
    """Refuse another format or a newer version before reading any record."""
    name, version = top.get("format"), top.get("format_version")
    if name != FORMAT_NAME:
        raise ExchangeVersionError(path, name, version)
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise ExchangeContentError(path, "(file)", None, "format_version", version,
                                   f"a whole number from 1 to {FORMAT_VERSION}",
                                   missing="format_version" not in top)
    if version > FORMAT_VERSION:
        raise ExchangeVersionError(path, name, version)


def parse_header(path: str, top: dict[str, Any]) -> ExportHeader:
    """Check the top-level fields other than the records."""
    check_format(path, top)
    for key in top:
        if key not in HEADER_KEYS:
            raise ExchangeContentError(path, "(file)", None, key, top[key],
                                       "no such top-level field; expected " + ", ".join(HEADER_KEYS))

    def text(key: str) -> str | None:
        value = top.get(key)
        if value is not None and not isinstance(value, str):
            raise ExchangeContentError(path, "(file)", None, key, value, "text")
        return value

    exported_at = None
    if top.get("exported_at") is not None:
        try:
            exported_at = decode_value(FieldSpec("exported_at", "exported_at", "datetime", True, False),
                                       top["exported_at"])
        except _Bad as bad:
            raise ExchangeContentError(path, "(file)", None, "exported_at", top["exported_at"],
                                       bad.expected) from None
    text("audit_entry")  # the exporting database's audit entry for the export: checked there, not here
    counts = top.get("counts")
    if counts is not None:
        if not isinstance(counts, dict):
            raise ExchangeContentError(path, "(file)", None, "counts", counts,
                                       "an object of record type: number")
        for key, value in counts.items():
            if key not in RECORD_TYPE_BY_NAME:
                raise ExchangeContentError(path, "counts", None, key, value,
                                           "a record type: " + ", ".join(RECORD_TYPE_BY_NAME))
            if not isinstance(value, int) or isinstance(value, bool) or value < 0:
                raise ExchangeContentError(path, "counts", None, key, value, "a number of records")
    return ExportHeader(format_version=top["format_version"], app_version=text("app_version"),
                        exported_at=exported_at, source_database_uuid=text("source_database_uuid"),
                        counts=counts)
