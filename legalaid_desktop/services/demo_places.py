"""Where demo cases happen: jurisdiction profiles, 50 facilities, courts and localities.

Facility and court names follow real institutions so the demo reads like a real caseload; every
person, number and event in the demo is invented. Means-test thresholds, phone and identity
number shapes are plausible, not authoritative.
"""

from __future__ import annotations

from dataclasses import dataclass

from legalaid_desktop.domain.vocab import FacilityKind

# (culture, weight, nationalities to pick from for people of that culture)
CultureMix = tuple[tuple[str, float, tuple[str, ...]], ...]

REFUGEE_NATIONALITIES = frozenset({
    "Somali", "South Sudanese", "Sudanese", "Congolese (DRC)", "Burundian", "Syrian", "Eritrean",
    "Iraqi", "Rwandan",
})


@dataclass(frozen=True)
class JurisdictionProfile:
    """What demo people, providers and money look like in one jurisdiction.

    Templates: `#` is a digit, `A` a capital letter, `X` a letter or digit.
    """

    code: str
    demonym: str
    currency: str
    means_threshold: int
    median_income: int
    cultures: CultureMix
    lingua_franca: tuple[str, ...]
    phone: str
    identity: str
    remand_days: int
    bar: str
    paralegal_body: str
    universities: tuple[str, ...]


