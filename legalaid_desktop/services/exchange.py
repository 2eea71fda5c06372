"""Export everything but users, keys and the audit log as JSON, and import such a file, by UUID."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TextIO, TypeVar

from legalaid_desktop import __version__
from legalaid_desktop.domain.access import Permission
from legalaid_desktop.domain.custody import Custody
from legalaid_desktop.domain.entity import Entity, new_uuid
from legalaid_desktop.domain.errors import ValidationError
from legalaid_desktop.services.access import require_every_facility
from legalaid_desktop.services.exchange_format import (
    FORMAT_NAME,
    FORMAT_VERSION,
    META_FIELDS,
    RECORD_TYPE_BY_NAME,
    RECORD_TYPES,
    ExchangeContentError,
    ExchangeIOError,
    ExportHeader,
    Incoming,
    RecordType,
    decode_record,
    encode_record,
    parse_header,
)
from legalaid_desktop.services.exchange_reader import (
    HeaderRead,
    RawRecord,
    ReadEvent,
    SectionStart,
    TrailerRead,
    read_export,
)
from legalaid_desktop.services.output_files import refuse_special
from legalaid_desktop.services.ports import BulkLookup, SnapshotReads, UnitOfWork

E = TypeVar("E", bound=Entity)

DATABASE_UUID = "database_uuid"
REPORT_LIMIT = 1000  # records listed by name in a report; the counts are always exact

ORDER_EXPECTED = ("each record type once, in the order " + ", ".join(RECORD_TYPE_BY_NAME)
                  + " (references point to records listed before; a tool that sorts keys breaks it)")

Progress = Callable[[int, int | None], None]
"""Called with (records done, records in all or None when unknown); raising from it cancels."""


@dataclass(frozen=True)
class ExportSummary:
    path: str
    counts: tuple[tuple[str, int], ...]
    source_database_uuid: str
    audit_hash: str = ""

    @property
    def total(self) -> int:
        return sum(n for _, n in self.counts)


@dataclass(frozen=True)
class RecordNote:
    """A record an import did not simply add: which one, and why.

    `fields` are the file's names of the fields that differ; `matched_uuid` is the database record
    it was matched to by `matched_by` (a natural key) when the UUIDs differ; `reason` is
    "case_ref_taken" or "refers_to_refused" for a refused record, with `detail` (the case
    reference, or "<type> <uuid>" of the refused record it refers to).
    """

    record_type: str
    uuid: str
    label: str | None = None
    fields: tuple[str, ...] = ()
    matched_uuid: str | None = None
    matched_by: tuple[str, ...] = ()
    reason: str | None = None
    detail: str | None = None


@dataclass(frozen=True)
class ImportReport:
    """What an import did. Differing and refused records were left as they were in the database."""

    path: str
    header: ExportHeader
    added: tuple[tuple[str, int], ...]
    skipped: int
    differing_count: int
    refused_count: int
    matched_count: int
    differing: tuple[RecordNote, ...] = ()
    refused: tuple[RecordNote, ...] = ()
    matched: tuple[RecordNote, ...] = ()

    @property
    def added_total(self) -> int:
        return sum(n for _, n in self.added)

    @property
    def clean(self) -> bool:
        """Nothing differing and nothing refused: the database now holds everything in the file."""
        return self.differing_count == 0 and self.refused_count == 0


def _lookup(uow: UnitOfWork, cls: type[E]) -> BulkLookup[E]:
    repo = uow.repo(cls)
    if not isinstance(repo, BulkLookup):
        raise TypeError(f"the repository of {cls.__name__} offers no batch look-ups")
    return repo


# --- export -------------------------------------------------------------------------------------

def export_json(uow: UnitOfWork, *, path: Path, app_version: str = __version__,
                progress: Progress | None = None) -> ExportSummary:
    """Write every exchanged record to `path` (atomically), and audit the export.

    Records are streamed a batch at a time, so memory does not grow with the database. It holds
    every record, contact details included: for coordinators, lawyers and admins not limited to
    some facilities (EXPORT_DATA across every facility).
    """
    with _atomic_text_file(path) as out:
        with uow:
            require_every_facility(uow, Permission.EXPORT_DATA, entity="export")
            # One snapshot: the counts written first match the records that follow, and every
            # reference points to a record in the file, even if someone saves meanwhile.
            repo = uow.repo(RECORD_TYPES[0].cls)
            if isinstance(repo, SnapshotReads):
                repo.begin_snapshot()
            database_uuid = uow.get_meta(DATABASE_UUID) or new_uuid()
            counts = {rt.name: _lookup(uow, rt.cls).count_where(**dict(rt.only)) for rt in RECORD_TYPES}
            header = {"format": FORMAT_NAME, "format_version": FORMAT_VERSION, "app_version": app_version,
                      "exported_at": datetime.now(UTC).isoformat(),
                      "source_database_uuid": database_uuid, "counts": counts}
            total = sum(counts.values())
            out.write("{\n")
            for key, value in header.items():
                out.write(f" {_dumps(key)}: {_dumps(value)},\n")
            out.write(' "records": {')
            done = 0
            for number, rt in enumerate(RECORD_TYPES):
                out.write(("," if number else "") + f"\n  {_dumps(rt.name)}: [")
                written = 0
                for record in _export_records(uow, rt):
                    out.write(("," if written else "") + "\n   " + _dumps(record))
                    written += 1
                    done += 1
                    if progress is not None and done % 1000 == 0:
                        progress(done, total)
                if written != counts[rt.name]:
                    raise RuntimeError(f"{rt.name}: counted {counts[rt.name]}, wrote {written}")
                out.write("\n  ]" if written else "]")
            out.write("\n }")
        # Written in a transaction of its own (the reading one saw an older snapshot and, in
        # SQLite, could not write once someone else has), committed once the file is whole and
        # on disk, just before it is renamed into place. The file ends with the entry's hash
        # (`audit verify --head` checks it), a field the import reads and lets pass.
        with uow:
            if uow.get_meta(DATABASE_UUID) is None:
                uow.set_meta(DATABASE_UUID, database_uuid)
            audit_hash = uow.audit_sealed("export", "database", None, None, {
                "file": str(path), "format_version": FORMAT_VERSION, "counts": counts})
            out.write(f',\n "audit_entry": {_dumps(audit_hash)}\n}}\n')
            out.flush()
            os.fsync(out.fileno())
            uow.commit()
    if progress is not None:
        progress(total, total)
    return ExportSummary(str(path), tuple(counts.items()), database_uuid, audit_hash)


def _dumps(value: Any) -> str:
    import json

    return json.dumps(value, ensure_ascii=False, separators=(", ", ": "))


def _export_records(uow: UnitOfWork, rt: RecordType) -> Iterator[dict[str, Any]]:
    """The records of one type in key order, with references turned into UUIDs a batch at a time."""
    batch: list[Entity] = []
    for entity in uow.repo(rt.cls).stream(batch=rt.batch):
        if all(getattr(entity, name) == wanted for name, wanted in rt.only):
            batch.append(entity)
        if len(batch) >= rt.batch:
            yield from _encode_batch(uow, rt, batch)
            batch = []
    yield from _encode_batch(uow, rt, batch)


def _encode_batch(uow: UnitOfWork, rt: RecordType, batch: list[Entity]) -> Iterator[dict[str, Any]]:
    wanted: dict[str, set[int]] = {}
    for entity in batch:
        for spec in rt.refs:
            value = getattr(entity, spec.name)
            if value is not None:
                assert spec.ref is not None
                wanted.setdefault(spec.ref, set()).add(value)
    uuids = {target: _lookup(uow, RECORD_TYPE_BY_NAME[target].cls).uuids_for_ids(ids)
             for target, ids in wanted.items()}
    for entity in batch:
        yield encode_record(rt, entity, lambda target, key: uuids[target][key])


@contextmanager
def _atomic_text_file(path: Path) -> Iterator[TextIO]:
    """A UTF-8 file written beside `path` and renamed over it only once complete.

    mkstemp creates it readable by its owner only, and the export keeps that: it holds
    detainees' data in plain text.
    """
    refuse_special(path)
    folder = path.parent if str(path.parent) else Path(".")
    try:
        fd, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=folder)
    except OSError as exc:
        raise ExchangeIOError(str(path), "write", exc.strerror or str(exc)) from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp, path)
    except OSError as exc:
        raise ExchangeIOError(str(path), "write", exc.strerror or str(exc)) from None
    finally:
        if os.path.exists(temp):
            os.unlink(temp)


# --- import -------------------------------------------------------------------------------------

def import_json(uow: UnitOfWork, *, path: Path, progress: Progress | None = None) -> ImportReport:
    """Add the file's records that the database lacks; skip identical ones; report the rest.

    One transaction: a malformed file, a dangling reference or a cancel writes nothing at all.
    """
    try:
        handle = path.open("r", encoding="utf-8-sig")
    except OSError as exc:
        raise ExchangeIOError(str(path), "read", exc.strerror or str(exc)) from None
    with handle, uow:
        require_every_facility(uow, Permission.IMPORT_REGISTERS, entity="import")
        importer = _Importer(uow, str(path), progress)
        report = importer.run(read_export(handle, str(path)))
        uow.commit()
    return report


@dataclass
class _Notes:
    """Notes of one kind: all counted, the first REPORT_LIMIT kept."""

    count: int = 0
    kept: list[RecordNote] = field(default_factory=list)

    def add(self, note: RecordNote) -> None:
        self.count += 1
        if len(self.kept) < REPORT_LIMIT:
            self.kept.append(note)


class _Importer:
    """One import's state. Memory holds a batch of records, not the file.

    What it keeps across batches is small: the UUIDs of refused records, file UUIDs matched to
    database records by a natural key, and records waiting for a record of their own type that
    comes later in the file (a person marked as a possible duplicate of a later one).
    """

    def __init__(self, uow: UnitOfWork, path: str, progress: Progress | None) -> None:
        self.uow = uow
        self.path = path
        self.progress = progress
        self.added = {rt.name: 0 for rt in RECORD_TYPES}
        self.read = {rt.name: 0 for rt in RECORD_TYPES}
        self.skipped = 0
        self.differing = _Notes()
        self.refused = _Notes()
        self.matched = _Notes()
        self.refused_uuids: dict[str, str] = {}
        self.aliases: dict[str, dict[str, int]] = {rt.name: {} for rt in RECORD_TYPES}
        self.waiting: dict[str, list[Incoming]] = {}
        self.total: int | None = None
        self.counts: dict[str, int] | None = None
        self.seen_types: set[str] = set()
        self.audit_note = {"file": os.path.basename(path)}

    def run(self, events: Iterator[ReadEvent]) -> ImportReport:
        header_fields: dict[str, Any] = {}
        section: RecordType | None = None
        order = -1
        batch: list[Incoming] = []
        for event in events:
            if isinstance(event, RawRecord):
                assert section is not None
                self.read[section.name] += 1
                batch.append(decode_record(section, event.raw, index=event.index, line=event.line,
                                           path=self.path))
                if len(batch) >= section.batch:
                    # Records released from waiting go round again with the next batch.
                    batch = self._process(section, batch)
            elif isinstance(event, SectionStart):
                if section is not None:
                    self._finish(section, batch)
                    batch = []
                section, order = self._next_section(event, order)
            elif isinstance(event, HeaderRead):
                header_fields = event.fields
                self.counts = parse_header(self.path, header_fields).counts
                self.total = sum(self.counts.values()) if self.counts is not None else None
            elif isinstance(event, TrailerRead):
                if section is not None:
                    self._finish(section, batch)
                header_fields = {**header_fields, **event.fields}
        header = parse_header(self.path, header_fields)
        self._check_counts(header)
        self.uow.audit("import", "database", None, None, {
            **self.audit_note, "format_version": header.format_version,
            "source_database_uuid": header.source_database_uuid,
            "exported_at": header.exported_at.isoformat() if header.exported_at else None,
            "added": {k: v for k, v in self.added.items() if v}, "skipped": self.skipped,
            "differing": self.differing.count, "refused": self.refused.count})
        return ImportReport(
            path=self.path, header=header,
            added=tuple((k, v) for k, v in self.added.items() if v), skipped=self.skipped,
            differing_count=self.differing.count, refused_count=self.refused.count,
            matched_count=self.matched.count, differing=tuple(self.differing.kept),
            refused=tuple(self.refused.kept), matched=tuple(self.matched.kept))

    def _next_section(self, event: SectionStart, order: int) -> tuple[RecordType, int]:
        rt = RECORD_TYPE_BY_NAME.get(event.type_name)
        if rt is None:
            raise ExchangeContentError(self.path, "records", event.line, "(record type)",
                                       event.type_name, "one of " + ", ".join(RECORD_TYPE_BY_NAME))
        position = RECORD_TYPES.index(rt)
        # With counts, a type listed too early shows before any reference to a later one does.
        skipped = [t.name for t in RECORD_TYPES[order + 1:position] if (self.counts or {}).get(t.name)]
        if position <= order or skipped:
            raise ExchangeContentError(
                self.path, "records", event.line, "(record type)", event.type_name, ORDER_EXPECTED)
        self.seen_types.add(rt.name)
        return rt, position

    def _check_counts(self, header: ExportHeader) -> None:
        if header.counts is None:
            return
        for name, claimed in header.counts.items():
            if claimed != self.read[name]:
                raise ExchangeContentError(
                    self.path, "counts", None, name, claimed,
                    f"{self.read[name]}, the number of {name} records in the file "
                    "(is the file incomplete, or edited?)")

    def _finish(self, rt: RecordType, batch: list[Incoming]) -> None:
        """Process the rest of a section, then the records still waiting for one of their own type."""
        queue = batch
        while queue:
            queue = self._process(rt, queue[:rt.batch]) + queue[rt.batch:]
        if self.waiting:
            target, records = next(iter(self.waiting.items()))
            record = records[0]
            spec = next(s for s in rt.refs if record.values.get(s.name) == target)
            in_cycle = any(r.uuid == target for rs in self.waiting.values() for r in rs)
            raise ExchangeContentError(
                self.path, record.place, record.line, spec.key, target,
                f"a {spec.ref} record " + ("that does not in turn refer back to this one "
                                           "(the references form a cycle)" if in_cycle else
                                           "in the file or in the database"))

    def _process(self, rt: RecordType, batch: list[Incoming]) -> list[Incoming]:
        """Resolve, match and add one batch; returns records to process again.

        Those are records released from waiting (the record they refer to is now settled) and a
        second record with the same UUID or natural key as one added in this batch.
        """
        existing = {e.uuid: e for e in _lookup(self.uow, rt.cls).find_in("uuid", [r.uuid for r in batch])}
        resolved = self._resolve_references(rt, batch)
        again: list[Incoming] = []
        settled: list[str] = []
        ready: list[tuple[Incoming, Entity]] = []
        for record in batch:
            outcome = self._entity(rt, record, resolved)
            if outcome is not None:
                ready.append((record, outcome))
            elif record.uuid in self.refused_uuids:
                settled.append(record.uuid)
        by_key = self._by_natural_key(rt, [e for r, e in ready if r.uuid not in existing])
        inserts: list[Entity] = []
        pending_keys: set[tuple[Any, ...]] = set()
        for record, entity in ready:
            key = (record.uuid, *(getattr(entity, n) for n in rt.natural_key))
            natural = key[1:]
            if record.uuid in existing:
                self._compare(rt, record, existing[record.uuid], entity)
            elif key[:1] in pending_keys or (natural and natural in pending_keys):
                # The same record twice in one batch: decide once the first one is in.
                again.append(record)
                continue
            elif natural and natural in by_key:
                self._key_match(rt, record, by_key[natural], entity)
            else:
                inserts.append(entity)
                pending_keys.update((key[:1], natural) if natural else (key[:1],))
            settled.append(record.uuid)
        self._insert(rt, inserts)
        for uuid in settled:
            again.extend(self.waiting.pop(uuid, ()))
        if self.progress is not None:
            self.progress(sum(self.read.values()), self.total)
        return again

    def _resolve_references(self, rt: RecordType, batch: list[Incoming]) -> dict[str, dict[str, int]]:
        wanted: dict[str, set[str]] = {}
        for record in batch:
            for spec in rt.refs:
                target = record.values.get(spec.name)
                assert spec.ref is not None
                if target is not None and target not in self.refused_uuids \
                        and target not in self.aliases[spec.ref]:
                    wanted.setdefault(spec.ref, set()).add(target)
        return {name: _lookup(self.uow, RECORD_TYPE_BY_NAME[name].cls).ids_for_uuids(uuids)
                for name, uuids in wanted.items()}

    def _entity(self, rt: RecordType, record: Incoming,
                resolved: dict[str, dict[str, int]]) -> Entity | None:
        """The domain entity for a record, or None when it is refused or must wait."""
        values = dict(record.values)
        for spec in rt.refs:
            target = values.get(spec.name)
            if target is None:
                continue
            assert spec.ref is not None
            if target in self.refused_uuids:
                self._refuse(rt, record, "refers_to_refused", f"{self.refused_uuids[target]} {target}")
                return None
            key = self.aliases[spec.ref].get(target) or resolved.get(spec.ref, {}).get(target)
            if key is not None:
                values[spec.name] = key
            elif spec.ref == rt.name:
                self.waiting.setdefault(target, []).append(record)
                return None
            else:
                expected = (f"the uuid of a {spec.ref} record in the file (listed before this one) "
                            "or in the database")
                if spec.ref not in self.seen_types:
                    expected += f"; no {spec.ref} records come before this one: " + ORDER_EXPECTED
                raise ExchangeContentError(self.path, record.place, record.line, spec.key, target,
                                           expected)
        try:
            return rt.cls(**values)
        except ValidationError as error:
            key_of = {s.name: s.key for s in rt.fields}
            raise ExchangeContentError(self.path, record.place, record.line,
                                       key_of.get(error.field, error.field), error.value,
                                       error.expected) from None

    def _by_natural_key(self, rt: RecordType, new: list[Entity]) -> dict[tuple[Any, ...], Entity]:
        if not rt.natural_key or not new:
            return {}
        first = rt.natural_key[0]
        candidates = _lookup(self.uow, rt.cls).find_in(first, {getattr(e, first) for e in new})
        return {tuple(getattr(c, n) for n in rt.natural_key): c for c in candidates}

    def _label(self, rt: RecordType, entity: Entity | None, record: Incoming) -> str | None:
        if rt.label is None:
            return None
        value = getattr(entity, rt.label) if entity is not None else record.values.get(rt.label)
        return None if value is None else str(value)

    def _compare(self, rt: RecordType, record: Incoming, stored: Entity, incoming: Entity,
                 matched_by: tuple[str, ...] = ()) -> None:
        differ = tuple(spec.key for spec in rt.fields
                       if spec.name not in META_FIELDS
                       and getattr(stored, spec.name) != getattr(incoming, spec.name))
        if differ:
            self.differing.add(RecordNote(
                rt.name, record.uuid, self._label(rt, incoming, record), fields=differ,
                matched_uuid=stored.uuid if matched_by else None, matched_by=matched_by))
        else:
            self.skipped += 1

    def _key_match(self, rt: RecordType, record: Incoming, stored: Entity, incoming: Entity) -> None:
        keys = tuple(rt.field(n).key for n in rt.natural_key)
        if rt.on_key_match == "refuse":
            self._refuse(rt, record, f"{rt.natural_key[0]}_taken",
                         str(getattr(incoming, rt.natural_key[0])), matched=stored.uuid)
            return
        assert stored.id is not None
        self.aliases[rt.name][record.uuid] = stored.id
        self.matched.add(RecordNote(rt.name, record.uuid, self._label(rt, incoming, record),
                                    matched_uuid=stored.uuid, matched_by=keys))
        self._compare(rt, record, stored, incoming, matched_by=keys)

    def _refuse(self, rt: RecordType, record: Incoming, reason: str, detail: str,
                matched: str | None = None) -> None:
        self.refused_uuids[record.uuid] = rt.name
        self.refused.add(RecordNote(rt.name, record.uuid, self._label(rt, None, record),
                                    matched_uuid=matched, reason=reason, detail=detail))

    def _insert(self, rt: RecordType, entities: list[Entity]) -> None:
        if not entities:
            return
        self.uow.bulk_insert(entities)
        self.added[rt.name] += len(entities)
        for entity in entities:
            # One entry per added record: the audit log can be searched by the record's UUID.
            self.uow.audit("import", rt.name, entity.uuid, None, self.audit_note)
            if isinstance(entity, Custody) and entity.case_id is not None:
                self.uow.touch_case(entity.case_id)
