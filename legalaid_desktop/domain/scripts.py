"""Cyrillic, Greek, Indic (Devanagari, Bengali, Gurmukhi, Gujarati) and Ethiopic names read in Latin
letters: every plausible reading, main one first.

Registers write these names both ways: Юлия as Yulia, Yuliya or Iuliia (passports since 2013),
Хасан as Khasan or Hasan, राजेश as Rajesh, ግርማ as Girma. Where Latin conventions differ, a word has several
readings; the name matcher (domain/transliterate.py) turns each into a comparable Latin form, so a
Latin spelling of any convention meets one of them.
"""

from __future__ import annotations

import re
from itertools import product

MAX_READINGS = 16  # a word with many ambiguous letters keeps its first readings only

_CYRILLIC_RANGE = re.compile("[\u0400-\u04ff]")
_GREEK_RANGE = re.compile("[\u0370-\u03ff\u1f00-\u1fff]")
_DEVANAGARI_RANGE = re.compile("[\u0900-\u097f]")
# Bengali, Gurmukhi and Gujarati share Devanagari's layout, each in its own block of 128 code points.
_INDIC_OFFSETS = {"bengali": 0x80, "gurmukhi": 0x100, "gujarati": 0x180}
_INDIC_RANGE = re.compile("[\u0980-\u0aff]")
_ETHIOPIC_RANGE = re.compile("[\u1200-\u137f]")

# Russian, Ukrainian, Belarusian, Serbian, Macedonian, Bulgarian letters; first the English usage
# (BGN/PCGN), then the other conventions a clerk or a passport may follow.
_CYRILLIC = {
    "а": ("a",), "б": ("b",), "в": ("v",), "г": ("g", "h"), "ґ": ("g",), "д": ("d",), "ђ": ("dj",),
    "ѓ": ("gj",), "е": ("e",), "ё": ("yo", "e"), "є": ("ye", "ie"), "ж": ("zh", "j"), "з": ("z",),
    "ѕ": ("dz",), "и": ("i",), "і": ("i",), "ї": ("yi", "i"), "й": ("y", "i"), "ј": ("j", "y"),
    "к": ("k",), "л": ("l",), "љ": ("lj",), "м": ("m",), "н": ("n",), "њ": ("nj",), "о": ("o",),
    "п": ("p",), "р": ("r",), "с": ("s",), "т": ("t",), "ћ": ("c", "ch"), "ќ": ("kj",), "у": ("u",),
    "ў": ("w", "u"), "ф": ("f",), "х": ("kh", "h"), "ц": ("ts", "c"), "ч": ("ch",), "џ": ("dzh", "j"),
    "ш": ("sh",), "щ": ("shch", "sch"), "ъ": ("",), "ы": ("y",), "ь": ("",), "э": ("e",),
    "ю": ("yu", "iu"), "я": ("ya", "ia"),
}
_CYRILLIC_VOWELS = frozenset("аеёєиіїоуыэюя")
_IOTATED_E = ("ye", "e")  # е at the start or after a vowel: Yelena / Elena, Sergeyev / Sergeev

# Modern Greek; a pair of letters first (ου is u, μπ is b at the start), then single letters.
_GREEK_PAIRS = {
    "ου": ("ou",), "αι": ("ai", "e"), "ει": ("ei", "i"), "οι": ("oi", "i"), "αυ": ("av", "af"),
    "ευ": ("ev", "ef"), "μπ": ("mp", "b"), "ντ": ("nt", "d"), "γκ": ("gk", "g"), "γγ": ("ng",),
    "τσ": ("ts",), "τζ": ("tz",),
}
_GREEK = {
    "α": ("a",), "β": ("v",), "γ": ("g", "y"), "δ": ("d",), "ε": ("e",), "ζ": ("z",), "η": ("i",),
    "θ": ("th",), "ι": ("i",), "κ": ("k",), "λ": ("l",), "μ": ("m",), "ν": ("n",), "ξ": ("x",),
    "ο": ("o",), "π": ("p",), "ρ": ("r",), "σ": ("s",), "ς": ("s",), "τ": ("t",), "υ": ("y", "i"),
    "φ": ("f", "ph"), "χ": ("ch", "h", "kh"), "ψ": ("ps",), "ω": ("o",),
}