PROFILES: dict[str, JurisdictionProfile] = {p.code: p for p in (
    JurisdictionProfile(
        code="KE", demonym="Kenyan", currency="KES", means_threshold=20_000, median_income=12_000,
        cultures=(("kikuyu", 22, ("Kenyan",)), ("luo", 17, ("Kenyan",)), ("luhya", 16, ("Kenyan",)),
                  ("kalenjin", 11, ("Kenyan",)), ("kamba", 11, ("Kenyan",)),
                  ("swahili", 5, ("Kenyan", "Kenyan", "Tanzanian")),
                  ("somali", 7, ("Kenyan", "Kenyan", "Somali")),
                  ("arabic", 5, ("South Sudanese", "Sudanese", "Somali")),
                  ("ganda", 2, ("Ugandan",)), ("french", 3, ("Congolese (DRC)", "Burundian", "Rwandan")),
                  ("english", 0.5, ("British",))),
        lingua_franca=("Swahili", "English"), phone="+254 7## ### ###", identity="########",
        remand_days=14, bar="Advocate of the High Court of Kenya, LSK No. P.105/####/##",
        paralegal_body="Certified paralegal, Kituo cha Sheria",
        universities=("University of Nairobi", "Kenyatta University", "Moi University",
                      "Strathmore University")),
    JurisdictionProfile(
        code="UG", demonym="Ugandan", currency="UGX", means_threshold=400_000, median_income=250_000,
        cultures=(("ganda", 45, ("Ugandan",)), ("nkole", 18, ("Ugandan",)), ("acholi", 15, ("Ugandan",)),
                  ("arabic", 5, ("South Sudanese", "South Sudanese", "Sudanese")),
                  ("french", 8, ("Congolese (DRC)", "Rwandan", "Burundian")),
                  ("luo", 2, ("Kenyan",)), ("kikuyu", 1, ("Kenyan",)), ("somali", 2, ("Somali",))),
        lingua_franca=("English", "Luganda", "Swahili"), phone="+256 7## ### ###",
        identity="CMXXXXXXXXXXXX", remand_days=14,
        bar="Advocate of the High Court of Uganda, ULS No. ####",
        paralegal_body="Certified paralegal, Legal Aid Service Providers Network",
        universities=("Makerere University", "Uganda Christian University",
                      "Kampala International University")),
    JurisdictionProfile(
        code="MW", demonym="Malawian", currency="MWK", means_threshold=120_000, median_income=70_000,
        cultures=(("chewa", 94, ("Malawian",)), ("french", 3, ("Burundian", "Congolese (DRC)", "Rwandan")),
                  ("somali", 2, ("Somali",)), ("shona", 1, ("Zimbabwean",))),
        lingua_franca=("Chichewa", "English"), phone="+265 99# ### ###", identity="AXXXXXXX",
        remand_days=14, bar="Legal practitioner, Malawi Law Society No. ###",
        paralegal_body="Paralegal, Paralegal Advisory Service Institute",
        universities=("University of Malawi", "Catholic University of Malawi")),
    JurisdictionProfile(
        code="NG", demonym="Nigerian", currency="NGN", means_threshold=70_000, median_income=50_000,
        cultures=(("yoruba", 33, ("Nigerian",)), ("igbo", 30, ("Nigerian",)), ("hausa", 30, ("Nigerian",)),
                  ("arabic", 3, ("Chadian", "Nigerien", "Nigerian")),
                  ("french", 3, ("Beninese", "Cameroonian", "Togolese"))),
        lingua_franca=("English", "Nigerian Pidgin"), phone="+234 80# ### ####", identity="###########",
        remand_days=14, bar="Barrister and Solicitor of the Supreme Court of Nigeria, SCN0#####",
        paralegal_body="Paralegal, Legal Aid Council of Nigeria",
        universities=("University of Lagos", "Ahmadu Bello University", "University of Nigeria, Nsukka")),
    JurisdictionProfile(
        code="ZA", demonym="South African", currency="ZAR", means_threshold=8_000, median_income=5_000,
        cultures=(("zulu", 30, ("South African",)), ("xhosa", 18, ("South African",)),
                  ("sotho", 25, ("South African",)), ("afrikaans", 12, ("South African",)),
                  ("shona", 6, ("Zimbabwean",)), ("chewa", 3, ("Malawian",)),
                  ("french", 3, ("Congolese (DRC)",)), ("somali", 2, ("Somali",)),
                  ("arabic", 2, ("Egyptian", "Sudanese"))),
        lingua_franca=("English",), phone="+27 8# ### ####", identity="ZA-ID", remand_days=14,
        bar="Attorney, Legal Practice Council No. ######",
        paralegal_body="Paralegal, Legal Aid South Africa",
        universities=("University of the Witwatersrand", "University of Cape Town",
                      "University of KwaZulu-Natal")),
    JurisdictionProfile(
        code="IN", demonym="Indian", currency="INR", means_threshold=25_000, median_income=12_000,
        cultures=(("hindi", 70, ("Indian",)), ("indian_muslim", 20, ("Indian",)),
                  ("bengali", 3, ("Indian",)), ("bengali_muslim", 2, ("Indian", "Bangladeshi")),
                  ("marathi", 3, ("Indian",)),
                  ("tamil", 2, ("Indian",))),
        lingua_franca=("Hindi",), phone="+91 9#### #####", identity="#### #### ####", remand_days=14,
        bar="Advocate, Bar Council enrolment No. D/####/20##",
        paralegal_body="Para-legal volunteer, District Legal Services Authority",
        universities=("Faculty of Law, University of Delhi", "ILS Law College, Pune",
                      "Tamil Nadu Dr. Ambedkar Law University")),
    JurisdictionProfile(
        code="GB-EAW", demonym="British", currency="GBP", means_threshold=1_040, median_income=800,
        cultures=(("english", 62, ("British",)), ("polish", 4, ("Polish",)),
                  ("romanian", 4, ("Romanian",)),
                  ("indian_muslim", 8, ("British", "British", "Pakistani")),
                  ("yoruba", 4, ("British", "Nigerian")), ("igbo", 3, ("British", "Nigerian")),
                  ("somali", 4, ("British", "Somali")),
                  ("arabic", 6, ("British", "Sudanese", "Syrian", "Iraqi", "Egyptian")),
                  ("french", 3, ("French", "Congolese (DRC)")), ("hindi", 2, ("British", "Indian"))),
        lingua_franca=("English",), phone="+44 7### ######", identity="##/######A", remand_days=8,
        bar="Solicitor, SRA ID ######; duty solicitor",
        paralegal_body="Accredited police station representative",
        universities=("King's College London", "University of Manchester", "BPP University")),
    JurisdictionProfile(
        code="PH", demonym="Filipino", currency="PHP", means_threshold=14_000, median_income=9_000,
        cultures=(("filipino", 96, ("Filipino",)), ("moro", 4, ("Filipino",))),
        lingua_franca=("Filipino", "English"), phone="+63 9## ### ####", identity="####-####-####-####",
        remand_days=30, bar="Attorney, Roll of Attorneys No. #####",
        paralegal_body="Paralegal, Public Attorney's Office",
        universities=("University of the Philippines College of Law", "University of San Carlos",
                      "Ateneo de Davao University")),
    JurisdictionProfile(
        code="TZ", demonym="Tanzanian", currency="TZS", means_threshold=300_000, median_income=180_000,
        cultures=(("swahili", 85, ("Tanzanian",)), ("french", 8, ("Burundian", "Congolese (DRC)")),
                  ("somali", 2, ("Somali",)), ("arabic", 4, ("Tanzanian", "Sudanese")),
                  ("kikuyu", 1, ("Kenyan",)), ("luo", 1, ("Kenyan",)), ("chewa", 1, ("Malawian",))),
        lingua_franca=("Swahili", "English"), phone="+255 7## ### ###",
        identity="19######-#####-#####-##", remand_days=14,
        bar="Advocate, Tanganyika Law Society Roll No. ####",
        paralegal_body="Paralegal, Legal Services Facility",
        universities=("University of Dar es Salaam", "Tumaini University Makumira")),
)}

