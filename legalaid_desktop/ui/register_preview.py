"""What the register import dialog shows of a file: each column with the field it is read as (which the
user may change), the first rows with those that have errors marked, and every row with errors with
what to write instead."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHeaderView,
    QLabel,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from legalaid_desktop.domain.register import RegisterImportReport, RegisterPreview
from legalaid_desktop.i18n import _, ngettext
from legalaid_desktop.services.register_columns import CANONICAL, IGNORE
from legalaid_desktop.ui.dialog_parts import read_only_table
from legalaid_desktop.ui.register_import_text import NOT_READ, describe_reject, field_words, problem_text
from legalaid_desktop.ui.rows_model import Column, RowsModel

ERROR_TINT = QColor("#fbe3e4")

ERROR_COLUMNS = (
    Column(_("Row"), lambda r: str(r.row), sort=lambda r: r.row, align_right=True),
    Column(_("Column"), lambda r: field_words(r.field)),
    Column(_("Found"), lambda r: r.value or _("(blank)"), tooltip=lambda r: r.value or None),
    Column(_("What to write instead"), problem_text, tooltip=problem_text),
)


def _item(text: str, tooltip: str | None = None) -> QTableWidgetItem:
    item = QTableWidgetItem(text)
    item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
    item.setToolTip(tooltip if tooltip is not None else text)
    return item


class RegisterPreviewPanel(QSplitter):
    """Columns and first rows above, rows with errors below. `column_chosen(header, field)` follows the
    user placing a column by hand (`ignore`: not read)."""

    column_chosen = Signal(str, str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(Qt.Orientation.Vertical, parent)
        self.columns = QTableWidget(0, 2, self)
        self.columns.setHorizontalHeaderLabels([_("In the file"), _("Read as")])
        self.columns.setAccessibleName(_("How each column of the file is read"))
        self.columns.verticalHeader().hide()
        self.columns.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        header = self.columns.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Fixed)  # as wide as its drop-downs
        self.rows_table = QTableWidget(0, 0, self)
        self.rows_table.setAccessibleName(_("The register's first rows"))
        self.rows_table.verticalHeader().hide()
        self.rows_table.setWordWrap(False)
        self.rows_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.rows_table.horizontalHeader().setDefaultAlignment(Qt.AlignmentFlag.AlignLeft)
        self.errors = RowsModel(ERROR_COLUMNS, self)
        self.error_table = read_only_table(self, self.errors, _("Rows with errors"))
        self.error_table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.error_table.horizontalHeader().setStretchLastSection(True)
        self.error_title = QLabel(self)
        self.error_title.setWordWrap(True)
        self.error_title.setBuddy(self.error_table)
        columns_box = QWidget(self)
        column_layout = QVBoxLayout(columns_box)
        column_layout.setContentsMargins(0, 0, 0, 0)
        columns_title = QLabel("<b>" + _("Columns") + "</b>", columns_box)
        columns_title.setBuddy(self.columns)
        column_layout.addWidget(columns_title)
        column_layout.addWidget(self.columns, 1)
        rows_box = QWidget(self)
        rows_layout = QVBoxLayout(rows_box)
        rows_layout.setContentsMargins(0, 0, 0, 0)
        self.rows_title = QLabel("<b>" + _("First rows") + "</b>", rows_box)
        self.rows_title.setBuddy(self.rows_table)
        rows_layout.addWidget(self.rows_title)
        rows_layout.addWidget(self.rows_table, 1)
        top = QSplitter(Qt.Orientation.Horizontal, self)
        top.addWidget(columns_box)
        top.addWidget(rows_box)
        top.setStretchFactor(0, 0)
        top.setStretchFactor(1, 1)
        top.setChildrenCollapsible(False)
        top.setSizes([270, 800])  # the columns' names and fields; the rows take the rest
        errors_box = QWidget(self)
        errors_layout = QVBoxLayout(errors_box)
        errors_layout.setContentsMargins(0, 0, 0, 0)
        errors_layout.addWidget(self.error_title)
        errors_layout.addWidget(self.error_table, 1)
        self.addWidget(top)
        self.addWidget(errors_box)
        self.setStretchFactor(0, 3)
        self.setStretchFactor(1, 2)
        self.setChildrenCollapsible(False)

    def show_preview(self, preview: RegisterPreview, report: RegisterImportReport | None) -> None:
        """The columns with the field each is read as, and the first rows (those with errors marked)."""
        self._fill_columns(preview)
        rejected: dict[int, list[str]] = {}  # every bad cell of a row, said together
        for r in report.rejects if report else ():
            rejected.setdefault(r.row, []).append(describe_reject(r))
        table = self.rows_table
        table.clear()
        table.setColumnCount(len(preview.headers) + 1)
        table.setHorizontalHeaderLabels([_("Row")] + [
            f"{header or '—'}\n→ {field_words(field)}"
            for header, field in zip(preview.headers, preview.fields, strict=True)])
        table.setRowCount(len(preview.rows))
        for row, (number, cells) in enumerate(preview.rows):
            reject = rejected.get(number)
            mark = _item(("⚠ " if reject else "") + str(number),
                         "\n".join(reject) if reject else _("Row {n} of the file").format(n=number))
            table.setItem(row, 0, mark)
            for column in range(len(preview.headers)):
                text = cells[column] if column < len(cells) else ""
                table.setItem(row, column + 1, _item(text))
            if reject:
                for column in range(table.columnCount()):
                    cell = table.item(row, column)
                    if cell is not None:
                        cell.setBackground(QBrush(ERROR_TINT))
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        table.resizeColumnsToContents()
        for column in range(1, table.columnCount()):
            table.setColumnWidth(column, min(table.columnWidth(column), 220))
        sheet = f" ({preview.sheet_name})" if preview.sheet_name else ""
        self.rows_title.setText("<b>" + ngettext("First row{sheet}", "First {n} rows{sheet}",
                                                 len(preview.rows)).format(n=len(preview.rows), sheet=sheet)
                                + "</b> " + _("(rows with errors marked ⚠)"))

    def _fill_columns(self, preview: RegisterPreview) -> None:
        self.columns.setRowCount(0)
        shown = [(h, f) for h, f in zip(preview.headers, preview.fields, strict=True) if h.strip()]
        self.columns.setRowCount(len(shown))
        for row, (header, field) in enumerate(shown):
            self.columns.setItem(row, 0, _item(header))
            combo = QComboBox(self.columns)
            combo.setAccessibleName(_("Read the column {header} as").format(header=header))
            combo.addItem(NOT_READ, IGNORE)
            for name in CANONICAL:
                combo.addItem(field_words(name), name)
            combo.setCurrentIndex(max(combo.findData(field or IGNORE), 0))
            combo.currentIndexChanged.connect(
                lambda _index, h=header, c=combo: self.column_chosen.emit(h, str(c.currentData())))
            self.columns.setCellWidget(row, 1, combo)
        # A table sizes a column to its items, not to widgets set in its cells: the drop-downs give it.
        widest = max((w.sizeHint().width() for r in range(len(shown))
                      if (w := self.columns.cellWidget(r, 1)) is not None), default=0)
        self.columns.setColumnWidth(1, max(widest, self.columns.horizontalHeader().sectionSizeHint(1)))

    def show_errors(self, report: RegisterImportReport) -> None:
        self.errors.set_rows(report.rejects)  # a line for each bad cell; a row may have several
        n = report.summary.rejected
        if n:
            text = ngettext(
                "<b>{n} row with errors</b> will not be imported: correct it in the file and check again, "
                "or import the others now (it is then copied to a file beside the register, with the "
                "reason).",
                "<b>{n} rows with errors</b> will not be imported: correct them in the file and check "
                "again, or import the others now (they are then copied to a file beside the register, "
                "with the reason).", n).format(n=n)
        else:
            text = "<b>" + _("No row has errors.") + "</b>"
        self.error_title.setText(text)

    def clear_errors(self) -> None:
        self.errors.set_rows(())
        self.error_title.clear()
