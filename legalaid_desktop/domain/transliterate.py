"""Names to comparable Latin forms: Arabic, Cyrillic, Greek, Devanagari and Ethiopic script to Latin,
spelling variants folded, a key per token."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cached_property, lru_cache

from legalaid_desktop.domain.folding import fold
from legalaid_desktop.domain.scripts import latin_readings, script_of

# In a form, lower-case vowels are short or unknown; upper-case ones were written long: doubled in
# Latin ("ee", "oo", "ou") or a long-vowel letter in Arabic (ا و ي). Arabic script leaves short vowels
# unwritten, so a Latin spelling can only be checked against the long ones.
VOWELS = frozenset("aeiuAIU")

_APOSTROPHES = re.compile("['\u2019\u02bc\u02bb`\u00b4]")
_ARABIC_RANGE = re.compile("[\u0600-\u06ff]")
_WORD = re.compile(r"\w+", re.UNICODE)
# A word as written: Devanagari vowel signs and virama, and combining accents, are not \w.
_WRITTEN_WORD = re.compile("[\\w\u0300-\u036f\u0900-\u0963\u0966-\u0aff]+")
_MAQSURA = "\u06d2"

# Order matters: longer spellings first, and "c" only after "ch" has been taken out.
# "sh" and "ch" become one letter "c" (French writes Cheikh, Rachid, Aicha for Sheikh, Rashid, Aisha),
# and "kh" the letter "x", a sound between k and h (Nkhosi / Nkosi, Khamis / Hamisi).
_LATIN_CONSONANTS = (
    ("tch", "ch"), ("tsh", "sh"), ("sch", "sh"), ("ksh", "ks"), ("x", "ks"), ("ph", "f"), ("kh", "x"),
    ("gh", "g"), ("dh", "d"), ("th", "t"), ("ck", "k"), ("q", "k"),
)
_SHR = re.compile("^shr")  # Sri / Shri, Srivastava / Shrivastava: Sanskrit śr, written both ways
# A Somali spelling: x between vowels or before one at the start (Maxamed, Xasan), or c for an ain
# before Abd- or a long vowel (Cabdi, Caasha, Ciise); the second form reads x as h, drops the c.
_SOMALI = re.compile("(?:^|[aeiou])x[aeiou]|^c(?:abd|aa|ii|uu|[aeiou][^aeiou]*(?:aa|ii|uu))")
_SOMALI_AIN = re.compile("^c(?=[aeiou])")
_HARD_CH = re.compile("^chr")  # Christopher / Kristopher; inside a word ch is sh (Achraf / Ashraf)
_HARD_GU = re.compile("gu(?=[ei])")  # French gu before e or i is a hard g (Naguib / Nagib, Gueye)
_SOFT_G = re.compile("^g(?=[eiy])")  # Geoffrey / Jeffrey, Gibril / Jibril, Gihan / Jihan
_SOFT_C = re.compile("c(?=[eiy])")
_LATIN_VOWELS = (("ee", "I"), ("ii", "I"), ("ou", "U"), ("oo", "U"), ("uu", "U"), ("aa", "A"),
                 ("ei", "ai"))

_ARABIC_LETTERS = {
    "ب": "b", "ت": "t", "ث": "s", "ج": "j", "ح": "h", "خ": "x", "د": "d", "ذ": "d", "ر": "r",
    "ز": "z", "س": "s", "ش": "c", "ص": "s", "ض": "d", "ط": "t", "ظ": "z", "غ": "g", "ف": "f",
    "ق": "k", "ك": "k", "ل": "l", "م": "m", "ن": "n", "پ": "p", "چ": "c", "گ": "g", "ژ": "z",
    "ک": "k", "ہ": "h", "ء": "",
    # Urdu and Pashto letters (ٹیپو Tipu, بھٹو Bhutto, ګل Gul, ښکلی)
    "ٹ": "t", "ڈ": "d", "ڑ": "r", "ں": "n", "ھ": "h", "ټ": "t", "ډ": "d", "ړ": "r", "ږ": "z", "ښ": "c",
    "ګ": "g", "ڼ": "n", "ځ": "z", "څ": "s",
}

# The article standing alone carries no identity.
_DROPPED = frozenset({"al", "el"})
# "Son of", "daughter of": a clerk may leave the word out (Ali bin Hamad / Ali Hamad) or write it
# into the next (Yusuf Ben Ali / Youssef Benali), so it is joined to the next word like a particle,
# that word alone a second form; a name that starts with it is a given name (Ben Smith).
_LINKS = frozenset({"bin", "ibn", "bint", "binti", "ben", "ould", "wad", "arap", "بن", "ابن", "بنت"})
# Words that belong to the word after them: "Abdul Rahman" is one name, so is "de la Cruz".
_JOINED = frozenset({"abd", "abdul", "abdel", "abdal", "abdur", "abu", "mac", "mc", "عبد", "ابو"})
# Particles joined the same way, but a clerk may leave them out ("Cruz" for "dela Cruz"), and "Van"
# is also a Vietnamese middle name (Nguyen Van Minh / Minh Nguyen Van): the word alone is a second form.
# (Not "le" nor "do": Lê and Đỗ are Vietnamese family names.)
_PARTICLES = frozenset({"de", "del", "dela", "della", "delos", "los", "las", "la", "van", "von", "der",
                        "den", "da", "dos", "das", "di", "du"})
# Vietnamese family names no other tradition here writes as a word of its own (not Le, Do, Ho, Ly),
# and the women's middle name Thi: with one of them, or a Vietnamese letter, a name is Vietnamese.
_VIETNAMESE_WORDS = frozenset({"nguyen", "tran", "pham", "hoang", "huynh", "phan", "vu", "vo", "dang",
                               "bui", "ngo", "duong", "truong", "dinh", "trinh", "luong", "doan", "dao",
                               "quach", "thi"})
_HORN, _HOOK_ABOVE, _TONES = "\u031b", "\u0309", frozenset("\u0300\u0301\u0303\u0323\u0309")
# Letters that are not a base letter with a mark, so folding keeps them (Đặng, Yıldız, Łukasz).
_PLAIN_LETTERS = str.maketrans({"đ": "d", "ı": "i", "ł": "l", "ø": "o", "æ": "ae", "œ": "oe", "ð": "d",
                                "þ": "th"})
# Common names whose usual spellings differ in a consonant, which no letter rule can safely fold
# (th/s holds for Othman/Osman but not Thomas/Tomas; g/j for Gamal/Jamal but not Gift/Jift).
_NAME_FORMS = {
    "md": "muhamad", "muhd": "muhamad", "ma": "maria", "utman": "usman", "gamal": "jamal",
    "yagUb": "yakUb", "yagub": "yakUb", "yakub": "yakUb", "yakUb": "yakUb",
    # West African men's names add a final a to the Arabic one (a final a otherwise makes a woman's
    # name: Rashid / Rashida): Ibrahima, Idrissa, Ismaila, Yacouba.
    "ibrahima": "ibrahim", "ibraima": "ibrahim", "idrisa": "idris", "ismaila": "ismail",
    "yakUba": "yakUb", "yakuba": "yakUb",
    "icak": "ishak", "icAk": "ishAk", "icaku": "ishaku",  # Ishaq: the s and h of إسحاق, not sh
}
_ABD_ALLAH = re.compile("la+h?[aeiuAIU]*")
_SILENT_H = re.compile("(?<=[aeiou])h(?![aeiouy])")


def is_arabic(text: str) -> bool:
    """True when the text holds Arabic-script letters."""
    return _ARABIC_RANGE.search(text) is not None


def _collapse(form: str) -> str:
    """A run of one letter counts once: Ssempala / Sempala, Mohammed / Mohamed."""
    out: list[str] = []
    for ch in form:
        if not out or out[-1] != ch:
            out.append(ch)
    return "".join(out)


def latin_form(word: str) -> str:
    """One folded Latin word as a comparable form: consonant digraphs and vowel spellings folded.

    "Mohammed" -> "muhamed", "Yousef" -> "yUsef", "Odhiambo" -> "udiambu", "Hussein" -> "husain".
    """
    form = fold(_APOSTROPHES.sub("", word))
    form = _HARD_GU.sub("g", _SOFT_G.sub("j", _HARD_CH.sub("kr", _SHR.sub("sr", form))))
    for old, new in _LATIN_CONSONANTS:
        form = form.replace(old, new)
    form = _SOFT_C.sub("s", form).replace("ch", "C").replace("sh", "C").replace("c", "k").replace("C", "c")
    # y and w are consonants only where a word starts with them (Yusuf, Wanjiku); inside a word
    # they spell vowels (Maryam / Mariam, Dawood / Daud).
    form = form[:1] + form[1:].replace("y", "i").replace("w", "u")
    for old, new in _LATIN_VOWELS:
        form = form.replace(old, new)
    doubled_before_e = len(form) > 3 and form[-1] == "e" and form[-2] == form[-3]
    form = _collapse(form.replace("o", "u"))
    if len(form) > 3 and form[-1] == "e" and form[-2] not in VOWELS and not doubled_before_e:
        form = form[:-1]  # Ousmane / Usman, Clarke / Clark; not Danielle, whose e makes her name
    return _canonical(form)


def latin_forms(word: str) -> tuple[str, ...]:
    """The forms of one Latin word: as spelt, and without an h that may be silent.

    An h after a vowel is often not written (Wafulah / Wafula, John / Jon, Rehman / Reman) but
    is sometimes a real letter (Salih for صالح), so both forms are kept.
    """
    word = fold(word)
    variants = [word, _SILENT_H.sub("", word)]
    # Iuliia / Yuliya, Iakov / Yakov: passports (ICAO) write a first Cyrillic ю, я, е as iu, ia, ie.
    if len(word) > 3 and word[0] == "i" and word[1] in "aeou":
        variants.append("y" + word[1:])
    if _SOMALI.search(word):  # Somali writes x for the h of Hassan, c for the ain of Abdi, Aisha
        variants.append(_SOMALI_AIN.sub("", word.replace("x", "h")))
    # "Elhassan", "Altayeb": the article joined in Latin too; "Albert" keeps its main form.
    if len(word) > 4 and word[:2] in ("al", "el") and word[2] not in "aeiouy":
        variants.append(word[2:])
    forms: list[str] = []
    for variant in variants:
        form = latin_form(variant)
        if form not in forms:
            forms.append(form)
    return tuple(forms)


def arabic_form(word: str) -> str:
    """One Arabic-script word as a Latin form: consonants, and the long vowels written in the script.

    "محمد" -> "mhmd", "يوسف" -> "yUsf", "فاطمة" -> "fAtma". Short vowels are not written, so they
    are not guessed; a Latin spelling is compared against consonants and long vowels only.
    """
    # Alef maqsura ends Musa and Mustafa, and is often written for a final ya (على for علي);
    # fold() would make it a ya, so it is carried through as yeh barree, which fold() keeps.
    text = fold(word.replace("\u0649", _MAQSURA))
    out: list[str] = []
    last = len(text) - 1
    for i, ch in enumerate(text):
        if ch == "\u0627":  # alef: at the start it only carries an unwritten vowel
            out.append("a" if i == 0 else "A")
        elif ch == "\u0648":
            out.append("w" if i == 0 else "U")
        elif ch == _MAQSURA:
            out.append("a" if i == last else "I")  # an unmarked vowel: a or i, the script can't say
        elif ch in "\u064a\u06cc":
            out.append("y" if i == 0 else "I")
        elif ch == "\u0639":  # ain: heard as a vowel in Latin spellings (Omar, Ali, Saad)
            out.append("a")
        elif ch == "\u0647":  # final ha is mostly taa marbuta (Fatima) or the h of Allah
            out.append("a" if i == last else "h")
        else:
            out.append(_ARABIC_LETTERS.get(ch, ""))
    return _canonical(_collapse("".join(out)))


def _canonical(form: str) -> str:
    """Common name forms: the Abd- names' article, and a few spellings that differ in a consonant."""
    if form.lower().startswith("abd") and len(form) > 3:
        rest = form[3:].lstrip("aeiuAIU")
        if len(rest) > 1 and rest[0] == "l" and rest[1] not in VOWELS and rest[1] != "l":
            rest = rest[1:]  # Abdul-Karim / Abdi-Karim / Abd al-Karim: the article goes
        if _ABD_ALLAH.fullmatch(rest):
            rest = "la"  # Abdallah, Abdullahi, Abdoulaye, عبد الله
        form = "abd" + rest
    return _NAME_FORMS.get(form, form)


