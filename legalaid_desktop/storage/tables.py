"""The schema as SQLAlchemy Core tables; Alembic autogenerates from this metadata.

Column names equal the domain attributes they hold, so mapping and bulk writes stay simple.
"""

from __future__ import annotations

from sqlalchemy import (
    Boolean,
    Column,
    Date,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
    text,
)

from legalaid_desktop.domain import vocab
from legalaid_desktop.domain.access import Role
from legalaid_desktop.storage.types import (
    GroundList,
    JSONDict,
    JSONList,
    UTCDateTime,
    enum_type,
)

NAMING_CONVENTION = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

metadata = MetaData(naming_convention=NAMING_CONVENTION)


def _record_columns() -> list[Column[object]]:
    """Key, UUID, timestamps and version: every record table has them (DESIGN.md)."""
    return [
        Column("id", Integer, primary_key=True),
        Column("uuid", String(36), nullable=False, unique=True),
        Column("created_at", UTCDateTime, nullable=False),
        Column("updated_at", UTCDateTime, nullable=False),
        Column("version", Integer, nullable=False, default=1),
    ]


def _ref(name: str, table: str, *, nullable: bool = True, index: bool = True,
         ondelete: str | None = None) -> Column[int]:
    return Column(name, Integer, ForeignKey(f"{table}.id", ondelete=ondelete),
                  nullable=nullable, index=index)


jurisdiction = Table(
    "jurisdiction", metadata, *_record_columns(),
    Column("code", String(12), nullable=False, unique=True),
    Column("name", String(200), nullable=False),
    Column("time_zone", String(64), nullable=False),
    Column("court_opens", String(5), nullable=False),
    Column("court_closes", String(5), nullable=False),
    Column("sitting_weekdays", String(20), nullable=False),
)

facility = Table(
    "facility", metadata, *_record_columns(),
    Column("name", String(200), nullable=False, unique=True),
    Column("kind", enum_type(vocab.FacilityKind), nullable=False),
    Column("jurisdiction_code", String(12), nullable=False, index=True),
    Column("region", String(200)),
    Column("time_zone", String(64)),
    Column("court_within_40km", Boolean, nullable=False),
)

court = Table(
    "court", metadata, *_record_columns(),
    Column("name", String(200), nullable=False, unique=True),
    Column("jurisdiction_code", String(12), nullable=False),
    Column("region", String(200)),
    Column("level", String(60)),
    Column("court_opens", String(5)),
    Column("court_closes", String(5)),
)

person = Table(
    "person", metadata, *_record_columns(),
    Column("full_name", String(200), nullable=False),
    Column("name_key", String(200), nullable=False),
    Column("other_names", String(300)),
    Column("sex", enum_type(vocab.Sex), nullable=False),
    Column("gender_identity", String(100)),
    Column("date_of_birth", Date),
    Column("age_estimate", Integer),
    Column("age_estimate_on", Date),
    Column("age_source", enum_type(vocab.AgeSource), nullable=False),
    Column("age_disputed", Boolean, nullable=False),
    Column("nationality", String(100)),
    Column("languages", String(200)),
    Column("identity_number", String(100), index=True),
    Column("priority_groups", JSONList, nullable=False),
    Column("phone", String(100)),
    Column("address", Text),
    Column("emergency_contact", Text),
    _ref("possible_duplicate_of", "person", index=False),
    Column("notes", Text),
    # Set when the person was merged into another (migration 0006): lists and searches leave them out.
    _ref("merged_into_id", "person", index=False),
    Index(None, "name_key", "date_of_birth"),
    # The People list by name, and its possible duplicates, among the people not merged away: partial
    # indexes, so SQLite neither looks each row up to check the mark nor sorts (0006). A plain index
    # on the mark made it choose that index and sort: page 1 0.1 -> 26 ms, offset 50,000 9 -> 108 ms.
    Index("ix_person_standing_name", "name_key", "id", sqlite_where=text("merged_into_id IS NULL"),
          postgresql_where=text("merged_into_id IS NULL")),
    Index("ix_person_flagged_name", "name_key", "id",
          sqlite_where=text("possible_duplicate_of IS NOT NULL AND merged_into_id IS NULL"),
          postgresql_where=text("possible_duplicate_of IS NOT NULL AND merged_into_id IS NULL")),
)

