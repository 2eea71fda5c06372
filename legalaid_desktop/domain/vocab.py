"""Fixed vocabularies, with the lenient parsing that registers and forms need."""

from __future__ import annotations

from enum import StrEnum

from legalaid_desktop.domain.errors import ValidationError


class Sex(StrEnum):
    FEMALE = "female"
    MALE = "male"
    OTHER = "other"
    UNKNOWN = "unknown"

    @classmethod
    def parse(cls, raw: str | None, field: str = "sex") -> Sex:
        text = (raw or "").strip().casefold()
        if not text:
            return cls.UNKNOWN
        aliases = {
            "f": cls.FEMALE, "female": cls.FEMALE, "woman": cls.FEMALE, "w": cls.FEMALE,
            "m": cls.MALE, "male": cls.MALE, "man": cls.MALE,
            "x": cls.OTHER, "other": cls.OTHER,
            "u": cls.UNKNOWN, "unknown": cls.UNKNOWN,
        }
        try:
            return aliases[text]
        except KeyError:
            raise ValidationError(field, raw, "female, male, other or unknown (or F, M, X)") from None


class CustodyStatus(StrEnum):
    """Detailed custody status, enough to follow the SDG 16.3.2 definition."""

    UNTRIED = "untried"
    CONVICTED_AWAITING_SENTENCE = "convicted_awaiting_sentence"
    SENTENCED_APPEAL_PENDING = "sentenced_appeal_pending"
    SENTENCED = "sentenced"
    RELEASED = "released"

    @property
    def unsentenced(self) -> bool:
        """SDG 16.3.2: untried or awaiting a first-instance decision."""
        return self in (CustodyStatus.UNTRIED, CustodyStatus.CONVICTED_AWAITING_SENTENCE)

    @classmethod
    def parse(cls, raw: str | None, field: str = "custody_status") -> CustodyStatus:
        text = (raw or "").strip().casefold().replace(" ", "_").replace("-", "_")
        if not text:
            return cls.UNTRIED
        aliases = {"remand": cls.UNTRIED, "remanded": cls.UNTRIED, "awaiting_trial": cls.UNTRIED,
                   "pre_trial": cls.UNTRIED, "pretrial": cls.UNTRIED}
        if text in aliases:
            return aliases[text]
        try:
            return cls(text)
        except ValueError:
            raise ValidationError(field, raw, "one of " + ", ".join(m.value for m in cls)) from None


class AgeSource(StrEnum):
    """How an age or date of birth is known (custody-rules.md)."""

    DOCUMENT = "document"
    MEDICAL_ESTIMATE = "medical_estimate"
    DECLARATION = "declaration"
    UNKNOWN = "unknown"


class PriorityGroup(StrEnum):
    """UN Principle 10 priority groups."""

    WOMAN = "woman"
    CHILD = "child"
    OLDER_PERSON = "older_person"
    MINORITY = "minority"
    DISABILITY = "disability"
    MENTAL_ILLNESS = "mental_illness"
    HIV = "hiv"
    DRUG_USER = "drug_user"
    INDIGENOUS = "indigenous"
    STATELESS = "stateless"
    ASYLUM_SEEKER = "asylum_seeker"
    FOREIGN_NATIONAL = "foreign_national"
    MIGRANT = "migrant"
    REFUGEE = "refugee"
    INTERNALLY_DISPLACED = "internally_displaced"


class PartyRole(StrEnum):
    CLIENT = "client"
    CO_ACCUSED = "co_accused"
    VICTIM = "victim"
    WITNESS = "witness"
    COMPLAINANT = "complainant"
    FORMER_CLIENT = "former_client"


class EventType(StrEnum):
    """Custody events (DESIGN.md and custody-rules.md)."""

    ARREST = "arrest"
    POLICE_STATION_ARRIVAL = "police_station_arrival"
    ADMISSION = "admission"
    FIRST_APPEARANCE = "first_appearance"
    REMAND = "remand"
    REMAND_EXTENSION = "remand_extension"
    SUPERINTENDENT_EXTENSION = "superintendent_extension"
    WARRANT_OF_FURTHER_DETENTION = "warrant_of_further_detention"
    SENT_FOR_TRIAL = "sent_for_trial"
    CHARGE_SHEET_FILED = "charge_sheet_filed"
    CERTIFICATE = "certificate"
    DETENTION_REVIEW = "detention_review"
    TRIAL_STARTED = "trial_started"
    JUDGMENT = "judgment"
    BAIL = "bail"
    TRANSFER = "transfer"
    RELEASE = "release"
    EXCLUDED_INTERVAL = "excluded_interval"


class ReleaseReason(StrEnum):
    BAIL = "bail"
    ACQUITTAL = "acquittal"
    TIME_LIMIT = "time_limit"
    CHARGES_DROPPED = "charges_dropped"
    NON_CUSTODIAL_MEASURE = "non_custodial_measure"
    SENTENCE_SERVED = "sentence_served"
    TRANSFER_OUT = "transfer_out"
    OTHER = "other"


class FacilityKind(StrEnum):
    PRISON = "prison"
    POLICE_STATION = "police_station"
    REMAND_CENTRE = "remand_centre"
    CHILD_DETENTION = "child_detention"
    OTHER = "other"


class ProviderKind(StrEnum):
    LAWYER = "lawyer"
    PARALEGAL = "paralegal"
    LAW_STUDENT = "law_student"


class RequestSource(StrEnum):
    POLICE_STATION = "police_station"
    PRISON = "prison"
    COURT = "court"
    WALK_IN = "walk_in"
    REFERRAL = "referral"


class ProcedureStage(StrEnum):
    POLICE = "police"
    PRE_TRIAL = "pre_trial"
    TRIAL = "trial"
    SENTENCING = "sentencing"
    APPEAL = "appeal"


class MeansTestResult(StrEnum):
    PENDING = "pending"
    ELIGIBLE = "eligible"
    NOT_ELIGIBLE = "not_eligible"
    EXEMPT_CHILD = "exempt_child"
    NOT_APPLIED = "not_applied"


class InterestsOfJusticeGround(StrEnum):
    """UN Principle 3: aid regardless of means where justice requires it."""

    URGENCY = "urgency"
    COMPLEXITY = "complexity"
    SEVERITY_OF_PENALTY = "severity_of_penalty"
    VULNERABILITY = "vulnerability"
    OTHER = "other"


class Decision(StrEnum):
    PENDING = "pending"
    GRANTED = "granted"
    REFUSED = "refused"
    COURT_ORDERED = "court_ordered"
    WITHDRAWN = "withdrawn"


class AppealOutcome(StrEnum):
    PENDING = "pending"
    UPHELD = "upheld"
    DISMISSED = "dismissed"


class CaseStatus(StrEnum):
    OPEN = "open"
    CLOSED = "closed"


class CaseOutcome(StrEnum):
    BAIL = "bail"
    ACQUITTAL = "acquittal"
    CONVICTION = "conviction"
    TIME_LIMIT_RELEASE = "time_limit_release"
    CHARGES_DROPPED = "charges_dropped"
    NON_CUSTODIAL = "non_custodial"
    DIVERSION = "diversion"
    OTHER = "other"


class DeadlineStatus(StrEnum):
    OPEN = "open"
    MET = "met"
    BREACHED = "breached"
    OVERDUE = "overdue"
    NOT_APPLICABLE = "not_applicable"


class NoteKind(StrEnum):
    NOTE = "note"
    VISIT = "visit"
    CALL = "call"
    COURT_ATTENDANCE = "court_attendance"
    LETTER = "letter"
