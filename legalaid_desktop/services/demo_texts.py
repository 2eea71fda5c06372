"""Phrases for demo records: hearing outcomes, visit notes, eligibility reasons, admission details.

Placeholders in braces are filled by the generator: {facility}, {court}, {offence}, {relation},
{currency}, {income}, {threshold}, {days}, {locality}, {next}.
"""

from __future__ import annotations

ADJOURNMENTS = (
    "Adjourned: prosecution not ready",
    "Adjourned: investigating officer absent",
    "Adjourned: prosecution witnesses absent",
    "Adjourned: court did not sit (magistrate on leave)",
    "Adjourned: accused not produced from {facility}",
    "Adjourned: police file not before the court",
    "Further remand granted: investigations ongoing",
    "Further remand granted: awaiting forensic report",
    "Adjourned for mention: charge sheet to be amended",
    "Adjourned: interpreter not available",
    "Bail application refused; accused remanded in custody",
    "Bail application adjourned for the prosecution's reply",
    "Plea of not guilty entered; case fixed for hearing",
    "Hearing part-heard; one prosecution witness testified",
    "Adjourned: defence counsel absent",
    "Adjourned: file sent to the prosecutor for advice",
)

PURPOSES_PRE_TRIAL = ("mention", "mention", "mention", "plea", "bail application", "hearing", "hearing")
PURPOSE_BY_STAGE = {
    "police": "first appearance",
    "trial": "hearing",
    "sentencing": "sentencing",
    "appeal": "appeal hearing",
}

OUTCOME_CONVICTED = "Convicted on own plea of guilty; sentencing fixed"
OUTCOME_CONVICTED_TRIAL = "Convicted after full trial; pre-sentence report ordered"
OUTCOME_SENTENCED = "Sentenced to {months} months' imprisonment"
OUTCOME_BY_RELEASE = {
    "bail": "Released on bail with sureties; to report monthly",
    "acquittal": "Acquitted: prosecution failed to prove the case",
    "time_limit": "Released: custody time limit expired",
    "charges_dropped": "Charges withdrawn by the prosecution",
    "non_custodial_measure": "Discharged to a community service order",
    "sentence_served": "Released: sentence served",
    "transfer_out": "Transferred to another facility",
    "other": "Released on the court's order",
}

VISIT_NOTES = (
    "Visited client at {facility}. Took instructions; client denies the charge of {offence}.",
    "Visited client at {facility}. Client asks for bail; {relation} willing to stand surety.",
    "Legal visit at {facility}. Explained the next steps and the date of the next hearing.",
    "Visited client at {facility}. Client says he was held at the police station for days before court.",
    "Visited client at {facility}. Client complains of no medical care; raised with the officer in charge.",
    "Visit at {facility}: went through the charge sheet and the witness statements with the client.",
    "Visit at {facility}: client not produced in court on the last two dates; will write to the court.",
    "Visited client at {facility}. Collected contacts of two defence witnesses in {locality}.",
    "Visited client at {facility} with an interpreter. Client now understands the charge.",
    "Visit at {facility}: prepared bail application; affidavit signed.",
    "Screening visit at {facility}: client had no lawyer; legal aid form completed.",
    "Visit at {facility}: client worried about children left with {relation}; referred to social worker.",
)
CALL_NOTES = (
    "Called {relation} of the client about sureties for bail.",
    "Called the investigating officer for the police file; not yet ready.",
    "Called the court registry to confirm the next date.",
    "Called the prosecutor about disclosure of witness statements.",
    "Called the prison welfare officer about the client's medical appointment.",
)
COURT_NOTES = (
    "Attended {court}: matter adjourned; client remanded in custody.",
    "Attended {court}: argued bail; ruling reserved.",
    "Attended {court}: plea taken; client pleaded not guilty.",
    "Attended {court}: prosecution sought more time; objected to further remand.",
    "Attended {court}: cross-examined the complainant.",
)
LETTER_NOTES = (
    "Wrote to the officer in charge of {facility} asking that the client be produced in court.",
    "Wrote to the prosecutor asking for the charge to be reviewed.",
    "Wrote to the court asking for the case to be listed: client held {days} days without trial.",
)
SCREENING_NOTE = "Screened at {facility} by the paralegal desk; no lawyer yet. Awaiting allocation."
SCREENING_AUTHOR = "Paralegal desk"