# A merge of two records of one person: what it moved, so that it can be undone exactly (0006).
person_merge = Table(
    "person_merge", metadata, *_record_columns(),
    _ref("kept_person_id", "person", nullable=False),
    _ref("merged_person_id", "person", nullable=False),
    Column("actor", String(200), nullable=False),
    Column("merged_at", UTCDateTime, nullable=False),
    Column("moved", JSONDict, nullable=False),
    Column("undone_at", UTCDateTime),
)

dependant = Table(
    "dependant", metadata, *_record_columns(),
    _ref("person_id", "person", nullable=False, ondelete="CASCADE"),
    Column("name", String(200), nullable=False),
    Column("date_of_birth", Date),
    Column("age", Integer),
    Column("relationship", String(100)),
    Column("whereabouts", Text),
    Column("carer", String(200)),
)

legal_case = Table(
    "legal_case", metadata, *_record_columns(),
    Column("case_ref", String(30), nullable=False, unique=True),
    _ref("client_person_id", "person", nullable=False),
    Column("status", enum_type(vocab.CaseStatus), nullable=False),
    Column("stage", enum_type(vocab.ProcedureStage), nullable=False),
    _ref("court_id", "court"),
    Column("court_case_number", String(100), index=True),
    Column("police_case_number", String(100)),
    Column("offence_date", Date),
    Column("opened_on", Date, nullable=False),
    Column("closed_on", Date),
    Column("outcome", enum_type(vocab.CaseOutcome)),
    Column("summary", Text),
)

legal_aid_request = Table(
    "legal_aid_request", metadata, *_record_columns(),
    _ref("person_id", "person", nullable=False),
    Column("received_at", UTCDateTime, nullable=False),
    Column("source", enum_type(vocab.RequestSource), nullable=False),
    _ref("facility_id", "facility"),
    Column("stage", enum_type(vocab.ProcedureStage), nullable=False),
    Column("urgent", Boolean, nullable=False),
    Column("applicant_income", Integer),
    Column("household_income", Integer),
    Column("household_size", Integer),
    Column("household_in_conflict", Boolean, nullable=False),
    Column("means_threshold", Integer),
    Column("means_result", enum_type(vocab.MeansTestResult), nullable=False),
    Column("grounds", GroundList, nullable=False),
    Column("preliminary_aid", Boolean, nullable=False),
    Column("child_exemption", Boolean, nullable=False),
    Column("decision", enum_type(vocab.Decision), nullable=False, index=True),
    Column("decided_on", Date),
    Column("decision_reasons", Text),
    Column("appeal_lodged_on", Date),
    Column("appeal_outcome", enum_type(vocab.AppealOutcome)),
    _ref("case_id", "legal_case"),
    Column("is_draft", Boolean, nullable=False),
    # The Requests screen: newest first, or one decision's newest first, drafts apart (migration 0005).
    Index(None, "is_draft", "received_at", "id"),
    Index(None, "is_draft", "decision", "received_at", "id"),
)

party = Table(
    "party", metadata, *_record_columns(),
    _ref("case_id", "legal_case", nullable=False, ondelete="CASCADE"),
    _ref("person_id", "person", nullable=False),
    Column("role", enum_type(vocab.PartyRole), nullable=False),
    UniqueConstraint("case_id", "person_id", "role"),
)

charge = Table(
    "charge", metadata, *_record_columns(),
    _ref("case_id", "legal_case", nullable=False, ondelete="CASCADE"),
    Column("offence", String(300), nullable=False),
    Column("offence_class", String(40), nullable=False),
    Column("statute", String(300)),
    Column("max_sentence_months", Integer),
    Column("max_sentence_life", Boolean, nullable=False),
    Column("capital", Boolean, nullable=False),
    Column("first_offender", Boolean, nullable=False),
)

