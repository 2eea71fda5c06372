"""The save dialog for exports: it says, before anything is written, that the file is not encrypted."""

from __future__ import annotations

from PySide6.QtWidgets import QFileDialog, QWidget

from legalaid_desktop.i18n import _


def plain_save_dialog(parent: QWidget | None, *, what: str, suggested: str, name_filter: str,
                      suffix: str) -> QFileDialog:
    """A save dialog whose title and Save button say the file will be plain (Qt's own dialog, since
    a native one may not show either)."""
    dialog = QFileDialog(parent, _("Export {what} — the file is NOT encrypted").format(what=what))
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    dialog.setFileMode(QFileDialog.FileMode.AnyFile)
    dialog.setNameFilter(name_filter)
    dialog.setDefaultSuffix(suffix)
    dialog.selectFile(suggested)
    dialog.setLabelText(QFileDialog.DialogLabel.Accept, _("Save unencrypted"))
    dialog.setLabelText(QFileDialog.DialogLabel.FileName, _("File (anyone who gets it can read it):"))
    dialog.setAccessibleName(_("Save an unencrypted export"))
    return dialog


def ask_plain_path(parent: QWidget | None, *, what: str, suggested: str, name_filter: str,
                   suffix: str) -> str | None:
    """The path chosen in the plain-export dialog, or None when the user cancels."""
    dialog = plain_save_dialog(parent, what=what, suggested=suggested, name_filter=name_filter,
                               suffix=suffix)
    if dialog.exec() != QFileDialog.DialogCode.Accepted or not dialog.selectedFiles():
        return None
    return dialog.selectedFiles()[0]