_NO_VOWELS = str.maketrans(dict.fromkeys(VOWELS))


def skeleton(form: str) -> str:
    """The consonants of a form, in order."""
    return form.translate(_NO_VOWELS)


# Consonants that spellings of one name trade (Elizabeth / Elisabeth, Stephen / Steven, Sipho / Sipo,
# Gibril / Jibril, Yohana / Johana, Khalid / Halid, Wasim / Vasim) share a letter in the keys, so a variant
# in one of them still finds its candidates by index lookup.
CONSONANT_CLASS = {"z": "s", "c": "s", "v": "f", "w": "f", "p": "f", "g": "j", "y": "j", "x": "h"}
_KEY_LETTERS = str.maketrans(CONSONANT_CLASS)


def phonetic_key(form: str) -> str:
    """The phonetic key of one name token: its consonants, each as its class ("_" for vowels alone)."""
    return skeleton(form).translate(_KEY_LETTERS) or "_"


def key_letters(form: str) -> tuple[str, ...]:
    """The first letter as its class, every vowel as "a": what the keys pair with another word's key.

    A first kh gives two (Khadija / Hadija, Khadiatou / Kadiatou).
    """
    first = form[:1].lower()
    if first in VOWELS:
        return ("a",)
    return ("h", "k") if first == "x" else (first.translate(_KEY_LETTERS),)