hearing = Table(
    "hearing", metadata, *_record_columns(),
    _ref("case_id", "legal_case", nullable=False, ondelete="CASCADE"),
    _ref("court_id", "court", index=False),
    Column("scheduled_at", UTCDateTime, nullable=False, index=True),
    Column("purpose", String(200)),
    Column("outcome", Text),
    Column("next_date", Date),
)

note = Table(
    "note", metadata, *_record_columns(),
    _ref("case_id", "legal_case", nullable=False, ondelete="CASCADE"),
    Column("kind", enum_type(vocab.NoteKind), nullable=False),
    Column("at", UTCDateTime, nullable=False),
    Column("author", String(200), nullable=False),
    Column("text", Text, nullable=False),
    Column("minutes_spent", Integer),
)

document = Table(
    "document", metadata, *_record_columns(),
    _ref("case_id", "legal_case", nullable=False, ondelete="CASCADE"),
    Column("title", String(300), nullable=False),
    Column("filename", String(300), nullable=False),
    Column("media_type", String(100), nullable=False),
    Column("content", LargeBinary, nullable=False),
)

custody = Table(
    "custody", metadata, *_record_columns(),
    _ref("person_id", "person", nullable=False),
    _ref("case_id", "legal_case"),
    _ref("facility_id", "facility", nullable=False, index=False),
    Column("register_number", String(60)),
    Column("status", enum_type(vocab.CustodyStatus), nullable=False),
    Column("arrest_at", UTCDateTime),
    Column("arrest_place", String(200)),
    Column("admission_at", UTCDateTime),
    Column("released_at", UTCDateTime),
    Column("release_reason", enum_type(vocab.ReleaseReason)),
    Column("commitment_reason", Text),
    Column("committing_authority", String(200)),
    Column("injuries_observed", Text),
    Column("ill_treatment_complaint", Text),
    Column("property_held", Text),
    Column("time_zone", String(64)),
    Index(None, "facility_id", "register_number"),
)

custody_event = Table(
    "custody_event", metadata, *_record_columns(),
    _ref("custody_id", "custody", nullable=False, ondelete="CASCADE"),
    Column("type", enum_type(vocab.EventType), nullable=False),
    Column("at", UTCDateTime, nullable=False),
    Column("days", Integer),
    Column("until", UTCDateTime),
    _ref("court_id", "court", index=False),
    Column("notes", Text),
)

deadline = Table(
    "deadline", metadata, *_record_columns(),
    _ref("custody_id", "custody", nullable=False, ondelete="CASCADE"),
    Column("kind", String(40), nullable=False),
    Column("rule_id", String(80)),
    Column("layer", String(20), nullable=False),
    Column("due", UTCDateTime, nullable=False),
    Column("due_date", Date, nullable=False),
    Column("status", enum_type(vocab.DeadlineStatus), nullable=False),
    Column("met_at", UTCDateTime),
    Column("citation", Text),
    Column("verification", String(20)),
    Column("explanation", Text),
    Column("manual", Boolean, nullable=False),
    Column("title", String(300)),
    Index(None, "status", "due"),
)

# Computed deadlines: derived from the events, the person, the charges, the rule files and the
# calendar, rewritten for a spell whenever one of those changes. Derived data, like case_list, so no
# UUID or version: an exchange between offices recomputes them. Manual deadlines live in `deadline`.
custody_deadline = Table(
    "custody_deadline", metadata,
    Column("id", Integer, primary_key=True),
    Column("custody_id", Integer, ForeignKey("custody.id", ondelete="CASCADE"), nullable=False,
           index=True),
    Column("facility_id", Integer, nullable=False),
    Column("kind", String(40), nullable=False),
    Column("rule_id", String(80), nullable=False),
    Column("layer", String(20), nullable=False),
    Column("due", UTCDateTime, nullable=False),
    Column("due_date", Date, nullable=False),
    Column("warn_from", UTCDateTime, nullable=False),
    Column("status", String(20), nullable=False),
    Column("met_at", UTCDateTime),
    # "Who is overdue" and "due soon" are range scans on these, overall or at one facility.
    Index(None, "layer", "status", "due"),
    Index(None, "facility_id", "layer", "status", "due"),
)