# Devanagari as Hindi names are written in Latin letters (Rajesh, Sharma, Yadav), not as IAST:
# long vowels plain, श and ष both sh.
_DEVA_CONSONANTS = {
    "क": "k", "ख": "kh", "ग": "g", "घ": "gh", "ङ": "n", "च": "ch", "छ": "chh", "ज": "j", "झ": "jh",
    "ञ": "n", "ट": "t", "ठ": "th", "ड": "d", "ढ": "dh", "ण": "n", "त": "t", "थ": "th", "द": "d",
    "ध": "dh", "न": "n", "प": "p", "फ": "ph", "ब": "b", "भ": "bh", "म": "m", "य": "y", "र": "r",
    "ल": "l", "ळ": "l", "व": "v", "श": "sh", "ष": "sh", "स": "s", "ह": "h",
}
_DEVA_NUKTA = {"क": "q", "ख": "kh", "ग": "gh", "ज": "z", "ड": "r", "ढ": "rh", "फ": "f"}
_DEVA_VOWELS = {
    "अ": "a", "आ": "a", "इ": "i", "ई": "i", "उ": "u", "ऊ": "u", "ऋ": "ri", "ए": "e", "ऐ": "ai",
    "ओ": "o", "औ": "au", "ऑ": "o",
}
_DEVA_SIGNS = {
    "ा": "a", "ि": "i", "ी": "i", "ु": "u", "ू": "u", "ृ": "ri", "े": "e", "ै": "ai", "ो": "o",
    "ौ": "au", "ॉ": "o",
}
_VIRAMA, _NUKTA, _ANUSVARA, _CANDRABINDU, _VISARGA = "\u094d", "\u093c", "\u0902", "\u0901", "\u0903"
_LABIALS = frozenset("pbm")


# Ethiopic (Amharic, Tigrinya): each letter a consonant row (eight letters from its first code point)
# and a vowel order. The sixth order is a consonant alone or with a short i that Latin spellings write
# or leave out (ግርማ Girma, ተስፋዬ Tesfaye); the first is the short e (ä) of Bekele, an a when it
# stands alone (አበበ Abebe).
_ETHIOPIC_ROWS = {
    0x1200: "h", 0x1208: "l", 0x1210: "h", 0x1218: "m", 0x1220: "s", 0x1228: "r", 0x1230: "s",
    0x1238: "sh", 0x1240: "q", 0x1250: "q", 0x1260: "b", 0x1268: "v", 0x1270: "t", 0x1278: "ch",
    0x1280: "h", 0x1290: "n", 0x1298: "ny", 0x12A0: "", 0x12A8: "k", 0x12B8: "h", 0x12C8: "w",
    0x12D0: "", 0x12D8: "z", 0x12E0: "zh", 0x12E8: "y", 0x12F0: "d", 0x12F8: "d", 0x1300: "j",
    0x1308: "g", 0x1318: "g", 0x1320: "t", 0x1328: "ch", 0x1330: "p", 0x1338: "ts", 0x1340: "ts",
    0x1348: "f", 0x1350: "p",
}
_ETHIOPIC_LABIALISED = {0x1248: "q", 0x1258: "q", 0x1288: "h", 0x12B0: "k", 0x12C0: "h", 0x1310: "g"}
_ETHIOPIC_ORDERS = (("e",), ("u",), ("i",), ("a",), ("e",), ("", "i"), ("o",), ("wa",))
_ETHIOPIC_LABIALISED_ORDERS = {0: ("we",), 2: ("wi",), 3: ("wa",), 4: ("we",), 5: ("u",)}


