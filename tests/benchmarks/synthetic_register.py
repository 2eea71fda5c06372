"""A made-up facility register of any size, for the import benchmark (no real people in it)."""

from __future__ import annotations

import csv
import random
from datetime import date, datetime, timedelta
from pathlib import Path

HEADERS = ("register_number", "full_name", "other_names", "sex", "date_of_birth", "age_estimate",
           "nationality", "languages", "facility", "arrest_datetime", "admission_datetime",
           "offence", "offence_class", "max_sentence_months", "court", "court_case_number",
           "police_case_number", "custody_status", "last_remand_date", "remand_days",
           "next_court_date", "represented", "notes")

GIVEN = ("Amina", "John", "Grace", "Peter", "Fatuma", "Joseph", "Mary", "Hassan", "Wanjiru",
         "Otieno", "Achieng", "Mohamed", "Esther", "Brian", "Halima", "محمد", "فاطمة", "José")
FAMILY = ("Yusuf", "Ochieng", "Mwangi", "Kamau", "Wafula", "Njeri", "Abdi", "Omondi", "Kiptoo",
          "Chebet", "Mutua", "الحسن", "Akinyi", "Barasa", "Nyambura", "Müller")
OFFENCES = (("Theft", "non_capital", "84"), ("Robbery with violence", "capital", "life"),
            ("Assault causing actual bodily harm", "non_capital", "60"),
            ("Possession of cannabis", "non_capital", "120"), ("Murder", "capital", "life"),
            ("Handling stolen goods", "non_capital", "168"))
COURTS = ("Milimani Law Courts", "Kibera Law Courts", "Makadara Law Courts", "Kiambu Law Courts")


def write_synthetic_register(path: Path, rows: int, *, seed: int = 7,
                             facility: str = "Kamiti Remand") -> None:
    """`rows` people held at `facility`, every canonical column filled, in UTF-8 CSV."""
    rng = random.Random(seed)
    today = date.today()
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADERS)
        for n in range(1, rows + 1):
            offence, offence_class, maximum = rng.choice(OFFENCES)
            born = date(1960, 1, 1) + timedelta(days=rng.randrange(16000))
            arrest = datetime(today.year - 1, 1, 1, 6) + timedelta(minutes=rng.randrange(500_000))
            admission = arrest + timedelta(hours=rng.randrange(24, 96))
            remand = admission.date() + timedelta(days=rng.randrange(0, 30))
            writer.writerow([
                f"KAM/{n:06d}",
                f"{rng.choice(GIVEN)} {rng.choice(GIVEN)} {rng.choice(FAMILY)}",
                "" if n % 7 else f"{rng.choice(GIVEN)} {rng.choice(FAMILY)}",
                rng.choice(("F", "M", "male", "female", "m")),
                born.isoformat() if n % 3 else born.strftime("%d/%m/%Y"),
                "" if n % 5 else str(today.year - born.year),
                "Kenyan", "Swahili, English", facility,
                arrest.strftime("%d/%m/%Y %H:%M"), admission.strftime("%Y-%m-%d %H:%M"),
                offence, offence_class, maximum, rng.choice(COURTS),
                f"MCCR/{n:05d}/{today.year - 1}", f"OB/{n}/{today.year - 1}",
                "untried", remand.isoformat(), "14",
                (today + timedelta(days=rng.randrange(1, 60))).isoformat(),
                rng.choice(("yes", "no")), "" if n % 11 else "Needs an interpreter",
            ])