# Days the office knows a court will not sit (strikes, local holidays the package lacks).
court_closure = Table(
    "court_closure", metadata, *_record_columns(),
    Column("jurisdiction_code", String(12), nullable=False),
    Column("day", Date, nullable=False),
    Column("reason", String(300), nullable=False),
    UniqueConstraint("jurisdiction_code", "day"),
)

provider = Table(
    "provider", metadata, *_record_columns(),
    Column("full_name", String(200), nullable=False),
    Column("kind", enum_type(vocab.ProviderKind), nullable=False),
    Column("languages", String(200)),
    Column("specialisms", String(300)),
    Column("capacity", Integer, nullable=False),
    _ref("supervisor_id", "provider", index=False),
    Column("accreditation", String(200)),
    Column("phone", String(100)),
    Column("email", String(200)),
    Column("active", Boolean, nullable=False),
    Column("unavailable_from", Date),
    Column("unavailable_until", Date),
    # Derived, not mapped: the provider's assignments not ended on open cases (the Providers list's
    # load), rewritten in the transaction of every change that moves it (storage.provider_load;
    # migration 0008 fills it). Counted per row, a page at 100,000 cases cost 0.3 s.
    Column("active_cases", Integer, nullable=False, server_default="0"),
)
# The Providers list sorted by load (over or under capacity), in either direction.
Index("ix_provider_load_order", provider.c.active_cases - provider.c.capacity, provider.c.full_name,
      provider.c.id)

provider_coverage = Table(
    "provider_coverage", metadata, *_record_columns(),
    _ref("provider_id", "provider", nullable=False, ondelete="CASCADE"),
    _ref("facility_id", "facility"),
    _ref("court_id", "court"),
)

assignment = Table(
    "assignment", metadata, *_record_columns(),
    _ref("case_id", "legal_case", nullable=False, ondelete="CASCADE"),
    _ref("provider_id", "provider", nullable=False),
    Column("role", String(40), nullable=False),
    Column("started_at", UTCDateTime, nullable=False),
    Column("ended_at", UTCDateTime),
    Column("reason", Text),
    Column("end_reason", Text),
)

setting = Table(
    "setting", metadata, *_record_columns(),
    Column("key", String(100), nullable=False),
    Column("value", Text, nullable=False),
    Column("effective_from", Date, nullable=False),
    Column("jurisdiction_code", String(12)),
    Column("notes", Text),
    UniqueConstraint("key", "effective_from", "jurisdiction_code"),
)

audit_entry = Table(
    "audit_entry", metadata,
    Column("id", Integer, primary_key=True),
    Column("at", UTCDateTime, nullable=False),
    Column("actor", String(200), nullable=False),
    Column("machine", String(200), nullable=False),
    Column("action", String(40), nullable=False),
    Column("entity", String(40), nullable=False),
    Column("entity_uuid", String(36), index=True),
    Column("before", JSONDict),
    Column("after", JSONDict),
    Column("prev_hash", String(64), nullable=False),
    Column("entry_hash", String(64), nullable=False),
    # The audit viewer pages back by key within one user, one action or a period (migration 0005).
    Index(None, "actor", "id"),
    Index(None, "action", "id"),
    Index(None, "at"),
)

