"""The jurisdictions the application knows, read from the rule files folder."""

from __future__ import annotations

import tomllib
from pathlib import Path

from legalaid_desktop.domain.jurisdictions import (
    JurisdictionInfo,
    RuleFileError,
    parse_jurisdiction,
)


class Catalogue:
    """Jurisdiction descriptions by code, loaded once from `folder/*.toml`."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._by_code: dict[str, JurisdictionInfo] | None = None

    def _load(self) -> dict[str, JurisdictionInfo]:
        if self._by_code is None:
            found: dict[str, JurisdictionInfo] = {}
            for path in sorted(self.folder.glob("*.toml")):
                try:
                    data = tomllib.loads(path.read_text(encoding="utf-8"))
                except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
                    raise RuleFileError(str(path), "(file)", "(syntax)", str(exc)) from None
                info = parse_jurisdiction(data, str(path))
                if info.code != path.stem.upper():
                    raise RuleFileError(str(path), "jurisdiction", "code",
                                        f"{info.code!r} does not match the file name {path.stem!r}")
                found[info.code] = info
            self._by_code = found
        return self._by_code

    def codes(self) -> list[str]:
        return sorted(self._load())

    def get(self, code: str) -> JurisdictionInfo | None:
        return self._load().get(code.strip().upper())