JURISDICTIONS = tuple(PROFILES)


@dataclass(frozen=True)
class FacilitySpec:
    """A demo facility: where it is, how its register numbers look, its share of cases."""

    name: str
    kind: FacilityKind
    jurisdiction: str
    region: str
    city: str
    code: str
    style: str
    weight: float
    time_zone: str
    women_only: bool = False
    cultures: CultureMix = ()
    court_within_40km: bool = True


_KE, _UG, _MW = "Africa/Nairobi", "Africa/Kampala", "Africa/Blantyre"
_NG, _ZA, _IN = "Africa/Lagos", "Africa/Johannesburg", "Asia/Kolkata"
_GB, _PH, _TZ = "Europe/London", "Asia/Manila", "Africa/Dar_es_Salaam"
P, POL, RC, CH = (FacilityKind.PRISON, FacilityKind.POLICE_STATION, FacilityKind.REMAND_CENTRE,
                  FacilityKind.CHILD_DETENTION)

_MOMBASA: CultureMix = (("swahili", 35, ("Kenyan",)), ("somali", 8, ("Kenyan", "Somali")),
                        ("arabic", 4, ("Kenyan", "Somali", "Sudanese")), ("kamba", 12, ("Kenyan",)),
                        ("luo", 10, ("Kenyan",)), ("kikuyu", 10, ("Kenyan",)), ("luhya", 8, ("Kenyan",)),
                        ("kalenjin", 3, ("Kenyan",)), ("english", 1, ("British",)))
_KISUMU: CultureMix = (("luo", 60, ("Kenyan",)), ("luhya", 20, ("Kenyan",)), ("kikuyu", 8, ("Kenyan",)),
                       ("kalenjin", 5, ("Kenyan",)), ("ganda", 4, ("Ugandan",)), ("somali", 1, ("Kenyan",)))
_NAKURU: CultureMix = (("kalenjin", 35, ("Kenyan",)), ("kikuyu", 35, ("Kenyan",)), ("luo", 10, ("Kenyan",)),
                       ("luhya", 10, ("Kenyan",)), ("kamba", 5, ("Kenyan",)), ("somali", 2, ("Kenyan",)))
_GULU: CultureMix = (("acholi", 75, ("Ugandan",)), ("ganda", 8, ("Ugandan",)),
                     ("arabic", 10, ("South Sudanese",)), ("nkole", 4, ("Ugandan",)))
_MBARARA: CultureMix = (("nkole", 70, ("Ugandan",)), ("ganda", 15, ("Ugandan",)),
                        ("french", 10, ("Rwandan", "Congolese (DRC)")), ("acholi", 3, ("Ugandan",)))
_LAGOS: CultureMix = (("yoruba", 60, ("Nigerian",)), ("igbo", 25, ("Nigerian",)),
                      ("hausa", 10, ("Nigerian",)),
                      ("french", 4, ("Beninese", "Togolese")), ("arabic", 1, ("Nigerien",)))
_ABUJA: CultureMix = (("hausa", 40, ("Nigerian",)), ("igbo", 25, ("Nigerian",)),
                      ("yoruba", 25, ("Nigerian",)),
                      ("arabic", 3, ("Chadian", "Nigerien")), ("french", 3, ("Cameroonian",)))
_KANO: CultureMix = (("hausa", 88, ("Nigerian",)), ("igbo", 5, ("Nigerian",)), ("yoruba", 3, ("Nigerian",)),
                     ("arabic", 4, ("Nigerien", "Chadian")))
_RIVERS: CultureMix = (("igbo", 75, ("Nigerian",)), ("yoruba", 10, ("Nigerian",)),
                       ("hausa", 10, ("Nigerian",)),
                       ("french", 3, ("Cameroonian",)))
_CAPE: CultureMix = (("afrikaans", 55, ("South African",)), ("xhosa", 35, ("South African",)),
                     ("zulu", 2, ("South African",)), ("sotho", 2, ("South African",)),
                     ("french", 3, ("Congolese (DRC)",)), ("somali", 3, ("Somali",)))