def script_of(word: str) -> str:
    """"cyrillic", "greek", "devanagari" or "ethiopic" for a word in one of these scripts, else ""."""
    if _CYRILLIC_RANGE.search(word):
        return "cyrillic"
    if _GREEK_RANGE.search(word):
        return "greek"
    if _DEVANAGARI_RANGE.search(word):
        return "devanagari"
    if found := _INDIC_RANGE.search(word):
        return ("bengali", "gurmukhi", "gujarati")[(ord(found.group()) - 0x0980) // 0x80]
    if _ETHIOPIC_RANGE.search(word):
        return "ethiopic"
    return ""


def _combine(choices: list[tuple[str, ...]]) -> tuple[str, ...]:
    """Every reading of a word from its letters' choices, main first, at most MAX_READINGS."""
    out: list[str] = []
    for parts in product(*choices):
        reading = "".join(parts)
        if reading not in out:
            out.append(reading)
            if len(out) == MAX_READINGS:
                break
    return tuple(out)


def cyrillic_readings(word: str) -> tuple[str, ...]:
    """Latin readings of a lower-case Cyrillic word: "хасан" -> ("khasan", "hasan")."""
    choices: list[tuple[str, ...]] = []
    for i, ch in enumerate(word):
        if ch == "е" and (i == 0 or word[i - 1] in _CYRILLIC_VOWELS or word[i - 1] in "ьъ"):
            choices.append(_IOTATED_E)
        else:
            choices.append(_CYRILLIC.get(ch, (ch,)))
    return _combine(choices)


def greek_readings(word: str) -> tuple[str, ...]:
    """Latin readings of a lower-case Greek word without accents: "γεωργιος" -> ("georgios", ...)."""
    choices: list[tuple[str, ...]] = []
    i = 0
    while i < len(word):
        pair = word[i:i + 2]
        if pair in _GREEK_PAIRS:
            choices.append(_GREEK_PAIRS[pair])
            i += 2
            continue
        choices.append(_GREEK.get(word[i], (word[i],)))
        i += 1
    return _combine(choices)


def _deva_units(word: str, inherent: str = "a") -> list[tuple[str, str]]:
    """The word as (kind, Latin) units: "c" consonant, "v" written vowel, "s" inherent vowel, "x" other."""
    units: list[tuple[str, str]] = []
    i = 0
    while i < len(word):
        ch = word[i]
        if ch in _DEVA_CONSONANTS:
            latin = _DEVA_CONSONANTS[ch]
            if word[i + 1:i + 2] == _NUKTA:
                latin = _DEVA_NUKTA.get(ch, latin)
                i += 1
            units.append(("c", latin))
            following = word[i + 1:i + 2]
            if following in _DEVA_SIGNS:
                units.append(("v", _DEVA_SIGNS[following]))
                i += 1
            elif following == _VIRAMA:
                i += 1
            else:
                units.append(("s", inherent))
        elif ch in _DEVA_VOWELS:
            units.append(("v", _DEVA_VOWELS[ch]))
        elif ch in (_ANUSVARA, _CANDRABINDU):
            units.append(("x", "n"))  # m before p, b, m: written in once the next letter is known
        elif ch == _VISARGA:
            units.append(("x", "h"))
        i += 1
    return units


def _deva_latin(units: list[tuple[str, str]]) -> str:
    out = []
    for i, (kind, latin) in enumerate(units):
        if kind == "x" and latin == "n" and i + 1 < len(units) and units[i + 1][1][:1] in _LABIALS:
            latin = "m"
        out.append(latin)
    return "".join(out)


def _consonants_then_vowel(units: list[tuple[str, str]], start: int, deleted: set[int]) -> bool:
    """From `start`, one consonant or a written cluster (Gurpreet), then a vowel not deleted: a
    cluster made by deleting a vowel keeps the one before it (अमरनाथ Amarnath, not Amrnath)."""
    end = start
    while end < len(units) and (units[end][0] == "c" or end in deleted):
        if end in deleted:
            return False
        end += 1
    return end > start and end < len(units) and units[end][0] in "vs"


def devanagari_readings(word: str, inherent: str = "a") -> tuple[str, ...]:
    """Latin readings of a Devanagari word: Hindi drops the inherent a at the end after a single
    consonant (राम Ram, but गुप्त Gupta) and, read right to left, between a vowel-consonant and a
    consonant-vowel or a written cluster-vowel (कमला Kamla, अमरप्रीत Amarpreet); the second reading
    keeps the medial ones (Kamala, as written in the south and in Sanskrit names)."""
    units = _deva_units(word, inherent)
    if len(units) > 2 and units[-1][0] == "s" and units[-2][0] == "c" and units[-3][0] != "c":
        units = units[:-1]
    full = _deva_latin(units)
    deleted: set[int] = set()
    for i in range(len(units) - 2, 1, -1):
        if (units[i][0] == "s" and units[i - 1][0] == "c" and units[i - 2][0] in "vs"
                and _consonants_then_vowel(units, i + 1, deleted)):
            deleted.add(i)
    hindi = _deva_latin([unit for i, unit in enumerate(units) if i not in deleted])
    return (hindi, full) if hindi != full else (hindi,)


def _as_devanagari(word: str, script: str) -> str:
    """A Bengali, Gurmukhi or Gujarati word in the matching Devanagari letters."""
    if script == "bengali":
        # য় is ya; য is j at the start of a word (যাদব Jadab) and y after a consonant (আদিত্য
        # Aditya); ৎ is a t without its vowel.
        word = word.replace("\u09af\u09bc", "\u092f").replace("\u09ce", "\u0924\u094d")
        word = word[:1].replace("\u09af", "\u091c") + word[1:].replace("\u09af", "\u092f")
    if script == "gurmukhi":  # tippi is a nasal; addak doubles the next consonant, which Latin may not
        word = word.replace("\u0a70", "\u0a02").replace("\u0a71", "")
    offset = _INDIC_OFFSETS[script]
    start = 0x0900 + offset
    return "".join(chr(ord(ch) - offset) if start <= ord(ch) < start + 0x80 else ch for ch in word)


def indic_readings(word: str, script: str) -> tuple[str, ...]:
    """Latin readings of a Bengali, Gurmukhi or Gujarati word, read as Devanagari; Bengali's inherent
    vowel is also read o (শহিদুল Shahidul or Shohidul)."""
    deva = _as_devanagari(word, script)
    readings = devanagari_readings(deva)
    if script == "bengali":
        readings += tuple(r for r in devanagari_readings(deva, "o") if r not in readings)
    return readings


def _ethiopic_letter(ch: str) -> tuple[str, ...]:
    point = ord(ch)
    row, order = point & ~7, point & 7
    if row in _ETHIOPIC_LABIALISED:
        consonant = _ETHIOPIC_LABIALISED[row]
        return tuple(consonant + vowel for vowel in _ETHIOPIC_LABIALISED_ORDERS.get(order, ("",)))
    if row not in _ETHIOPIC_ROWS:
        return (ch,) if ch.isalpha() and not _ETHIOPIC_RANGE.match(ch) else ("",)
    consonant = _ETHIOPIC_ROWS[row]
    if not consonant:  # a vowel letter (አ, ዐ): the first order stands for a, the sixth for e or i
        return {0: ("a",), 5: ("e", "i")}.get(order, _ETHIOPIC_ORDERS[order])
    return tuple(consonant + vowel for vowel in _ETHIOPIC_ORDERS[order])


def ethiopic_readings(word: str) -> tuple[str, ...]:
    """Latin readings of an Ethiopic word: "ግርማ" -> ("grma", "grima", "girma", "girima")."""
    choices = [_ethiopic_letter(ch) for ch in word]
    last = len(choices) - 1
    if last > 0 and len(choices[last]) > 1:
        choices[last] = choices[last][:1]  # a last sixth order is the consonant alone
    readings = _combine(choices)
    # The script does not write a doubled consonant, and Latin spellings double the last one before
    # a final e (ታደሰ Tadesse), which keeps that e in the comparable form.
    doubled = tuple(r[:-2] + r[-2] + r[-2:] for r in readings if len(r) > 3 and r[-1] == "e"
                    and r[-2] not in "aeiouy" and r[-3] != r[-2])
    return (readings + doubled)[:MAX_READINGS]


def latin_readings(word: str) -> tuple[str, ...]:
    """The Latin readings of a lower-case word in one of the scripts above; () for other words."""
    script = script_of(word)
    if script == "cyrillic":
        return cyrillic_readings(word)
    if script == "greek":
        return greek_readings(word)
    if script == "devanagari":
        return devanagari_readings(word)
    if script == "ethiopic":
        return ethiopic_readings(word)
    if script in _INDIC_OFFSETS:
        return indic_readings(word, script)
    return ()
