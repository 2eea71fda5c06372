"""Reading an export file piece by piece: one record in memory at a time, never the whole file."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, TextIO

from legalaid_desktop.services.exchange_format import (
    FORMAT_NAME,
    ExchangeContentError,
    ExchangeSyntaxError,
)


@dataclass(frozen=True)
class HeaderRead:
    """The top-level fields met before `records` (all of them, when there are no records)."""

    fields: dict[str, Any]


@dataclass(frozen=True)
class SectionStart:
    """`records.<type_name>` begins."""

    type_name: str
    line: int


@dataclass(frozen=True)
class RawRecord:
    type_name: str
    index: int
    line: int
    raw: Any


@dataclass(frozen=True)
class TrailerRead:
    """The top-level fields met after `records`."""

    fields: dict[str, Any]


ReadEvent = HeaderRead | SectionStart | RawRecord | TrailerRead


class JsonStream:
    """A JSON text read piece by piece: one value at a time, never the whole file.

    Values are parsed by the standard library's decoder; this class only walks the object and
    array brackets around them, so a multi-gigabyte export needs memory for one record at a time.
    """

    CHUNK = 1 << 20
    _WHITESPACE = " \t\r\n"

    def __init__(self, handle: TextIO, path: str) -> None:
        self._handle = handle
        self._path = path
        self._buf = ""
        self._pos = 0
        self._eof = False
        self._start = (0, 1, 1)  # line and column of the buffer's first character
        # A later position with its line and column; counting goes on from there, so each
        # character is counted once however many records ask where they are.
        self._mark = self._start
        self._decoder = json.JSONDecoder()

    def _read_more(self, at_least: int) -> bool:
        if self._eof:
            return False
        line, column = self.where(self._pos)
        self._buf = self._buf[self._pos:]
        self._pos = 0
        self._start = self._mark = (0, line, column)
        try:
            chunk = self._handle.read(max(at_least, self.CHUNK))
        except UnicodeDecodeError as exc:
            raise ExchangeSyntaxError(self._path, line, column,
                                      f"the file is not UTF-8 text ({exc.reason})") from None
        if not chunk:
            self._eof = True
            return False
        self._buf += chunk
        return True

    def where(self, pos: int | None = None) -> tuple[int, int]:
        """Line and column (from 1) of a position in the buffer."""
        pos = self._pos if pos is None else pos
        start, line, column = self._mark if pos >= self._mark[0] else self._start
        newlines = self._buf.count("\n", start, pos)
        if newlines:
            line += newlines
            column = pos - self._buf.rfind("\n", start, pos)
        else:
            column += pos - start
        self._mark = (pos, line, column)
        return line, column

    def fail(self, detail: str, pos: int | None = None) -> ExchangeSyntaxError:
        line, column = self.where(pos)
        return ExchangeSyntaxError(self._path, line, column, detail)

    def peek(self) -> str:
        """The next character that is not white space, or "" at the end of the file."""
        while True:
            while self._pos < len(self._buf) and self._buf[self._pos] in self._WHITESPACE:
                self._pos += 1
            if self._pos < len(self._buf):
                return self._buf[self._pos]
            if not self._read_more(self.CHUNK):
                return ""

    def take(self, chars: str, what: str) -> str:
        char = self.peek()
        if not char or char not in chars:
            raise self.fail(f"expected {what}, found "
                             + (repr(char) if char else "the end of the file (is it cut short?)"))
        self._pos += 1
        return char

    def value(self) -> Any:
        self.peek()
        while True:
            try:
                value, end = self._decoder.raw_decode(self._buf, self._pos)
            except json.JSONDecodeError as exc:
                unterminated = exc.msg.startswith("Unterminated string")
                # An error near the end of what has been read may only mean the value goes on.
                # (Reading more moves the buffer, so the error is looked at afresh.)
                if (unterminated or exc.pos >= len(self._buf) - 8) and not self._eof:
                    self._read_more(len(self._buf))
                    continue
                if unterminated or not self._buf[exc.pos:].strip():
                    raise self.fail("the file ends in the middle of a value (is it cut short?)",
                                    exc.pos) from None
                raise self.fail(exc.msg, exc.pos) from None
            # A number read up to the end of the buffer may have more digits to come.
            if end == len(self._buf) and not self._eof:
                self._read_more(self.CHUNK)
                continue
            self._pos = end
            return value

    def key(self) -> str:
        at = self._pos
        name = self.value()
        if not isinstance(name, str):
            raise self.fail("expected a field name in double quotes", at)
        self.take(":", "':'")
        return name

    def line(self) -> int:
        self.peek()
        return self.where()[0]


def read_export(handle: TextIO, path: str) -> Iterator[ReadEvent]:
    """Walk an export file: its header fields, then each record, then any fields after them."""
    stream = JsonStream(handle, path)
    first = stream.peek()
    if first == "":
        raise ExchangeSyntaxError(path, 1, 1, "the file is empty")
    if first != "{":
        raise stream.fail(f"expected a JSON object, {{\"format\": \"{FORMAT_NAME}\", ...}}, "
                          f"found {first!r}")
    stream.take("{", "'{'")
    header: dict[str, Any] = {}
    trailer: dict[str, Any] = {}
    seen_records = False
    if stream.peek() == "}":
        stream.take("}", "'}'")
    else:
        while True:
            name = stream.key()
            if name in header or name in trailer or (name == "records" and seen_records):
                raise ExchangeContentError(path, "(file)", stream.line(), "(top level)", name,
                                           "each top-level field once")
            if name == "records":
                seen_records = True
                yield HeaderRead(dict(header))
                yield from _read_records(stream)
            elif seen_records:
                trailer[name] = stream.value()
            else:
                header[name] = stream.value()
            if stream.take(",}", "',' or '}'") == "}":
                break
    if stream.peek() != "":
        raise stream.fail("more text after the end of the export")
    if not seen_records:
        yield HeaderRead(dict(header))
    yield TrailerRead(trailer)


def _read_records(stream: JsonStream) -> Iterator[ReadEvent]:
    stream.take("{", "an object of record type: [records] after \"records\":")
    if stream.peek() == "}":
        stream.take("}", "'}'")
        return
    while True:
        line = stream.line()
        type_name = stream.key()
        yield SectionStart(type_name, line)
        stream.take("[", f"a list of {type_name} records in [ ]")
        if stream.peek() == "]":
            stream.take("]", "']'")
        else:
            index = 0
            while True:
                line = stream.line()
                yield RawRecord(type_name, index, line, stream.value())
                index += 1
                if stream.take(",]", "',' or ']'") == "]":
                    break
        if stream.take(",}", "',' or '}'") == "}":
            return
