"""The Reports screen: choose a report and its details, how it is printed, its format, then Create…

The file is made off the GUI thread (ui.report_runner): the form keeps everything chosen and typed
while it is made, after it is made, and when it is refused.
"""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from legalaid_desktop.app import Application
from legalaid_desktop.domain.errors import DomainError, ValidationError
from legalaid_desktop.i18n import _
from legalaid_desktop.messages import describe
from legalaid_desktop.services.case_file import find_case_id
from legalaid_desktop.services.dashboard import facility_names
from legalaid_desktop.services.reports import (
    caseload_data,
    overstay_data,
    statistics_data,
)
from legalaid_desktop.ui.case_view import Clock, utc_now
from legalaid_desktop.ui.report_runner import FORMAT_NAMES, ReportRequest, ReportRunner, case_summary_request
from legalaid_desktop.ui.worker import Ticket, Worker

# (key, radio label, what it is for)
KINDS: tuple[tuple[str, str, str], ...] = (
    ("case", "Case &summary", "One case for the lawyer's file or the court: the person, custody and days "
     "held, every deadline with its citation, charges, hearings, the legal aid decision, recent notes."),
    ("caseload", "Case&load", "Open cases, new requests, decisions, releases and deadlines over a period, "
     "grouped by provider, facility or region, with charts."),
    ("overstay", "&Overstay list", "Everyone at one facility held past a time limit or close to one, most "
     "overdue first, with a blank column for the action taken: for a court user committee or a visit."),
    ("statistics", "Stat&istics", "Legal aid recipients and detainees by sex, age, disability, priority "
     "group, facility and region; time to first legal contact; SDG 16.3.2 on a census date."),
)
CASELOAD_DAYS = 84
"""The caseload period offered at first: the last 12 weeks to today, as on the command line."""
ERROR_STYLE = "color: #9b1c1c;"
MUTED = "color: #555;"


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _date_edit(parent: QWidget, name: str, day: date) -> QDateEdit:
    edit = QDateEdit(_qdate(day), parent)
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("yyyy-MM-dd")
    edit.setAccessibleName(name)
    return edit


