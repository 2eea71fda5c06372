"""Offences for demo charges: wording, class, maximum sentence, capital flag and statute by jurisdiction.

Classes follow custody-rules.md: GB-EAW summary / either_way / indictable; PH light / correctional /
afflictive; UG and MW subordinate / high_court; elsewhere capital / non_capital. Maximums and
statutes are typical values for demo data, not legal advice.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

LIFE = -1  # a maximum of life imprisonment


@dataclass(frozen=True)
class OffenceSpec:
    """One offence as it is charged across the demo jurisdictions."""

    key: str
    text: str
    weight: float
    max_months: int
    gb_class: str
    ph_class: str
    high_court: bool = False
    capital_in: frozenset[str] = frozenset()
    act: str = "penal"
    texts: Mapping[str, str] = field(default_factory=dict)
    weights: Mapping[str, float] = field(default_factory=dict)
    maxima: Mapping[str, int] = field(default_factory=dict)
    statutes: Mapping[str, str | None] = field(default_factory=dict)
    female: float = 1.0
    child: float = 1.0

    def wording(self, jurisdiction: str) -> str:
        return self.texts.get(jurisdiction, self.text)

    def weight_in(self, jurisdiction: str) -> float:
        return self.weight * self.weights.get(jurisdiction, 1.0)

    def maximum(self, jurisdiction: str) -> int:
        return self.maxima.get(jurisdiction, self.max_months)

    def capital(self, jurisdiction: str) -> bool:
        return jurisdiction in self.capital_in

    def offence_class(self, jurisdiction: str) -> str:
        if jurisdiction == "GB-EAW":
            return self.gb_class
        if jurisdiction == "PH":
            return self.ph_class
        if jurisdiction in ("UG", "MW"):
            return "high_court" if self.high_court else "subordinate"
        return "capital" if self.capital(jurisdiction) else "non_capital"


_EA_STEALING = {"KE": "Stealing", "UG": "Theft", "TZ": "Stealing", "MW": "Theft", "NG": "Stealing"}
_THEFT_ACT = "Theft Act 1968"
_OAPA = "Offences Against the Person Act 1861"

OFFENCES: tuple[OffenceSpec, ...] = (
    OffenceSpec("theft", "Theft", 14, 36, "either_way", "correctional", texts=_EA_STEALING,
                maxima={"GB-EAW": 84, "PH": 72, "KE": 36, "ZA": 120},
                statutes={"GB-EAW": _THEFT_ACT}, female=1.6, child=1.6),
    OffenceSpec("burglary", "Burglary", 10, 84, "either_way", "afflictive",
                texts={"KE": "Housebreaking and stealing", "UG": "Housebreaking and theft",
                       "TZ": "Housebreaking and stealing", "MW": "Housebreaking and theft",
                       "ZA": "Housebreaking with intent to steal and theft",
                       "IN": "House-breaking by night", "PH": "Robbery with force upon things"},
                maxima={"GB-EAW": 168, "NG": 168, "IN": 168, "PH": 144},
                statutes={"GB-EAW": _THEFT_ACT}, female=0.4, child=1.3),
    OffenceSpec("robbery", "Robbery", 6, 168, "indictable", "afflictive",
                maxima={"IN": 120, "GB-EAW": LIFE}, statutes={"GB-EAW": _THEFT_ACT}, female=0.3),
    OffenceSpec("aggravated_robbery", "Robbery with violence", 3.5, LIFE, "indictable", "afflictive",
                high_court=True, capital_in=frozenset({"KE", "UG", "NG"}),
                texts={"UG": "Aggravated robbery", "TZ": "Armed robbery", "NG": "Armed robbery",
                       "ZA": "Robbery with aggravating circumstances", "IN": "Dacoity",
                       "GB-EAW": "Robbery (armed with a knife)",
                       "PH": "Robbery with violence against or intimidation of persons"},
                maxima={"TZ": 360, "PH": 240},
                statutes={"GB-EAW": _THEFT_ACT,
                          "NG": "Robbery and Firearms (Special Provisions) Act"},
                female=0.25, child=0.7),
    OffenceSpec("murder", "Murder", 3.5, LIFE, "indictable", "afflictive", high_court=True,
                capital_in=frozenset({"KE", "UG", "TZ", "NG", "IN"}),
                statutes={"GB-EAW": None}, female=1.3, child=0.6),
    OffenceSpec("manslaughter", "Manslaughter", 1.5, LIFE, "indictable", "afflictive", high_court=True,
                texts={"IN": "Culpable homicide not amounting to murder", "PH": "Homicide",
                       "ZA": "Culpable homicide"},
                maxima={"PH": 240}, statutes={"GB-EAW": None}, female=1.3),
    OffenceSpec("attempted_murder", "Attempted murder", 1, LIFE, "indictable", "afflictive",
                high_court=True, texts={"IN": "Attempt to murder", "PH": "Frustrated murder"},
                maxima={"IN": 120, "PH": 240}, statutes={"GB-EAW": None}, female=0.6),
    OffenceSpec("abh", "Assault causing actual bodily harm", 8, 60, "either_way", "correctional",
                texts={"GB-EAW": "Assault occasioning actual bodily harm", "IN": "Voluntarily causing hurt",
                       "ZA": "Assault with intent to do grievous bodily harm",
                       "PH": "Less serious physical injuries", "NG": "Assault occasioning harm"},
                maxima={"IN": 12, "PH": 6, "ZA": 120, "NG": 36}, statutes={"GB-EAW": _OAPA}, female=1.1,
                child=1.3),
    OffenceSpec("gbh", "Grievous harm", 3, LIFE, "indictable", "correctional",
                texts={"GB-EAW": "Wounding with intent to cause grievous bodily harm",
                       "IN": "Voluntarily causing grievous hurt", "PH": "Serious physical injuries",
                       "ZA": "Assault with intent to do grievous bodily harm"},
                maxima={"IN": 84, "PH": 72, "ZA": 120}, statutes={"GB-EAW": _OAPA}, female=0.8),
    OffenceSpec("common_assault", "Common assault", 3, 12, "summary", "light",
                texts={"IN": "Assault or criminal force", "PH": "Slight physical injuries",
                       "ZA": "Common assault"},
                maxima={"IN": 3, "PH": 1, "GB-EAW": 6},
                statutes={"GB-EAW": "Criminal Justice Act 1988"}, female=1.6),
    OffenceSpec("defilement", "Defilement", 4, LIFE, "indictable", "afflictive", high_court=True,
                capital_in=frozenset({"UG"}), act="child_sexual",
                texts={"UG": "Aggravated defilement", "TZ": "Rape of a child",
                       "GB-EAW": "Sexual activity with a child",
                       "IN": "Penetrative sexual assault on a child", "ZA": "Statutory rape",
                       "PH": "Statutory rape", "NG": "Defilement of a girl under eleven"},
                weights={"UG": 2.0, "KE": 1.5, "MW": 1.5, "TZ": 1.5, "GB-EAW": 0.3},
                maxima={"GB-EAW": 168}, female=0.03, child=0.8),
    OffenceSpec("rape", "Rape", 2.5, LIFE, "indictable", "afflictive", high_court=True, act="sexual",
                female=0.02, child=0.4),
    OffenceSpec("drug_possession", "Possession of narcotic drugs", 5, 120, "indictable", "afflictive",
                act="drugs",
                texts={"KE": "Possession of narcotic drugs (cannabis)",
                       "GB-EAW": "Possession of a controlled drug of Class A with intent to supply",
                       "IN": "Possession of ganja", "PH": "Illegal possession of dangerous drugs",
                       "ZA": "Possession of drugs", "NG": "Unlawful possession of cannabis"},
                weights={"PH": 7.0, "GB-EAW": 2.0, "ZA": 1.5},
                maxima={"GB-EAW": LIFE, "PH": LIFE, "IN": 12, "ZA": 180}, female=1.8, child=0.7),
    OffenceSpec("drug_trafficking", "Trafficking in narcotic drugs", 1.5, LIFE, "indictable", "afflictive",
                high_court=True, act="drugs",
                texts={"PH": "Illegal sale of dangerous drugs",
                       "GB-EAW": "Being concerned in the supply of a controlled drug of Class A",
                       "IN": "Possession of a commercial quantity of a narcotic drug",
                       "ZA": "Dealing in drugs"},
                weights={"PH": 5.0, "GB-EAW": 1.5}, maxima={"IN": 240, "ZA": 300}, female=1.5),
    OffenceSpec("handling", "Handling stolen goods", 3, 84, "either_way", "correctional",
                texts={"KE": "Handling stolen property", "IN": "Dishonestly receiving stolen property",
                       "PH": "Fencing", "ZA": "Possession of suspected stolen property"},
                maxima={"GB-EAW": 168, "IN": 36, "ZA": 36},
                statutes={"GB-EAW": _THEFT_ACT, "PH": "PD 1612 (Anti-Fencing Law)"}, female=1.2),
    OffenceSpec("fraud", "Obtaining money by false pretences", 3, 36, "either_way", "correctional",
                texts={"GB-EAW": "Fraud by false representation", "IN": "Cheating", "ZA": "Fraud",
                       "PH": "Estafa", "NG": "Obtaining by false pretences"},
                maxima={"GB-EAW": 120, "IN": 84, "PH": 72, "ZA": 180, "NG": 84},
                statutes={"GB-EAW": "Fraud Act 2006"}, female=2.2, child=0.3),
    OffenceSpec("damage", "Malicious damage to property", 3, 60, "either_way", "light",
                texts={"GB-EAW": "Criminal damage", "IN": "Mischief", "PH": "Malicious mischief",
                       "ZA": "Malicious injury to property"},
                maxima={"GB-EAW": 120, "IN": 24, "PH": 6, "ZA": 60},
                statutes={"GB-EAW": "Criminal Damage Act 1971"}, child=1.4),
    OffenceSpec("firearm", "Possession of a firearm without a certificate", 2, 120, "either_way",
                "afflictive", act="firearms",
                texts={"GB-EAW": "Possession of a prohibited firearm",
                       "IN": "Possession of an unlicensed firearm", "ZA": "Unlawful possession of a firearm",
                       "PH": "Illegal possession of firearms", "NG": "Unlawful possession of firearms"},
                weights={"ZA": 2.0, "NG": 1.5}, maxima={"ZA": 180, "IN": 84}, female=0.2),
    OffenceSpec("disturbance", "Creating a disturbance", 3, 6, "either_way", "light",
                texts={"GB-EAW": "Affray", "IN": "Rioting", "ZA": "Public violence",
                       "PH": "Alarms and scandals",
                       "NG": "Conduct likely to cause a breach of the peace"},
                maxima={"GB-EAW": 36, "IN": 24, "ZA": 120, "NG": 12},
                statutes={"GB-EAW": "Public Order Act 1986"}, child=1.5),
    OffenceSpec("stock_theft", "Stock theft", 2, 168, "either_way", "correctional",
                texts={"UG": "Theft of cattle", "MW": "Theft of livestock"},
                weights={"GB-EAW": 0.0, "IN": 0.0, "PH": 0.0, "NG": 0.3}, maxima={"ZA": 180},
                female=0.2),
    OffenceSpec("kidnapping", "Kidnapping", 1, 84, "indictable", "afflictive",
                texts={"IN": "Kidnapping for ransom", "PH": "Kidnapping and serious illegal detention"},
                maxima={"GB-EAW": LIFE, "IN": LIFE, "PH": LIFE, "NG": LIFE}, statutes={"GB-EAW": None},
                female=0.5),
    OffenceSpec("offensive_weapon", "Being in possession of an offensive weapon", 1.5, 48, "either_way",
                "light",
                texts={"GB-EAW": "Possession of a bladed article in a public place",
                       "ZA": "Possession of a dangerous weapon",
                       "PH": "Illegal possession of bladed weapons"},
                weights={"GB-EAW": 3.0}, statutes={"GB-EAW": "Criminal Justice Act 1988"}, child=1.5),
)

# What a foreign national is often held for besides the ordinary offences.
IMMIGRATION = OffenceSpec(
    "immigration", "Unlawful presence in the country", 0, 24, "either_way", "light", act="immigration",
    texts={"KE": "Unlawful presence in Kenya", "UG": "Unlawful presence in Uganda",
           "TZ": "Unlawful presence in Tanzania", "MW": "Unlawful entry into Malawi",
           "ZA": "Contravention of the Immigration Act (illegal foreigner)",
           "GB-EAW": "Entering the United Kingdom without leave", "NG": "Illegal entry into Nigeria",
           "IN": "Entry into India without valid documents", "PH": "Overstaying a visa"},
    maxima={"KE": 36, "GB-EAW": 48})

STATUTES: dict[str, dict[str, str | None]] = {
    "KE": {"penal": "Penal Code (Cap. 63)",
           "drugs": "Narcotic Drugs and Psychotropic Substances (Control) Act, 1994",
           "firearms": "Firearms Act (Cap. 114)", "sexual": "Sexual Offences Act, 2006",
           "child_sexual": "Sexual Offences Act, 2006",
           "immigration": "Kenya Citizenship and Immigration Act, 2011"},
    "UG": {"penal": "Penal Code Act (Cap. 120)",
           "drugs": "Narcotic Drugs and Psychotropic Substances (Control) Act, 2015",
           "firearms": "Firearms Act", "immigration": "Uganda Citizenship and Immigration Control Act"},
    "MW": {"penal": "Penal Code (Cap. 7:01)", "drugs": "Dangerous Drugs Act (Cap. 35:02)",
           "firearms": "Firearms Act", "immigration": "Immigration Act (Cap. 15:03)"},
    "NG": {"drugs": "National Drug Law Enforcement Agency Act", "firearms": "Firearms Act",
           "immigration": "Immigration Act, 2015", "child_sexual": "Child's Rights Act, 2003"},
    "ZA": {"penal": None, "drugs": "Drugs and Drug Trafficking Act 140 of 1992",
           "firearms": "Firearms Control Act 60 of 2000",
           "sexual": "Criminal Law (Sexual Offences and Related Matters) Amendment Act 32 of 2007",
           "child_sexual": "Criminal Law (Sexual Offences and Related Matters) Amendment Act 32 of 2007",
           "immigration": "Immigration Act 13 of 2002"},
    "IN": {"penal": "Bharatiya Nyaya Sanhita, 2023", "drugs": "NDPS Act, 1985", "firearms": "Arms Act, 1959",
           "child_sexual": "POCSO Act, 2012", "immigration": "Foreigners Act, 1946"},
    "GB-EAW": {"penal": None, "drugs": "Misuse of Drugs Act 1971", "firearms": "Firearms Act 1968",
               "sexual": "Sexual Offences Act 2003", "child_sexual": "Sexual Offences Act 2003",
               "immigration": "Immigration Act 1971"},
    "PH": {"penal": "Revised Penal Code",
           "drugs": "RA 9165 (Comprehensive Dangerous Drugs Act of 2002)",
           "firearms": "RA 10591 (Comprehensive Firearms and Ammunition Regulation Act)",
           "immigration": "Philippine Immigration Act of 1940"},
    "TZ": {"penal": "Penal Code (Cap. 16)", "drugs": "Drugs Control and Enforcement Act (Cap. 95)",
           "firearms": "Firearms and Ammunition Control Act, 2015",
           "immigration": "Immigration Act (Cap. 54)"},
}

# Nigeria's general criminal law differs by state.
NG_PENAL_BY_REGION = {
    "Lagos": "Criminal Law of Lagos State, 2015",
    "Kano": "Penal Code Law (Kano State)",
    "Federal Capital Territory": "Penal Code (Federal Capital Territory)",
    "Rivers": "Criminal Code Law of Rivers State",
}


def statute_for(offence: OffenceSpec, jurisdiction: str, region: str) -> str | None:
    """The act an offence is charged under there; None where it is a common-law crime."""
    if jurisdiction in offence.statutes:
        return offence.statutes[jurisdiction]
    acts = STATUTES[jurisdiction]
    if offence.act in acts:
        return acts[offence.act]
    if jurisdiction == "NG":
        return NG_PENAL_BY_REGION.get(region)
    return acts.get("penal")
