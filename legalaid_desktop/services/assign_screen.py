"""What the assignment dialog shows beside each suggestion: the provider's languages and training."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from legalaid_desktop.domain.conflicts import Suggestion
from legalaid_desktop.domain.org import Provider
from legalaid_desktop.services.conflicts import suggest_providers
from legalaid_desktop.services.ports import UnitOfWork


@dataclass(frozen=True)
class ProviderChoice:
    """A suggestion with what a coordinator reads before choosing (no contact details)."""

    suggestion: Suggestion
    languages: str | None
    specialisms: str | None


def provider_choices(uow: UnitOfWork, *, case_id: int, limit: int = 25,
                     today: date | None = None) -> list[ProviderChoice]:
    """The best `limit` suggestions for the case (as suggest_providers ranks them), each with the
    provider's languages and specialisms."""
    found = suggest_providers(uow, case_id=case_id, limit=limit, today=today)
    with uow:
        repo = uow.repo(Provider)
        out = []
        for suggestion in found:
            provider = repo.get(suggestion.provider_id)
            out.append(ProviderChoice(suggestion=suggestion,
                                      languages=provider.languages if provider else None,
                                      specialisms=provider.specialisms if provider else None))
        return out
