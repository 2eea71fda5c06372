"""The words of the register import dialog: a field as a paralegal reads it, the counts, what else to
know about the file, and what to write instead of a value that could not be read."""

from __future__ import annotations

from legalaid_desktop.domain.register import RegisterImportReport, RejectedRow
from legalaid_desktop.i18n import _, ngettext
from legalaid_desktop.messages import full_stop

NOT_READ = _("(not read)")


def field_words(field: str | None) -> str:
    """A register field as a paralegal reads it: "date_of_birth" is "date of birth"."""
    return field.replace("_", " ") if field else NOT_READ


def problem_text(reject: RejectedRow) -> str:
    """What to write instead, from what the import expected."""
    return full_stop(_("Write {expected}").format(expected=reject.expected))


def count_text(report: RegisterImportReport) -> str:
    """"3 new people, 1 updated, 1 unchanged, 2 rows with errors": the counts a paralegal checks."""
    s = report.summary
    return ", ".join((
        ngettext("{n} new person", "{n} new people", s.new).format(n=f"{s.new:,}"),
        _("{n} updated").format(n=f"{s.updated:,}"),
        _("{n} unchanged").format(n=f"{s.unchanged:,}"),
        ngettext("{n} row with errors", "{n} rows with errors", s.rejected).format(n=f"{s.rejected:,}"),
    ))


def notes_of(report: RegisterImportReport) -> list[str]:
    """What else the user should know about the file: columns left out, duplicates, new places."""
    s, lines = report.summary, []
    dry = s.dry_run
    # First: a new facility is the one thing here that a slip of the keyboard makes wrong for good.
    for name in report.facilities_created:
        lines.append((_("New facility to be recorded: {name}. Check its spelling: its detainees are "
                        "listed under it.") if dry else
                      _("New facility recorded: {name}.")).format(name=name))
    if s.unknown_columns:
        lines.append(_("Not read (no field recognised): {columns}. Choose a field for a column under "
                       "“Columns” if it holds one.").format(columns=", ".join(s.unknown_columns)))
    if report.repeated_columns:
        lines.append(_("Not read (a field already read from another column): {columns}.").format(
            columns=", ".join(report.repeated_columns)))
    if s.possible_duplicates:
        lines.append(ngettext(
            "{n} new person has the name and date of birth of someone already recorded: flagged for "
            "review on the People screen, never merged on its own.",
            "{n} new people have the name and date of birth of someone already recorded: flagged for "
            "review on the People screen, never merged on their own.", s.possible_duplicates).format(
            n=s.possible_duplicates))
    if report.courts_created:
        lines.append((_("New courts to be recorded: {names}.") if dry else
                      _("New courts recorded: {names}.")).format(names="; ".join(report.courts_created)))
    if report.header_row > 1:
        lines.append(_("The header is on row {row}; the rows above it are skipped.").format(
            row=report.header_row))
    if report.other_sheets:
        lines.append(_("Only the first worksheet, {sheet}, is read; not read: {others}.").format(
            sheet=report.sheet_name, others=", ".join(report.other_sheets)))
    if report.all_fallback:
        lines.append(_("The file is not UTF-8: it was read as Windows-1252. Check a few accented names."))
    elif report.fallback_lines:
        lines.append(_("Lines read as Windows-1252 (not UTF-8): {lines}. Check their accented letters.")
                     .format(lines=", ".join(str(n) for n in report.fallback_lines[:10])))
    return lines


def describe_reject(reject: RejectedRow) -> str:
    return full_stop(_("Row {row}: {column} {found}; write {expected}").format(
        row=reject.row, column=field_words(reject.field),
        found=_("is blank") if not reject.value else _("says “{value}”").format(value=reject.value),
        expected=reject.expected))