def slots(form: str) -> list[str]:
    """The vowels before, between and after the consonants: len(skeleton(form)) + 1 strings."""
    out = [""]
    for ch in form:
        if ch in VOWELS:
            out[-1] += ch
        else:
            out.append("")
    return out


@dataclass(frozen=True, eq=False)  # one object per word (word_token is cached): compared by identity
class NameToken:
    """One word of a name, ready to compare.

    `text` is the folded word as written (a word in another script: its main Latin
    reading); `forms` its comparable forms, the first the main one (a Latin word joined to the
    article, "Elhassan", also has the form without it; a word in another script has one per reading);
    `script` the script it was written in ("latin", "arabic", "cyrillic", "greek", "devanagari",
    "ethiopic");
    `initial` marks a single letter ("J." in "J. Mwangi"); `written` is the word as written, lower
    case, when that is not `text` (marks folding drops, Vietnamese tones among them, or the script).
    """

    text: str
    forms: tuple[str, ...]
    script: str
    initial: bool
    written: str = ""

    @property
    def arabic(self) -> bool:
        """The forms came from Arabic script: consonants and long vowels only."""
        return self.script == "arabic"

    @cached_property
    def keys(self) -> frozenset[str]:
        """Phonetic keys: the consonant classes of each form (a form of vowels alone keys as "_")."""
        return frozenset(phonetic_key(form) for form in self.forms)

    @property
    def first_letter(self) -> str:
        """The letter an initial of this word would be: of the main form, lower-cased."""
        return self.forms[0][:1].lower()

    @property
    def key_letters(self) -> tuple[str, ...]:
        """The first letter as the keys pair it: its consonant class, or "a" for any vowel."""
        return key_letters(self.forms[0])