GROUND_TEXTS = {
    "severity_of_penalty": (
        "Charged with {offence}, which carries {maximum}.",
        "Facing {offence}; a long prison term is likely on conviction.",
    ),
    "complexity": (
        "Several co-accused and conflicting statements; the client cannot defend alone.",
        "The prosecution relies on forensic and phone evidence.",
        "Identification evidence is disputed and needs cross-examination.",
    ),
    "urgency": (
        "Held at {facility}; bail application needed at the next mention.",
        "In custody for {days} days without trial.",
        "Not yet brought before a court after arrest.",
    ),
    "vulnerability": (
        "A child: needs a lawyer at every stage.",
        "Does not speak the language of the court.",
        "Has a mental illness; cannot follow the proceedings unaided.",
        "Cannot read or write.",
    ),
}
REFUSAL_REASONS = (
    "Household income of {currency} {income} a month is above the threshold of {currency} {threshold}; "
    "no interests-of-justice ground shown.",
    "Applicant's own income ({currency} {income} a month) is above the threshold ({currency} {threshold}) "
    "and the offence does not carry imprisonment likely to be imposed.",
    "Means above the threshold ({currency} {threshold}); applicant owns business premises. "
    "Advised to instruct a private advocate.",
)
WITHDRAWAL_REASON = "Applicant's family instructed a private lawyer."

INJURIES = (
    "Swelling over the left eye; says it happened during arrest.",
    "Bruises on both wrists from handcuffs.",
    "Healing cut on the forehead.",
    "Complains of pain in the ribs; limps.",
    "Visible bruising on the back.",
)
ILL_TREATMENT = (
    "Says he was beaten at the police station to make him confess.",
    "Says police officers demanded money for his release.",
    "Says he was held in a cell with no food for two days.",
)
PROPERTY = (
    "Mobile phone, wallet with {currency} {cash}, belt",
    "Mobile phone, {currency} {cash}",
    "National identity card, {currency} {cash}, shoelaces",
    "Wristwatch, {currency} {cash}",
    "Bag with clothes, mobile phone",
)

COMMITMENT_REMAND = "Remanded in custody by {court} pending trial for {offence}"
COMMITMENT_POLICE = "Arrested on suspicion of {offence}; held for inquiries"
COMMITMENT_SENTENCE = "Committed by {court} under sentence for {offence}"
POLICE_AUTHORITY = "Officer in charge, {facility}"

ASSIGNMENT_REASONS = ("Duty roster", "Covers {facility}", "Speaks the client's language",
                      "Capacity available", "Referred by the court")
END_REASONS = ("Provider left the clinic", "Conflict of interest found", "Client asked for another lawyer",
               "Provider on extended leave")
CASE_CLOSED = "Case closed"

SPECIALISMS = ("bail applications", "police station advice", "children", "women", "capital cases",
               "appeals", "sexual offences", "drug offences", "mental health", "refugees and migrants",
               "trial advocacy", "plea bargaining")
EXTRA_LANGUAGES = ("French", "Arabic", "Somali", "Swahili", "Portuguese", "Sign language")

DEPENDANT_WHEREABOUTS = (
    "With {relation} in {locality}",
    "With the client in {facility}",
    "In a children's home in {locality}",
    "With a neighbour in {locality}; not in school",
)
DEPENDANT_RELATIONS = ("Son", "Daughter")
CARERS = ("Grandmother", "Aunt", "Father", "Older sister", "Neighbour", "Children's home")

CASE_SUMMARIES = (
    "Alleged {offence} in {locality} on {date}.",
    "Alleged {offence} in {locality} on {date}, with two others.",
    "Alleged {offence} in {locality} on {date}; complainant is a neighbour.",
    "Alleged {offence} in {locality} on {date}; arrested at the scene.",
    "Alleged {offence} in {locality} on {date}; denies being present.",
)
