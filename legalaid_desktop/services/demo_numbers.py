"""Numbers as registers write them: facility register numbers, court and police case numbers, IDs, phones."""

from __future__ import annotations

import random
import string
from datetime import date

_LETTERS = string.ascii_uppercase
_ALNUM = string.ascii_uppercase + string.digits


def fill(template: str, rng: random.Random) -> str:
    """`#` becomes a digit, `A` a capital letter, `X` a letter or digit; the rest is kept."""
    out = []
    for ch in template:
        if ch == "#":
            out.append(str(rng.randrange(10)))
        elif ch == "A":
            out.append(_LETTERS[rng.randrange(26)])
        elif ch == "X":
            out.append(_ALNUM[rng.randrange(36)])
        else:
            out.append(ch)
    return "".join(out)


def south_african_id(born: date, female: bool, rng: random.Random) -> str:
    """YYMMDD, gender digits (0000-4999 women), citizenship 0, 8, and the Luhn check digit."""
    serial = rng.randrange(0, 5000) + (0 if female else 5000)
    body = f"{born:%y%m%d}{serial:04d}08"
    total = 0
    for index, ch in enumerate(reversed(body)):
        digit = int(ch)
        if index % 2 == 0:
            digit *= 2
            if digit > 9:
                digit -= 9
        total += digit
    return body + str((10 - total % 10) % 10)


def register_number(style: str, code: str, number: int, on: date, female: bool) -> str:
    """A facility's register number in its own style (KAM/2025/01234, OB 23/14/03/2025, A1234BC)."""
    year = on.year
    if style == "slash":
        return f"{code}/{year}/{number:05d}"
    if style == "ob":
        return f"OB {number}/{on:%d/%m/%Y}"
    if style == "ug":
        return f"{code}/R/{number:04d}/{year % 100:02d}"
    if style == "sd":
        return f"SD {number}/{on:%d/%m/%Y}"
    if style == "mw":
        return f"{code}/RM/{number:04d}/{year}"
    if style == "ng":
        return f"{code}/{'ATF' if female else 'ATM'}/{number:04d}/{year}"
    if style == "ng-police":
        return f"{code}/CELL/{number:04d}/{year}"
    if style == "za":
        return f"{code}{year}{number:06d}"
    if style == "za-police":
        return f"SAPS14 {number}/{on:%m/%Y}"
    if style == "utp":
        return f"UTP {number}/{year}"
    if style == "in-police":
        return f"GD {number} dt. {on:%d.%m.%Y}"
    if style == "noms":  # A1234BC; the letters vary with the digits and stay unique per number
        letters = (number // 10000 + (number % 10000) * 37) % 676
        return f"A{number % 10000:04d}{_LETTERS[letters // 26]}{_LETTERS[letters % 26]}"
    if style == "gb-custody":
        return f"{code}/{year % 100:02d}/{number:05d}"
    if style == "ph":
        return f"{code}-{year}-{number:05d}"
    if style == "ph-police":
        return f"{code}-BLT-{year}-{number:04d}"
    if style == "tz":
        return f"{code}/RM/{number:04d}/{year}"
    if style == "tz-police":
        return f"{code}/LOCKUP/{number}/{year}"
    raise ValueError(f"unknown register style {style!r}")


def court_case_number(jurisdiction: str, court_code: str, higher: bool, number: int, year: int) -> str:
    """The number a court gives the case."""
    if jurisdiction == "KE":
        return f"{court_code}/E{number:03d}/{year}"
    if jurisdiction == "UG":
        return f"{court_code}-CR-{number:04d}-{year}"
    if jurisdiction == "NG":
        return f"{court_code}/{number}C/{year}"
    if jurisdiction == "ZA":
        return f"{court_code}{number}/{year}"
    if jurisdiction == "IN":
        return f"{'SC' if higher else 'Cr. Case'} No. {number}/{year}"
    if jurisdiction == "GB-EAW":
        return f"T{year}{number:04d}" if higher else f"01MP{number:05d}{year % 100:02d}"
    if jurisdiction == "PH":
        return f"{court_code}-{year % 100:02d}-{number:05d}-CR"
    if jurisdiction == "TZ" and higher:
        return f"Criminal Session Case No. {number} of {year}"
    return f"Criminal Case No. {number} of {year}"


def police_case_number(jurisdiction: str, number: int, on: date) -> str:
    """The police reference for the arrest or complaint."""
    if jurisdiction == "KE":
        return f"OB {number}/{on:%d/%m/%Y}"
    if jurisdiction == "UG":
        return f"CRB {number}/{on.year}"
    if jurisdiction == "ZA":
        return f"CAS {number}/{on:%m/%Y}"
    if jurisdiction == "IN":
        return f"FIR No. {number}/{on.year}"
    if jurisdiction == "GB-EAW":
        return f"{number:07d}/{on.year % 100:02d}"
    if jurisdiction == "PH":
        return f"NPS-INQ-{on.year % 100:02d}-{number:05d}"
    if jurisdiction == "TZ":
        return f"IR/{number}/{on.year}"
    return f"CR/{number}/{on.year}"