_DURBAN: CultureMix = (("zulu", 85, ("South African",)), ("xhosa", 5, ("South African",)),
                       ("afrikaans", 3, ("South African",)), ("sotho", 2, ("South African",)),
                       ("shona", 3, ("Zimbabwean",)), ("french", 2, ("Congolese (DRC)",)))
_PUNE: CultureMix = (("marathi", 70, ("Indian",)), ("indian_muslim", 15, ("Indian",)),
                     ("hindi", 15, ("Indian",)))
_CHENNAI: CultureMix = (("tamil", 88, ("Indian",)), ("indian_muslim", 8, ("Indian",)),
                        ("hindi", 4, ("Indian",)))
_KOLKATA: CultureMix = (("bengali", 55, ("Indian",)),
                        ("bengali_muslim", 28, ("Indian", "Indian", "Indian", "Bangladeshi")),
                        ("hindi", 14, ("Indian",)), ("indian_muslim", 3, ("Indian",)))
_DAVAO: CultureMix = (("filipino", 70, ("Filipino",)), ("moro", 30, ("Filipino",)))

FACILITIES: tuple[FacilitySpec, ...] = (
    FacilitySpec("Kamiti Maximum Security Prison", P, "KE", "Nairobi", "Nairobi", "KAM", "slash", 6, _KE),
    FacilitySpec("Industrial Area Remand and Allocation Prison", RC, "KE", "Nairobi", "Nairobi", "IAR",
                 "slash", 8, _KE),
    FacilitySpec("Lang'ata Women's Maximum Security Prison", P, "KE", "Nairobi", "Nairobi", "LWP", "slash",
                 2, _KE, women_only=True),
    FacilitySpec("Shimo La Tewa Main Prison", P, "KE", "Mombasa", "Mombasa", "SLT", "slash", 5, _KE,
                 cultures=_MOMBASA),
    FacilitySpec("Kisumu Main Prison", P, "KE", "Kisumu", "Kisumu", "KSM", "slash", 4, _KE, cultures=_KISUMU),
    FacilitySpec("Nakuru Main Prison", P, "KE", "Nakuru", "Nakuru", "NKR", "slash", 4, _KE, cultures=_NAKURU),
    FacilitySpec("Kilimani Police Station", POL, "KE", "Nairobi", "Nairobi", "KLM", "ob", 1, _KE),
    FacilitySpec("Nairobi Children's Remand Home", CH, "KE", "Nairobi", "Nairobi", "CRH", "slash", 0.7, _KE),
    FacilitySpec("Luzira Upper Prison", P, "UG", "Central", "Kampala", "LUZ", "ug", 7, _UG),
    FacilitySpec("Luzira Women's Prison", P, "UG", "Central", "Kampala", "LWZ", "ug", 1.5, _UG,
                 women_only=True),
    FacilitySpec("Kitalya Mini-Max Prison", P, "UG", "Central", "Wakiso", "KTY", "ug", 3, _UG),
    FacilitySpec("Gulu Main Prison", P, "UG", "Northern", "Gulu", "GUL", "ug", 3, _UG, cultures=_GULU),
    FacilitySpec("Mbarara Main Prison", P, "UG", "Western", "Mbarara", "MBR", "ug", 3, _UG,
                 cultures=_MBARARA),
    FacilitySpec("Naguru Remand Home", CH, "UG", "Central", "Kampala", "NRH", "ug", 0.7, _UG),
    FacilitySpec("Kampala Central Police Station", POL, "UG", "Central", "Kampala", "CPS", "sd", 1, _UG),
    FacilitySpec("Maula Prison", P, "MW", "Central Region", "Lilongwe", "MAU", "mw", 4, _MW),
    FacilitySpec("Chichiri Prison", P, "MW", "Southern Region", "Blantyre", "CHI", "mw", 4, _MW),
    FacilitySpec("Zomba Central Prison", P, "MW", "Southern Region", "Zomba", "ZCP", "mw", 3, _MW),
    FacilitySpec("Mzuzu Prison", P, "MW", "Northern Region", "Mzuzu", "MZZ", "mw", 2, _MW),
    FacilitySpec("Lilongwe Police Station", POL, "MW", "Central Region", "Lilongwe", "LLW", "ob", 0.8, _MW),
    FacilitySpec("Kirikiri Medium Security Custodial Centre", P, "NG", "Lagos", "Lagos", "KRK", "ng", 7, _NG,
                 cultures=_LAGOS),
    FacilitySpec("Ikoyi Medium Security Custodial Centre", P, "NG", "Lagos", "Lagos", "IKY", "ng", 5, _NG,
                 cultures=_LAGOS),
    FacilitySpec("Kuje Medium Security Custodial Centre", P, "NG", "Federal Capital Territory", "Abuja",
                 "KUJ",
                 "ng", 4, _NG, cultures=_ABUJA),
    FacilitySpec("Kano Central Custodial Centre", P, "NG", "Kano", "Kano", "KAN", "ng", 4, _NG,
                 cultures=_KANO),
    FacilitySpec("Port Harcourt Maximum Security Custodial Centre", P, "NG", "Rivers", "Port Harcourt", "PHC",
                 "ng", 4, _NG, cultures=_RIVERS),
    FacilitySpec("Dawakin Kudu Divisional Police Headquarters", POL, "NG", "Kano", "Kano", "DKD", "ng-police",
                 0.8, _NG, cultures=_KANO, court_within_40km=False),
    FacilitySpec("Johannesburg Correctional Centre (Medium A)", RC, "ZA", "Gauteng", "Johannesburg", "JHB",
                 "za", 6, _ZA),
    FacilitySpec("Pollsmoor Remand Detention Facility", RC, "ZA", "Western Cape", "Cape Town", "PLM", "za", 5,
                 _ZA, cultures=_CAPE),
    FacilitySpec("Durban Westville Correctional Centre", RC, "ZA", "KwaZulu-Natal", "Durban", "DWV", "za", 4,
                 _ZA, cultures=_DURBAN),
    FacilitySpec("Hillbrow Police Station", POL, "ZA", "Gauteng", "Johannesburg", "HBW", "za-police", 1, _ZA),
    FacilitySpec("Mitchells Plain Police Station", POL, "ZA", "Western Cape", "Cape Town", "MPL", "za-police",
                 0.8, _ZA, cultures=_CAPE),
    FacilitySpec("Tihar Central Jail No. 4", P, "IN", "Delhi", "New Delhi", "TJ4", "utp", 7, _IN),
    FacilitySpec("Yerawada Central Prison", P, "IN", "Maharashtra", "Pune", "YCP", "utp", 5, _IN,
                 cultures=_PUNE),
    FacilitySpec("Puzhal Central Prison", P, "IN", "Tamil Nadu", "Chennai", "PZL", "utp", 4, _IN,
                 cultures=_CHENNAI),
    FacilitySpec("Presidency Correctional Home", P, "IN", "West Bengal", "Kolkata", "PCH", "utp", 4, _IN,
                 cultures=_KOLKATA),
    FacilitySpec("Tughlak Road Police Station", POL, "IN", "Delhi", "New Delhi", "TRD", "in-police", 0.8,
                 _IN),
    FacilitySpec("HMP Wandsworth", P, "GB-EAW", "London", "London", "WWI", "noms", 4, _GB),
    FacilitySpec("HMP Pentonville", P, "GB-EAW", "London", "London", "PVI", "noms", 4, _GB),
    FacilitySpec("HMP Bronzefield", P, "GB-EAW", "South East", "Ashford", "BZI", "noms", 1.5, _GB,
                 women_only=True),
    FacilitySpec("HMP Manchester", P, "GB-EAW", "North West", "Manchester", "MRI", "noms", 3, _GB),
    FacilitySpec("Brixton Police Station", POL, "GB-EAW", "London", "London", "BX", "gb-custody", 0.8, _GB),
    FacilitySpec("Manila City Jail", RC, "PH", "National Capital Region", "Manila", "MCJ", "ph", 6, _PH),
    FacilitySpec("Quezon City Jail", RC, "PH", "National Capital Region", "Quezon City", "QCJ", "ph", 6, _PH),
    FacilitySpec("Cebu City Jail", RC, "PH", "Central Visayas", "Cebu City", "CCJ", "ph", 4, _PH),
    FacilitySpec("Davao City Jail", RC, "PH", "Davao Region", "Davao City", "DCJ", "ph", 3, _PH,
                 cultures=_DAVAO),
    FacilitySpec("Manila Police District Station 5 (Ermita)", POL, "PH", "National Capital Region", "Manila",
                 "MPD5", "ph-police", 0.8, _PH),
    FacilitySpec("Keko Remand Prison", RC, "TZ", "Dar es Salaam", "Dar es Salaam", "KEK", "tz", 5, _TZ),
    FacilitySpec("Segerea Prison", P, "TZ", "Dar es Salaam", "Dar es Salaam", "SEG", "tz", 5, _TZ),
    FacilitySpec("Arusha Central Prison", P, "TZ", "Arusha", "Arusha", "ARC", "tz", 3, _TZ),
    FacilitySpec("Dar es Salaam Central Police Station", POL, "TZ", "Dar es Salaam", "Dar es Salaam", "CPS",
                 "tz-police", 0.8, _TZ),
)