class ReportsPage(QWidget):
    """One form for the four reports; `runner` makes the file (tests give it an inline worker)."""

    def __init__(self, application: Application, parent: QWidget | None = None, *, clock: Clock = utc_now,
                 worker: Worker | None = None) -> None:
        super().__init__(parent)
        self._app = application
        self._clock = clock
        self.runner = ReportRunner(application, self, worker=worker)
        today = clock().date()

        title = QLabel(_("Reports"), self)
        title.setStyleSheet("font-size: 15pt; font-weight: 600;")
        intro = QLabel(_("Make a PDF to print or send, or a report's table as CSV or Excel."), self)
        intro.setStyleSheet(MUTED)

        # -- which report
        kind_box = QGroupBox(_("Report"), self)
        self.kinds = QButtonGroup(self)
        self.kind_buttons: dict[str, QRadioButton] = {}
        row = QHBoxLayout()
        for index, (key, label, about) in enumerate(KINDS):
            button = QRadioButton(_(label), kind_box)
            button.setToolTip(_(about))
            button.setAccessibleDescription(_(about))
            self.kinds.addButton(button, index)
            self.kind_buttons[key] = button
            row.addWidget(button)
        row.addStretch(1)
        self.about = QLabel(kind_box)
        self.about.setWordWrap(True)
        self.about.setStyleSheet(MUTED)
        self.about.setAccessibleName(_("About this report"))
        self.about.ensurePolished()  # room for two lines, whichever report is described
        self.about.setMinimumHeight(2 * self.about.fontMetrics().lineSpacing() + 2)
        kind_layout = QVBoxLayout(kind_box)
        kind_layout.addLayout(row)
        kind_layout.addWidget(self.about)

        # -- its details, one small form per report
        details_box = QGroupBox(_("Details"), self)
        self.details = QWidget(details_box)

        case_form = QWidget(self.details)
        self.case_ref = QLineEdit(case_form)
        self.case_ref.setPlaceholderText(_("such as LA-2026-000123"))
        self.case_ref.setAccessibleName(_("Case reference"))
        self.case_ref.setMinimumWidth(240)
        self.case_ref.returnPressed.connect(self.create_report)
        self._form(case_form, [(_("Case &reference:"), self.case_ref)],
                   _("A case summary is a PDF only; it is for one case, so it has no table to export."))

        caseload_form = QWidget(self.details)
        self.group_by = QComboBox(caseload_form)
        self.group_by.setAccessibleName(_("Group by"))
        for key, label in (("provider", _("Provider")), ("facility", _("Facility")), ("region", _("Region"))):
            self.group_by.addItem(label, key)
        self.period_from = _date_edit(caseload_form, _("First day of the period"),
                                      today - timedelta(days=CASELOAD_DAYS - 1))
        self.period_to = _date_edit(caseload_form, _("Last day of the period"), today)
        period = QWidget(caseload_form)
        period_row = QHBoxLayout(period)
        period_row.setContentsMargins(0, 0, 0, 0)
        to_label = QLabel(_("&to"), period)
        to_label.setBuddy(self.period_to)
        period_row.addWidget(self.period_from)
        period_row.addWidget(to_label)
        period_row.addWidget(self.period_to)
        period_row.addStretch(1)
        self._form(caseload_form, [(_("Group &by:"), self.group_by), (_("Fro&m:"), period)],
                   _("Open cases are counted on the last day of the period; requests, decisions and releases "
                     "within it."), buddies={period: self.period_from})

        overstay_form = QWidget(self.details)
        self.facility = QComboBox(overstay_form)
        self.facility.setAccessibleName(_("Facility"))
        self.facility.view().setAccessibleName(_("Facilities to choose from"))
        self.facility.setMinimumContentsLength(28)
        self.facility.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.within = QSpinBox(overstay_form)
        self.within.setRange(0, 3650)
        self.within.setValue(14)
        self.within.setSuffix(_(" days"))
        self.within.setAccessibleName(_("Also those due within this many days"))
        self._form(overstay_form, [(_("Facilit&y:"), self.facility), (_("Also due wit&hin:"), self.within)],
                   _("Past a limit, or due within the days given, at the time the list is made."))

        statistics_form = QWidget(self.details)
        self.census = _date_edit(statistics_form, _("Census date"), today)
        self._form(statistics_form, [(_("Census &date:"), self.census)],
                   _("Detainees are those held at the end of the census date; legal aid recipients are "
                     "counted over the year to it."))

        self.forms = (case_form, caseload_form, overstay_form, statistics_form)
        forms_layout = QVBoxLayout(self.details)
        forms_layout.setContentsMargins(0, 0, 0, 0)
        for form in self.forms:
            forms_layout.addWidget(form)
        self.error = QLabel(details_box)
        self.error.setWordWrap(True)
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.setAccessibleName(_("Problem with the report"))
        self.error.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.error.hide()
        details_layout = QVBoxLayout(details_box)
        details_layout.addWidget(self.details)
        details_layout.addWidget(self.error)

        # -- how it is printed, and the format
        options_box = QGroupBox(_("Printing and format"), self)
        self.redact = QCheckBox(_("R&edact for sharing outside the office"), options_box)
        self.redact.setToolTip(_("Victims', witnesses' and children's names as initials; no contact details; "
                                 "no free-text notes."))
        redact_hint = QLabel(_("Victims', witnesses' and children's names become initials; contact details "
                               "and notes are left out."), options_box)
        redact_hint.setStyleSheet(MUTED + "margin-left: 22px;")
        redact_hint.setWordWrap(True)
        self.low_ink = QCheckBox(_("Low-i&nk print style (black on white, no filled bands)"), options_box)
        self.format = QComboBox(options_box)
        self.format.setAccessibleName(_("Format"))
        for key in ("pdf", "csv", "xlsx"):
            self.format.addItem(FORMAT_NAMES[key] if key == "pdf" else
                                _("{format}: the report's table").format(format=FORMAT_NAMES[key]), key)
        format_label = QLabel(_("Form&at:"), options_box)
        format_label.setBuddy(self.format)
        format_row = QHBoxLayout()
        format_row.addWidget(format_label)
        format_row.addWidget(self.format)
        format_row.addStretch(1)
        options_layout = QVBoxLayout(options_box)
        options_layout.addWidget(self.redact)
        options_layout.addWidget(redact_hint)
        options_layout.addWidget(self.low_ink)
        options_layout.addLayout(format_row)

        # -- the warning and the button
        notice = QLabel(_("The file made is not encrypted: whoever gets it can read it. Keep it on an "
                          "encrypted disk, and redact it when it leaves the office."), self)
        notice.setWordWrap(True)
        notice.setStyleSheet("background: #fdf3dc; border: 1px solid #d9b95c; border-radius: 3px;"
                             "padding: 4px;")
        notice.setAccessibleName(_("The file is not encrypted"))
        self.create_button = QPushButton(_("&Create…"), self)
        self.create_button.setAccessibleName(_("Create the report"))
        self.create_button.setToolTip(_("Choose where to save it; the file is not encrypted"))
        self.create_button.setDefault(True)
        self.create_button.clicked.connect(self.create_report)
        bottom = QHBoxLayout()
        bottom.addWidget(notice, 1)
        bottom.addWidget(self.create_button, 0, Qt.AlignmentFlag.AlignBottom)

        content = QWidget(self)
        content.setMaximumWidth(900)
        column = QVBoxLayout(content)
        column.setContentsMargins(8, 4, 8, 8)
        column.addWidget(title)
        column.addWidget(intro)
        column.addWidget(kind_box)
        column.addWidget(details_box)
        column.addWidget(options_box)
        column.addLayout(bottom)
        column.addStretch(1)
        scroll = QScrollArea(self)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidgetResizable(True)
        holder = QWidget(scroll)
        holder_layout = QHBoxLayout(holder)
        holder_layout.setContentsMargins(0, 0, 0, 0)
        holder_layout.addWidget(content, 1)
        holder_layout.addStretch(0)
        scroll.setWidget(holder)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scroll)

        self.kinds.idToggled.connect(self._kind_toggled)
        self.format.currentIndexChanged.connect(self._format_changed)
        self.kind_buttons["case"].setChecked(True)
        self._kind_toggled(0, True)

    def _form(self, form: QWidget, rows: list[tuple[str, QWidget]], hint: str, *,
              buddies: dict[QWidget, QWidget] | None = None) -> None:
        layout = QFormLayout(form)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        for text, field in rows:
            label = QLabel(text, form)
            label.setBuddy((buddies or {}).get(field, field))
            layout.addRow(label, field)
        note = QLabel(hint, form)
        note.setWordWrap(True)
        note.setStyleSheet(MUTED)
        layout.addRow(note)

    # -- state

    def kind(self) -> str:
        return KINDS[max(self.kinds.checkedId(), 0)][0]

    def choose(self, kind: str) -> None:
        self.kind_buttons[kind].setChecked(True)

    def _kind_toggled(self, index: int, checked: bool) -> None:
        if not checked:
            return
        for shown, form in enumerate(self.forms):  # only the form shown takes room
            form.setVisible(shown == index)
        self.about.setText(_(KINDS[index][2]))
        self.clear_error()
        table = KINDS[index][0] != "case"
        if not table:
            self.format.setCurrentIndex(0)
        self.format.setEnabled(table)
        self._format_changed()

    def _format_changed(self) -> None:
        self.low_ink.setEnabled(self.format.currentData() == "pdf")

    def showEvent(self, event: QShowEvent) -> None:
        self.load_facilities()
        super().showEvent(event)

    def load_facilities(self) -> None:
        """The facility chooser, read afresh when the screen is shown; the one chosen stays chosen."""
        chosen = self.facility.currentData()
        self.facility.blockSignals(True)
        self.facility.clear()
        for name in facility_names(self._app.uow()):
            self.facility.addItem(name, name)
        found = self.facility.findData(chosen) if chosen is not None else -1
        self.facility.setCurrentIndex(max(found, 0))
        self.facility.blockSignals(False)

    def clear_error(self) -> None:
        self.error.clear()
        self.error.hide()

    def show_error(self, error: DomainError) -> None:
        """The message under the details, and the field it is about focused; nothing typed is cleared."""
        self.error.setText(describe(error)[0])
        self.error.show()
        field: QWidget | None = None
        if self.kind() == "case":
            field = self.case_ref
        elif isinstance(error, ValidationError):
            field = {"facility": self.facility, "within": self.within,
                     "from": self.period_from, "to": self.period_to, "by": self.group_by,
                     "census": self.census}.get(error.field)
        if field is not None and field.isVisible():
            field.setFocus()
            if isinstance(field, QLineEdit):
                field.selectAll()

    # -- making the file

    def request(self) -> ReportRequest:
        """What the form asks for; a case reference is checked here, before a file name is asked for."""
        app, now = self._app, self._clock()
        kind = self.kind()
        fmt = str(self.format.currentData())
        options = {"redacted": self.redact.isChecked(), "low_ink": self.low_ink.isChecked() and fmt == "pdf"}
        if kind == "case":
            ref = self.case_ref.text().strip().upper()
            if not ref:
                raise ValidationError(_("Case reference"), None, _("a case reference such as LA-2026-000123"))
            find_case_id(app.uow(), case_ref=ref)
            return case_summary_request(app, ref, now, **options)
        if kind == "caseload":
            by = str(self.group_by.currentData())
            start, end = self.period_from.date().toPython(), self.period_to.date().toPython()
            assert isinstance(start, date) and isinstance(end, date)
            what = _("caseload report by {group}").format(group=self.group_by.currentText().lower())
            return ReportRequest(what, f"caseload-by-{by}-{start}-to-{end}", fmt,
                                 lambda: caseload_data(app.uow(), group_by=by, period_from=start,
                                                       period_to=end, now=now), **options)
        if kind == "overstay":
            facility = self.facility.currentData()
            if not isinstance(facility, str):
                raise ValidationError("facility", None, _("a facility (this database has none yet)"))
            within = self.within.value()
            slug = "-".join(facility.split())
            return ReportRequest(_("overstay list for {facility}").format(facility=facility),
                                 f"overstay-{slug}-{now.date()}", fmt,
                                 lambda: overstay_data(app.uow(), app.deadline_book, facility=facility,
                                                       within_days=within, now=now), **options)
        census = self.census.date().toPython()
        assert isinstance(census, date)
        return ReportRequest(_("statistics"), f"statistics-{census}", fmt,
                             lambda: statistics_data(app.uow(), census_date=census, now=now), **options)

    def create_report(self) -> Ticket | None:
        """Create… : check the form, ask where (the dialog says the file is not encrypted), make it."""
        self.clear_error()
        try:
            request = self.request()
        except DomainError as error:
            self.show_error(error)
            return None
        return self.runner.create(request, on_error=self.show_error)