def _words(name: str) -> list[tuple[str, str]]:
    """(folded word, the word as written in lower case if that differs); apostrophes join (Ndung'u),
    other punctuation separates (J.Mwangi, Okonkwo-Eze). A word in another script (scripts.py) is
    kept as written (lower case, without stress marks): its letters are read in word_token."""
    if name.isascii():  # most names: folding is lower case, and the words are written as folded
        return [(word, "") for word in _WORD.findall(_APOSTROPHES.sub("", name).lower())]
    text = unicodedata.normalize("NFC", _APOSTROPHES.sub("", name.replace("\u0649", _MAQSURA)))
    out: list[tuple[str, str]] = []
    for written in _WRITTEN_WORD.findall(text):
        if script_of(written):
            out.append((_script_word(written), ""))
            continue
        lower = written.lower()
        for word in _WORD.findall(fold(written).translate(_PLAIN_LETTERS)):
            out.append((word, lower if lower != word and not lower.isascii() else ""))
    return out


def _script_word(written: str) -> str:
    """A word of another script in lower case, without stress and Greek accent marks
    (й, ё and ї keep theirs: they are other letters)."""
    lower = unicodedata.normalize("NFC", written.lower())
    if script_of(lower) == "greek":
        lower = "".join(ch for ch in unicodedata.normalize("NFD", lower) if not unicodedata.combining(ch))
    return lower.replace("\u0301", "").replace("\u0300", "")