@dataclass(frozen=True)
class CourtSpec:
    """A court cases are heard in; `level` tells magistrates' from higher courts."""

    name: str
    jurisdiction: str
    region: str
    city: str
    level: str
    code: str


COURTS: tuple[CourtSpec, ...] = (
    CourtSpec("Milimani Law Courts", "KE", "Nairobi", "Nairobi", "magistrates", "MCCR"),
    CourtSpec("Kibera Law Courts", "KE", "Nairobi", "Nairobi", "magistrates", "KIB"),
    CourtSpec("Makadara Law Courts", "KE", "Nairobi", "Nairobi", "magistrates", "MAK"),
    CourtSpec("High Court of Kenya at Nairobi", "KE", "Nairobi", "Nairobi", "high_court", "HCCR"),
    CourtSpec("Mombasa Law Courts", "KE", "Mombasa", "Mombasa", "magistrates", "MSA"),
    CourtSpec("High Court of Kenya at Mombasa", "KE", "Mombasa", "Mombasa", "high_court", "HCMSA"),
    CourtSpec("Kisumu Law Courts", "KE", "Kisumu", "Kisumu", "magistrates", "KSM"),
    CourtSpec("Nakuru Law Courts", "KE", "Nakuru", "Nakuru", "magistrates", "NKU"),
    CourtSpec("Buganda Road Chief Magistrate's Court", "UG", "Central", "Kampala", "magistrates", "BRD"),
    CourtSpec("Nakawa Chief Magistrate's Court", "UG", "Central", "Kampala", "magistrates", "NKW"),
    CourtSpec("High Court of Uganda (Criminal Division), Kampala", "UG", "Central", "Kampala", "high_court",
              "HCT"),
    CourtSpec("Wakiso Chief Magistrate's Court", "UG", "Central", "Wakiso", "magistrates", "WAK"),
    CourtSpec("Gulu Chief Magistrate's Court", "UG", "Northern", "Gulu", "magistrates", "GUL"),
    CourtSpec("High Court of Uganda at Gulu", "UG", "Northern", "Gulu", "high_court", "HCG"),
    CourtSpec("Mbarara Chief Magistrate's Court", "UG", "Western", "Mbarara", "magistrates", "MBR"),
    CourtSpec("Lilongwe Magistrate's Court", "MW", "Central Region", "Lilongwe", "magistrates", "LL"),
    CourtSpec("High Court of Malawi, Lilongwe District Registry", "MW", "Central Region", "Lilongwe",
              "high_court", "HCLL"),
    CourtSpec("Blantyre Magistrate's Court", "MW", "Southern Region", "Blantyre", "magistrates", "BT"),
    CourtSpec("High Court of Malawi, Principal Registry", "MW", "Southern Region", "Blantyre", "high_court",
              "HCPR"),
    CourtSpec("Zomba Magistrate's Court", "MW", "Southern Region", "Zomba", "magistrates", "ZA"),
    CourtSpec("Mzuzu Magistrate's Court", "MW", "Northern Region", "Mzuzu", "magistrates", "MZ"),
    CourtSpec("Chief Magistrates' Court, Yaba", "NG", "Lagos", "Lagos", "magistrates", "MCY"),
    CourtSpec("Chief Magistrates' Court, Ikeja", "NG", "Lagos", "Lagos", "magistrates", "MIK"),
    CourtSpec("High Court of Lagos State, Ikeja", "NG", "Lagos", "Lagos", "high_court", "ID"),
    CourtSpec("Magistrate Court, Wuse Zone 2", "NG", "Federal Capital Territory", "Abuja", "magistrates",
              "CR"),
    CourtSpec("High Court of the FCT, Maitama", "NG", "Federal Capital Territory", "Abuja", "high_court",
              "FCT/HC"),
    CourtSpec("Chief Magistrate Court, Nomansland, Kano", "NG", "Kano", "Kano", "magistrates", "KMC"),
    CourtSpec("Kano State High Court", "NG", "Kano", "Kano", "high_court", "K"),
    CourtSpec("Chief Magistrate Court, Port Harcourt", "NG", "Rivers", "Port Harcourt", "magistrates", "PMC"),
    CourtSpec("Rivers State High Court, Port Harcourt", "NG", "Rivers", "Port Harcourt", "high_court", "PHC"),
    CourtSpec("Johannesburg Magistrate's Court", "ZA", "Gauteng", "Johannesburg", "magistrates", "A"),
    CourtSpec("Gauteng Local Division of the High Court, Johannesburg", "ZA", "Gauteng", "Johannesburg",
              "high_court", "SS"),
    CourtSpec("Cape Town Magistrate's Court", "ZA", "Western Cape", "Cape Town", "magistrates", "C"),
    CourtSpec("Mitchells Plain Magistrate's Court", "ZA", "Western Cape", "Cape Town", "magistrates", "M"),
    CourtSpec("Durban Magistrate's Court", "ZA", "KwaZulu-Natal", "Durban", "magistrates", "D"),
    CourtSpec("Tis Hazari Courts", "IN", "Delhi", "New Delhi", "magistrates", "THC"),
    CourtSpec("Patiala House Courts", "IN", "Delhi", "New Delhi", "sessions", "PHC"),
    CourtSpec("Shivajinagar District and Sessions Court, Pune", "IN", "Maharashtra", "Pune", "sessions",
              "PUN"),
    CourtSpec("Court of the Chief Metropolitan Magistrate, Egmore", "IN", "Tamil Nadu", "Chennai",
              "magistrates",
              "EGM"),
    CourtSpec("City Sessions Court, Calcutta", "IN", "West Bengal", "Kolkata", "sessions", "CSC"),
    CourtSpec("Westminster Magistrates' Court", "GB-EAW", "London", "London", "magistrates", "WMC"),
    CourtSpec("Highbury Corner Magistrates' Court", "GB-EAW", "London", "London", "magistrates", "HCM"),
    CourtSpec("Southwark Crown Court", "GB-EAW", "London", "London", "crown_court", "T"),
    CourtSpec("Manchester and Salford Magistrates' Court", "GB-EAW", "North West", "Manchester",
              "magistrates",
              "MSM"),
    CourtSpec("Manchester Crown Court (Minshull Street)", "GB-EAW", "North West", "Manchester", "crown_court",
              "T"),
    CourtSpec("Guildford Crown Court", "GB-EAW", "South East", "Ashford", "crown_court", "T"),
    CourtSpec("Metropolitan Trial Court, Manila", "PH", "National Capital Region", "Manila", "magistrates",
              "M-MNL"),
    CourtSpec("Regional Trial Court, Manila", "PH", "National Capital Region", "Manila", "regional_trial",
              "R-MNL"),
    CourtSpec("Regional Trial Court, Quezon City", "PH", "National Capital Region", "Quezon City",
              "regional_trial", "R-QZN"),
    CourtSpec("Regional Trial Court, Cebu City", "PH", "Central Visayas", "Cebu City", "regional_trial",
              "R-CEB"),
    CourtSpec("Regional Trial Court, Davao City", "PH", "Davao Region", "Davao City", "regional_trial",
              "R-DVO"),
    CourtSpec("Kisutu Resident Magistrate's Court", "TZ", "Dar es Salaam", "Dar es Salaam", "magistrates",
              "KIS"),
    CourtSpec("Ilala District Court", "TZ", "Dar es Salaam", "Dar es Salaam", "magistrates", "ILA"),
    CourtSpec("High Court of Tanzania, Dar es Salaam Registry", "TZ", "Dar es Salaam", "Dar es Salaam",
              "high_court", "HC"),
    CourtSpec("Arusha Resident Magistrate's Court", "TZ", "Arusha", "Arusha", "magistrates", "ARS"),
)

