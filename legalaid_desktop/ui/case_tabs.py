"""The tabs of a case: tables over the case file's lines, each with a pane for the full text."""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence
from datetime import datetime
from typing import Any

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFormLayout,
    QHeaderView,
    QLabel,
    QScrollArea,
    QSplitter,
    QTableView,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from legalaid_desktop.domain.case_file import (
    AssignmentLine,
    CaseDeadline,
    CaseFile,
    ChargeLine,
    HearingLine,
    HistoryLine,
    NoteLine,
)
from legalaid_desktop.i18n import _
from legalaid_desktop.ui.audit_text import action_text, field_text, value_text
from legalaid_desktop.ui.case_text import (
    Moment,
    countdown,
    day,
    layer_label,
    local,
    ltr,
    size_text,
    status_brush,
    status_icon,
    status_text,
    urgency,
    words,
)
from legalaid_desktop.ui.rows_model import Column, RowsModel

Zone = Callable[[], str | None]


def escape(text: str | None) -> str:
    from html import escape as html_escape

    return html_escape(text or "").replace("\n", "<br>")


class TablePane(QWidget):
    """A read-only table; with `detail`, the selected row's full text shows in a pane beside it."""

    def __init__(self, name: str, columns: Sequence[Column], *, empty: str,
                 detail: Callable[[Any], str] | None = None, sort_by: int | None = None,
                 descending: bool = False, keep: Collection[int] = (), parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._keep = frozenset(keep)
        self.model = RowsModel(columns, self)
        self.table = QTableView(self)
        self.table.setAccessibleName(name)
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        # Rows arrive in their natural order (by time, the client first); a header click re-sorts.
        self.table.horizontalHeader().setSortIndicator(
            -1 if sort_by is None else sort_by,
            Qt.SortOrder.DescendingOrder if descending else Qt.SortOrder.AscendingOrder)
        self.table.setSortingEnabled(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(26)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.empty = QLabel(empty, self)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setAccessibleName(name)
        self._detail = detail
        self.detail = QTextBrowser(self) if detail else None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.empty)
        if self.detail is not None:
            self.detail.setAccessibleName(_("{name}: details").format(name=name))
            self.detail.setOpenExternalLinks(False)
            splitter = QSplitter(Qt.Orientation.Horizontal, self)
            splitter.addWidget(self.table)
            splitter.addWidget(self.detail)
            splitter.setStretchFactor(0, 3)
            splitter.setStretchFactor(1, 2)
            layout.addWidget(splitter, 1)
            self._splitter: QWidget = splitter
            self.table.selectionModel().currentRowChanged.connect(self._show_detail)
        else:
            layout.addWidget(self.table, 1)
            self._splitter = self.table

    def set_rows(self, rows: Sequence[Any]) -> None:
        self.model.set_rows(rows)
        self.empty.setVisible(not rows)
        self._splitter.setVisible(bool(rows))
        self.fit_columns()
        if rows and self.detail is not None:
            self.table.selectRow(0)
            self._show_detail(self.model.index(0, 0))

    def fit_columns(self) -> None:
        """Columns as wide as their words, within limits; the last takes what is left, and a long
        note there is cut short on the line (the detail pane or the tooltip shows it whole)."""
        self.table.resizeColumnsToContents()
        header = self.table.horizontalHeader()
        last = self.model.columnCount() - 1
        for column in range(last):
            header.resizeSection(column, min(header.sectionSize(column) + 12, 320))
        title = str(self.model.headerData(last, Qt.Orientation.Horizontal) or "")
        header.resizeSection(last, max(80, header.fontMetrics().horizontalAdvance(title) + 16))
        # In a narrow window the widest columns give way first, so the last one stays in sight; those
        # to `keep` (what a row says, such as an event's name) only when no other can, and the first
        # (the date or the name a row is found by) last of all.
        excess = sum(header.sectionSize(c) for c in range(last + 1)) - self.table.viewport().width()
        middle = range(1, last)
        for candidates in ([c for c in middle if c not in self._keep], middle, range(last)):
            while excess > 0:
                widest = max(candidates, key=header.sectionSize, default=None)
                if widest is None or header.sectionSize(widest) <= 100:
                    break
                cut = min(excess, header.sectionSize(widest) - 100, 40)
                header.resizeSection(widest, header.sectionSize(widest) - cut)
                excess -= cut

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.fit_columns()  # fonts and styles are final only once the pane is shown

    def _show_detail(self, current: QModelIndex, _previous: QModelIndex | None = None) -> None:
        if self.detail is None or self._detail is None:
            return
        row = self.model.row_at(current.row())
        self.detail.setHtml(self._detail(row) if row is not None else "")


# -- deadlines

def deadline_columns(now: Callable[[], Any], zone: Zone) -> list[Column]:
    """`now` gives the case file being shown: its date and moment decide overdue and due soon."""
    return [
        Column(_("Status"), lambda d: status_text(d, now()), sort=lambda d: d.status,
               icon=lambda d: status_icon(d, now()), background=lambda d: status_brush(d, now())),
        Column(_("Deadline"), lambda d: d.label, tooltip=lambda d: d.explanation),
        Column(_("Due (local time)"), lambda d: local(d.due, zone(), weekday=True), sort=lambda d: d.due),
        Column(_("Time left"), lambda d: countdown(d, now()), sort=lambda d: d.due),
        Column(_("Rule"), lambda d: _("entered by hand") if d.manual else (d.rule_id or ""),
               tooltip=lambda d: d.citation),
    ]


def deadline_detail(line: CaseDeadline, zone: str | None, now: Moment) -> str:
    parts = [f"<h3>{escape(line.label)}</h3>",
             f"<p><b>{escape(status_text(line, now))}</b> · {escape(countdown(line, now))}<br>",
             _("Due {when}").format(when=escape(local(line.due, zone, weekday=True)))]
    if line.met_at:
        parts.append("<br>" + _("Met {when}").format(when=escape(local(line.met_at, zone))))
    parts.append("</p>")
    parts.append(f"<p><b>{_('Layer')}:</b> {escape(layer_label(line.layer))}</p>")
    if line.citation:
        parts.append(f"<p><b>{_('Law')}:</b> {escape(line.citation)}</p>")
    if line.verification:
        parts.append(f"<p><b>{_('Source checked')}:</b> {escape(words(line.verification))}</p>")
    if line.explanation:
        parts.append(f"<p><b>{_('How it was computed')}:</b><br>{escape(line.explanation)}</p>")
    if line.rule_id:
        parts.append(f"<p style='color:#555'>{_('Rule')} {escape(line.rule_id)}</p>")
    return "".join(parts)


class DeadlinesTab(QWidget):
    """National and international (UN) deadlines in two tables, one detail pane for both."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._file: CaseFile | None = None
        self.detail = QTextBrowser(self)
        self.detail.setAccessibleName(_("Deadline details"))
        self.national = TablePane(_("National deadlines"), deadline_columns(self._now, self._zone),
                                  empty=_("No national deadline is computed for this case yet."),
                                  sort_by=2, parent=self)
        self.benchmark = TablePane(_("International standard (UN) deadlines"),
                                   deadline_columns(self._now, self._zone),
                                   empty=_("No international (UN) deadline is computed for this case yet."),
                                   sort_by=2, parent=self)
        left = QWidget(self)
        column = QVBoxLayout(left)
        column.setContentsMargins(0, 0, 0, 0)
        for title, pane in ((_("National law"), self.national),
                            (_("International standard (UN), applied beside national law"), self.benchmark)):
            heading = QLabel(f"<b>{escape(title)}</b>", left)
            column.addWidget(heading)
            column.addWidget(pane, 1)
            pane.table.selectionModel().currentRowChanged.connect(
                lambda current, _previous, p=pane: self._show(p, current))
            pane.table.clicked.connect(lambda current, p=pane: self._show(p, current))
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(left)
        splitter.addWidget(self.detail)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        self.note = QLabel(self)
        self.note.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.note)
        layout.addWidget(splitter, 1)

    def _now(self) -> CaseFile | None:
        return self._file

    def _zone(self) -> str | None:
        return self._file.header.time_zone if self._file else None

    def set_file(self, case_file: CaseFile) -> None:
        self._file = case_file
        lines = case_file.deadlines
        self.national.set_rows([d for d in lines if d.layer != "benchmark"])
        self.benchmark.set_rows([d for d in lines if d.layer == "benchmark"])
        overdue = sum(d.status == "overdue" for d in lines)
        soon = sum(urgency(d, case_file) == "due_soon" for d in lines)
        self.note.setText(_("{over} overdue, {soon} due soon. Times are local ({zone}). Select a deadline "
                            "to see the law it comes from and how its date was computed.").format(
            over=overdue, soon=soon, zone=case_file.header.time_zone or "UTC") if lines else
                          _("Deadlines are computed from the custody events. None is recorded for this "
                            "case yet: check that the arrest and remand events are entered."))
        first = self.national if self.national.model.rowCount() else self.benchmark
        self._show(first, first.model.index(0, 0))

    def _show(self, pane: TablePane, current: QModelIndex) -> None:
        line = pane.model.row_at(current.row())
        if line is not None and self._file is not None:
            self.detail.setHtml(deadline_detail(line, self._zone(), self._file))
        elif self._file is not None and not self._file.deadlines:
            self.detail.setHtml("")


# -- the other tables

def charge_pane() -> TablePane:
    def maximum(c: ChargeLine) -> str:
        if c.max_sentence_life:
            return _("life")
        return _("{n} months").format(n=c.max_sentence_months) if c.max_sentence_months is not None else ""

    return TablePane(_("Charges"), [
        Column(_("Offence"), lambda c: c.offence),
        Column(_("Class"), lambda c: words(c.offence_class)),
        Column(_("Law"), lambda c: c.statute or ""),
        Column(_("Maximum sentence"), maximum, sort=lambda c: (c.max_sentence_life, c.max_sentence_months)),
        Column(_("Capital"), lambda c: _("yes") if c.capital else _("no")),
        Column(_("First offender"), lambda c: _("yes") if c.first_offender else _("no")),
    ], empty=_("No charge is recorded."))


def hearing_pane(zone: Zone) -> TablePane:
    def detail(h: HearingLine) -> str:
        return (f"<h3>{escape(local(h.scheduled_at, zone(), weekday=True))}</h3>"
                f"<p><b>{_('Court')}:</b> {escape(h.court)}<br><b>{_('Purpose')}:</b> {escape(h.purpose)}</p>"
                f"<p><b>{_('Outcome')}:</b><br>{escape(h.outcome) or _('not recorded yet')}</p>"
                f"<p><b>{_('Next date')}:</b> {escape(day(h.next_date))}</p>")

    return TablePane(_("Hearings"), [
        Column(_("Date (local time)"), lambda h: local(h.scheduled_at, zone(), weekday=True),
               sort=lambda h: h.scheduled_at),
        Column(_("Court"), lambda h: h.court or ""),
        Column(_("Purpose"), lambda h: h.purpose or ""),
        Column(_("Next date"), lambda h: day(h.next_date), sort=lambda h: h.next_date),
        Column(_("Outcome"), lambda h: (h.outcome or "").split("\n")[0], tooltip=lambda h: h.outcome),
    ], empty=_("No hearing is recorded."), detail=detail, sort_by=0)


def party_pane() -> TablePane:
    return TablePane(_("Parties"), [
        Column(_("Name"), lambda p: p.full_name),
        Column(_("Role"), lambda p: words(p.role)),
    ], empty=_("No party is recorded."))


def assignment_pane(zone: Zone) -> TablePane:
    def detail(a: AssignmentLine) -> str:
        return (f"<h3>{escape(a.provider)}</h3>"
                f"<p>{escape(words(a.provider_kind))}, {escape(words(a.role))}</p>"
                f"<p><b>{_('From')}:</b> {escape(local(a.started_at, zone()))}<br>"
                f"<b>{_('Until')}:</b> {escape(local(a.ended_at, zone())) or _('still acting')}</p>"
                f"<p><b>{_('Why assigned')}:</b> {escape(a.reason)}</p>"
                + (f"<p><b>{_('Why it ended')}:</b> {escape(a.end_reason)}</p>" if a.end_reason else ""))

    return TablePane(_("Assignments"), [
        Column(_("Provider"), lambda a: a.provider, tooltip=lambda a: a.provider),
        Column(_("Kind"), lambda a: words(a.provider_kind)),
        Column(_("Role"), lambda a: words(a.role)),
        Column(_("State"), lambda a: _("Acting") if a.active else _("Ended")),
        # The day in the table (whole in a narrow window); the time in the tooltip and the details.
        Column(_("From"), lambda a: local(a.started_at, zone())[:10], sort=lambda a: a.started_at,
               tooltip=lambda a: local(a.started_at, zone())),
        Column(_("Until"), lambda a: local(a.ended_at, zone())[:10], sort=lambda a: a.ended_at,
               tooltip=lambda a: local(a.ended_at, zone()) or None),
    ], empty=_("No lawyer or paralegal is assigned yet."), detail=detail, sort_by=4)


def note_pane(zone: Zone) -> TablePane:
    def detail(n: NoteLine) -> str:
        spent = _(", {n} minutes").format(n=n.minutes_spent) if n.minutes_spent is not None else ""
        return (f"<h3>{escape(words(n.kind))} · {escape(local(n.at, zone(), weekday=True))}</h3>"
                f"<p>{escape(n.author)}{escape(spent)}</p><p>{escape(n.text)}</p>")

    return TablePane(_("Notes and activities"), [
        Column(_("When (local time)"), lambda n: local(n.at, zone()), sort=lambda n: n.at),
        Column(_("Kind"), lambda n: words(n.kind)),
        Column(_("By"), lambda n: n.author),
        Column(_("Minutes"), lambda n: "" if n.minutes_spent is None else str(n.minutes_spent),
               sort=lambda n: n.minutes_spent, align_right=True),
        Column(_("Note"), lambda n: n.text.split("\n")[0], tooltip=lambda n: n.text),
    ], empty=_("No note or activity is recorded."), detail=detail, sort_by=0, descending=True)


def document_pane(zone: Zone) -> TablePane:
    return TablePane(_("Documents"), [
        Column(_("Title"), lambda d: d.title),
        Column(_("File"), lambda d: d.filename),
        Column(_("Type"), lambda d: d.media_type),
        Column(_("Size"), lambda d: size_text(d.size), sort=lambda d: d.size, align_right=True),
        Column(_("Added"), lambda d: local(d.added_at, zone()), sort=lambda d: d.added_at),
    ], empty=_("No document is attached."))


def history_pane(zone: Zone) -> TablePane:
    """The audit log's entries about the case, in words: "Added", "Days ordered: 14", "Event: Remand
    order" (the log itself keeps the codes)."""
    def plain(h: HistoryLine, field: str, value: str | None) -> str:
        if value is None:
            return "—"
        if "T" in value and ":" in value:  # the audit log keeps times as ISO text, in UTC or with offset
            try:
                return local(datetime.fromisoformat(value), zone())
            except ValueError:
                pass
        return value_text(h.entity, field, value)

    def summary(h: HistoryLine) -> str:
        return "; ".join(f"{field_text(c.field)}: {plain(h, c.field, c.after)}" for c in h.changes)

    def detail(h: HistoryLine) -> str:
        rows = "".join(f"<tr><td>{escape(field_text(c.field))}</td><td>{escape(plain(h, c.field, c.before))}"
                       f"</td><td>{escape(plain(h, c.field, c.after))}</td></tr>" for c in h.changes)
        table = (f"<table cellspacing=0 cellpadding=3 border=1><tr><th>{_('Field')}</th>"
                 f"<th>{_('Before')}</th><th>{_('After')}</th></tr>{rows}</table>") if rows else ""
        return (f"<h3>{escape(h.record)}</h3><p>{escape(action_text(h.action))} · {escape(h.actor)} · "
                f"{escape(local(h.at, zone()))}</p>{table}")

    return TablePane(_("History"), [
        Column(_("When (local time)"), lambda h: local(h.at, zone()), sort=lambda h: h.at),
        Column(_("Who"), lambda h: h.actor),
        Column(_("Action"), lambda h: action_text(h.action)),
        Column(_("Record"), lambda h: h.record, tooltip=lambda h: h.record),
        Column(_("Changes"), summary, tooltip=summary),
    ], empty=_("Nothing is recorded in the audit log for this case."), detail=detail, sort_by=0,
        descending=True)


# -- overview

class OverviewTab(QScrollArea):
    """The case at a glance: what it is, where the client is held, who acts, what comes next."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setAccessibleName(_("Case overview"))
        self._body = QWidget(self)
        self.form = QFormLayout(self._body)
        self.form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
        self.form.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        self.setWidget(self._body)
        self.values: dict[str, QLabel] = {}

    def _row(self, key: str, label: str, value: str) -> None:
        field = QLabel(value or "—", self._body)
        field.setWordWrap(True)
        field.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                      | Qt.TextInteractionFlag.TextSelectableByKeyboard)
        field.setAccessibleName(label)
        self.values[key] = field
        self.form.addRow(QLabel(f"<b>{escape(label)}</b>", self._body), field)

    def set_file(self, f: CaseFile) -> None:
        while self.form.rowCount():
            self.form.removeRow(0)
        self.values.clear()
        zone = f.header.time_zone
        spell = f.spells[-1] if f.spells else None
        acting = [a for a in f.assignments if a.active]
        upcoming = [h for h in f.hearings if h.scheduled_at >= f.as_of]
        open_lines = [d for d in f.deadlines if d.is_open]
        overdue = [d for d in open_lines if d.status == "overdue"]
        request = f.requests[-1] if f.requests else None
        self._row("case", _("Case"), " · ".join(x for x in (
            ltr(f.header.case_ref), words(f.header.case_status), words(f.header.stage),
            _("opened {date}").format(date=day(f.opened_on))) if x))
        self._row("court", _("Court"), " · ".join(x for x in (
            f.court or "", ltr(f.court_case_number) and _("court no. {n}").format(n=ltr(f.court_case_number)),
            ltr(f.police_case_number) and _("police no. {n}").format(n=ltr(f.police_case_number))) if x))
        self._row("charges", _("Charges"), "; ".join(c.offence for c in f.charges))
        if spell is not None:
            held = (_("released {when} ({reason})").format(when=local(spell.released_at, zone),
                                                           reason=words(spell.release_reason))
                    if spell.released_at else _("held since {when}").format(when=local(spell.start, zone)))
            self._row("custody", _("Custody"), f"{spell.facility} · {held}")
        else:
            self._row("custody", _("Custody"), _("no custody spell recorded"))
        self._row("deadlines", _("Deadlines"), _("{open} open, {over} overdue").format(
            open=len(open_lines), over=len(overdue)) if f.deadlines else _("none recorded yet"))
        self._row("lawyer", _("Acting for the client"), "; ".join(
            f"{a.provider} ({words(a.provider_kind).lower()}, {a.role})" for a in acting)
            or _("nobody is assigned"))
        self._row("hearing", _("Next hearing"), " · ".join(x for x in (
            local(upcoming[0].scheduled_at, zone, weekday=True), upcoming[0].court or "",
            upcoming[0].purpose or "") if x) if upcoming else _("none scheduled"))
        if request is not None:
            decided = _(" on {date}").format(date=day(request.decided_on)) if request.decided_on else ""
            self._row("legal_aid", _("Legal aid"), _("{decision}{decided}; means test: {means}{aid}").format(
                decision=words(request.decision), decided=decided, means=words(request.means_result).lower(),
                aid=_("; preliminary aid given") if request.preliminary_aid else ""))
            if request.decision_reasons:
                self._row("reasons", _("Reasons"), request.decision_reasons)
        else:
            self._row("legal_aid", _("Legal aid"), _("no request linked to this case"))
        if f.summary:
            self._row("summary", _("Summary"), f.summary)