def vietnamese_word(text: str, written: str) -> bool:
    """A word that makes a name Vietnamese: a family name of the list, Thi, or a letter only
    Vietnamese writes (ơ, ư, a hook above, a tone mark on â, ê, ô, ă)."""
    if text in _VIETNAMESE_WORDS:
        return True
    if not written:
        return False
    marks = [ch for ch in unicodedata.normalize("NFD", written) if unicodedata.combining(ch)]
    return _HORN in marks or _HOOK_ABOVE in marks or (
        any(ch in "\u0302\u0306" for ch in marks) and any(ch in _TONES for ch in marks))


def _joined(words: list[tuple[str, str]]) -> list[tuple[str, str, str]]:
    """Drop linking words and glue prefixes to the word after them: (joined word, the word alone if
    only particles were glued to it, else "", the word as written if that differs, else "").

    A Vietnamese name has no particles: Văn is a middle name (Nguyen Van Nam / Nguyen Thi Nam)."""
    out: list[tuple[str, str, str]] = []
    pending = ""
    particles = True
    vietnamese = any(vietnamese_word(word, written) for word, written in words)
    for i, (word, written) in enumerate(words):
        link = word in _LINKS and i > 0
        particle = word in _PARTICLES and not vietnamese
        if word in _JOINED or particle or link or (pending and word in _DROPPED):
            pending += word  # "Abd al Rahman" keeps its article inside the joined word
            particles = particles and (particle or link)
            continue
        if word in _DROPPED:
            continue
        out.append((pending + word, word if pending and particles else "", "" if pending else written))
        pending, particles = "", True
    if pending:
        out.append((pending, "", ""))
    return out


@lru_cache(maxsize=100_000)
def word_token(word: str, alone: str = "", written: str = "") -> NameToken:
    """One folded, joined word as a token (`alone`: the word without its particles, a further form;
    `written`: the word as written, if that differs); cached, as a register repeats the same names
    endlessly."""
    if is_arabic(word):
        bare = word[2:] if word.startswith("\u0627\u0644") and len(word) > 3 else word
        return NameToken(word, (arabic_form(bare),), "arabic", initial=False)
    if script := script_of(word):
        readings = latin_readings(word)
        forms = tuple(dict.fromkeys(form for reading in readings for form in latin_forms(reading)))
        return NameToken(readings[0], forms, script, initial=len(word) == 1, written=word)
    forms = latin_forms(word)
    if alone:
        forms += tuple(form for form in latin_forms(alone) if form not in forms)
    return NameToken(word, forms, "latin", initial=len(word) == 1, written=written)


def name_tokens(name: str) -> list[NameToken]:
    """The comparable words of a full name, in the order written."""
    return [word_token(word, alone, written) for word, alone, written in _joined(_words(name))]