# Neighbourhoods and towns people are arrested in and live in, by the facility's city.
LOCALITIES: dict[str, tuple[str, ...]] = {
    "Nairobi": ("Kibera", "Mathare", "Kawangware", "Eastleigh", "Kayole", "Githurai", "Dandora",
                "Mukuru kwa Njenga", "Kasarani", "Kangemi", "Umoja", "Huruma", "Ruaraka", "Kariobangi"),
    "Mombasa": ("Likoni", "Kisauni", "Changamwe", "Old Town", "Mtwapa", "Bamburi", "Majengo", "Mikindani"),
    "Kisumu": ("Nyalenda", "Manyatta", "Obunga", "Kondele", "Nyamasaria", "Kibos", "Ahero"),
    "Nakuru": ("Bondeni", "Kaptembwo", "Rhonda", "Shabab", "Naivasha", "Molo", "Njoro"),
    "Kampala": ("Kisenyi", "Katanga", "Kawempe", "Bwaise", "Nakulabye", "Kabalagala", "Nateete",
                "Kireka", "Ndeeba", "Kamwokya"),
    "Wakiso": ("Nansana", "Kira", "Entebbe", "Matugga", "Kasangati", "Gayaza"),
    "Gulu": ("Pece", "Layibi", "Bardege", "Laroo", "Awach", "Unyama"),
    "Mbarara": ("Kakoba", "Nyamitanga", "Kamukuzi", "Ruti", "Biharwe", "Rwebikoona"),
    "Lilongwe": ("Area 25", "Area 36", "Kawale", "Chinsapo", "Mgona", "Area 23", "Kauma", "Mchesi"),
    "Blantyre": ("Ndirande", "Chilomoni", "Bangwe", "Chirimba", "Mbayani", "Limbe", "Chinyonga"),
    "Zomba": ("Chinamwali", "Sadzi", "Likangala", "Matawale", "Mpunga"),
    "Mzuzu": ("Chibanja", "Zolozolo", "Luwinga", "Katoto", "Masasa"),
    "Lagos": ("Mushin", "Ajegunle", "Oshodi", "Agege", "Ikorodu", "Makoko", "Obalende", "Ojuelegba",
              "Isale Eko", "Ikotun", "Ajah"),
    "Abuja": ("Nyanya", "Karu", "Kubwa", "Mpape", "Gwagwalada", "Dutse", "Lugbe", "Kuje"),
    "Kano": ("Fagge", "Sabon Gari", "Dala", "Gwale", "Tarauni", "Dawakin Kudu", "Ungogo", "Kumbotso"),
    "Port Harcourt": ("Diobu", "Rumuokoro", "Woji", "Borokiri", "Eleme", "Oyigbo", "Rumuola"),
    "Johannesburg": ("Hillbrow", "Soweto", "Alexandra", "Diepsloot", "Yeoville", "Berea", "Orange Farm",
                     "Tembisa"),
    "Cape Town": ("Mitchells Plain", "Khayelitsha", "Manenberg", "Hanover Park", "Nyanga", "Delft",
                  "Bishop Lavis", "Philippi"),
    "Durban": ("Umlazi", "KwaMashu", "Inanda", "Chatsworth", "Phoenix", "Clermont", "Point"),
    "New Delhi": ("Jahangirpuri", "Sangam Vihar", "Seelampur", "Okhla", "Sultanpuri", "Nand Nagri",
                  "Paharganj", "Mangolpuri"),
    "Pune": ("Yerawada", "Hadapsar", "Kondhwa", "Pimpri", "Bhosari", "Swargate", "Wakad"),
    "Chennai": ("Vyasarpadi", "Tondiarpet", "Perambur", "Saidapet", "Ennore", "Washermanpet", "Kodungaiyur"),
    "Kolkata": ("Tiljala", "Topsia", "Garden Reach", "Kasba", "Metiabruz", "Howrah", "Dum Dum"),
    "London": ("Brixton", "Peckham", "Tottenham", "Hackney", "Croydon", "Lewisham", "Stratford",
               "Islington", "Camden", "Walworth"),
    "Ashford": ("Staines", "Feltham", "Hounslow", "Woking", "Guildford", "Slough"),
    "Manchester": ("Moss Side", "Cheetham Hill", "Salford", "Wythenshawe", "Longsight", "Harpurhey",
                   "Oldham", "Gorton"),
    "Manila": ("Tondo", "Sampaloc", "Ermita", "Malate", "Paco", "Santa Cruz", "Baseco", "Quiapo"),
    "Quezon City": ("Payatas", "Bagong Silangan", "Commonwealth", "Batasan Hills", "Novaliches", "Cubao",
                    "Holy Spirit"),
    "Cebu City": ("Pasil", "Ermita", "Mambaling", "Lahug", "Talamban", "Inayawan", "Tisa"),
    "Davao City": ("Agdao", "Buhangin", "Bankerohan", "Toril", "Sasa", "Matina", "Bunawan"),
    "Dar es Salaam": ("Manzese", "Tandale", "Mbagala", "Kariakoo", "Temeke", "Tandika", "Buguruni",
                      "Kigamboni", "Mwananyamala", "Tabata"),
    "Arusha": ("Kaloleni", "Ngarenaro", "Unga Limited", "Sombetini", "Daraja Mbili", "Kijenge", "Mto wa Mbu"),
}
