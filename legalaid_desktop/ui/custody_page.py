"""The Custody screen (not built yet: it says so)."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from legalaid_desktop.app import Application
from legalaid_desktop.i18n import _
from legalaid_desktop.ui.case_view import Clock, utc_now
from legalaid_desktop.ui.placeholder import PlaceholderPage


class CustodyPage(PlaceholderPage):
    def __init__(self, application: Application, parent: QWidget | None = None, *,
                 clock: Clock = utc_now) -> None:
        super().__init__(_("Custody"), parent)
        self._app = application
        self._clock = clock