# Read model: one row per case for list screens and search, kept current by storage on commit.
case_list = Table(
    "case_list", metadata,
    Column("case_id", Integer, ForeignKey("legal_case.id", ondelete="CASCADE"), primary_key=True),
    Column("case_ref", String(30), nullable=False),
    Column("person_id", Integer, nullable=False),
    Column("full_name", String(200), nullable=False),
    Column("sort_name", String(200), nullable=False),
    Column("sex", String(10), nullable=False),
    Column("date_of_birth", Date),
    Column("custody_id", Integer),
    Column("facility_id", Integer),
    Column("facility_name", String(200)),
    Column("register_number", String(60)),
    Column("custody_status", String(40)),
    Column("custody_start", UTCDateTime),
    Column("released_at", UTCDateTime),
    Column("time_zone", String(64)),
    # The spell's earliest open deadline (national law or manual) and the provider of the newest
    # assignment not ended: kept here to sort by (migration 0007), rewritten with the row.
    Column("next_due", UTCDateTime),
    Column("lawyer", String(200)),
    # One index per sortable column, ending in the key so pages are stable.
    Index(None, "sort_name", "case_id"),
    Index(None, "facility_name", "sort_name", "case_id"),
    Index(None, "custody_status", "sort_name", "case_id"),
    Index(None, "custody_start", "case_id"),
    Index(None, "case_ref"),
    Index(None, "register_number", "case_id"),
    Index(None, "date_of_birth", "case_id"),
)
# Sorted by these, rows without a value come last in either direction (`x IS NULL` first): an index
# in each direction serves the list's ORDER BY exactly.
for _column in (case_list.c.next_due, case_list.c.lawyer):
    Index(f"ix_case_list_{_column.name}_order", _column.is_(None), _column, case_list.c.case_id)
    Index(f"ix_case_list_{_column.name}_order_desc", _column.is_(None), _column.desc(),
          case_list.c.case_id.desc())

# Each folded word of a person's full and other names (domain.folding.index_tokens), to search names
# by word prefix on every dialect; derived from person rows by storage like person_name_key.
person_word = Table(
    "person_word", metadata,
    Column("word", String(120), primary_key=True),
    Column("person_id", Integer, ForeignKey("person.id", ondelete="CASCADE"), primary_key=True),
    # A person's words by person: a search that keeps most people tests each row against these.
    Index(None, "person_id", "word"),
    sqlite_with_rowid=False,
)

# Name keys for the conflict check (services.name_match.name_keys of full and other names): derived
# from person rows by storage on every write, like case_list; a check reads candidates by key.
person_name_key = Table(
    "person_name_key", metadata,
    Column("key", String(120), primary_key=True),
    Column("person_id", Integer, ForeignKey("person.id", ondelete="CASCADE"), primary_key=True,
           index=True),
    # The key index is the table: no rowid B-tree beside it (six rows a person, read by key only).
    sqlite_with_rowid=False,
)

conflict_waiver = Table(
    "conflict_waiver", metadata, *_record_columns(),
    _ref("case_id", "legal_case", nullable=False, ondelete="CASCADE"),
    _ref("provider_id", "provider", nullable=False),
    Column("reason", Text, nullable=False),
    Column("coordinator", String(200), nullable=False),
    Column("waived_at", UTCDateTime, nullable=False),
    Column("conflicts", Text),
)

# Accounts that sign in. `name_key` (domain.access.name_key) makes names unique whatever their case
# and spacing on every dialect; `password_hash` is an Argon2 hash, never a password.
user_account = Table(
    "user_account", metadata, *_record_columns(),
    Column("name", String(100), nullable=False),
    Column("name_key", String(100), nullable=False, unique=True),
    Column("role", enum_type(Role), nullable=False),
    Column("password_hash", String(200), nullable=False),
    Column("disabled", Boolean, nullable=False),
    Column("failed_sign_ins", Integer, nullable=False),
    Column("locked_until", UTCDateTime),
    Column("last_sign_in_at", UTCDateTime),
)

# The facilities an account is limited to (none: every facility).
user_facility = Table(
    "user_facility", metadata,
    Column("user_id", Integer, ForeignKey("user_account.id", ondelete="CASCADE"), primary_key=True),
    Column("facility_id", Integer, ForeignKey("facility.id", ondelete="CASCADE"), primary_key=True,
           index=True),
)

meta_info = Table(
    "meta_info", metadata,
    Column("key", String(60), primary_key=True),
    Column("value", Text, nullable=False),
)
