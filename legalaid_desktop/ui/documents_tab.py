"""The Documents tab: attach a file (kept inside the encrypted database), open one through a temporary
copy readable by this user only, or save a copy elsewhere. Files are read and written off the GUI
thread; a copy outside the database is not encrypted, and the user is told so."""

from __future__ import annotations

import mimetypes
import os
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog, QLabel, QLineEdit, QWidget

from legalaid_desktop.app import Application
from legalaid_desktop.domain.case_file import DocumentLine
from legalaid_desktop.domain.cases import MAX_DOCUMENT_BYTES
from legalaid_desktop.domain.errors import DomainError
from legalaid_desktop.i18n import _
from legalaid_desktop.messages import describe
from legalaid_desktop.services.case_work import DocumentContent, attach_document, document_content
from legalaid_desktop.services.records import Saved
from legalaid_desktop.ui.case_forms import CaseForm
from legalaid_desktop.ui.case_tabs import TablePane
from legalaid_desktop.ui.case_text import size_text
from legalaid_desktop.ui.dialog_parts import show_problem
from legalaid_desktop.ui.work_tab import Clock, FileOf, WorkTab
from legalaid_desktop.ui.worker import Ticket, Worker


def media_type_of(path: Path) -> str:
    guessed, _encoding = mimetypes.guess_type(path.name)
    return guessed or "application/octet-stream"


def too_large(size: int) -> str | None:
    """Why a file of `size` bytes cannot be attached, or None."""
    if size <= MAX_DOCUMENT_BYTES:
        return None
    said, limit = size_text(size), size_text(MAX_DOCUMENT_BYTES)
    if said == limit:  # just over the limit: rounded, both would read the same
        said, limit = (_("{n} bytes").format(n=f"{n:,}") for n in (size, MAX_DOCUMENT_BYTES))
    return _("The file is {size}; a document can be at most {limit}. Scan it at a lower resolution, or "
             "split it into parts, and attach those.").format(size=said, limit=limit)


def private_copy(folder: Path, filename: str, content: bytes) -> Path:
    """Write `content` as a new file in `folder` that only this user may read (0600 on POSIX)."""
    name = Path(filename).name or "document"
    target = folder / name
    stem, suffix, number = target.stem, target.suffix, 1
    while target.exists():
        number += 1
        target = folder / f"{stem} ({number}){suffix}"
    handle = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o600)
    with os.fdopen(handle, "wb") as out:
        out.write(content)
    return target


class AttachDialog(CaseForm):
    """The file chosen, its title (the file name unless changed) and what it is; Save reads and stores
    it on the worker."""

    def __init__(self, application: Application, *, case_id: int, case_ref: str, path: Path, size: int,
                 worker: Worker, parent: QWidget | None = None) -> None:
        super().__init__(_("Attach a document — {case}").format(case=case_ref),
                         _("Keep a file with {case}").format(case=case_ref), _("&Save document"), parent)
        self._app = application
        self._case_id = case_id
        self._worker = worker
        self.path = path
        self.media_type = media_type_of(path)
        self.title_edit = QLineEdit(path.name, self)
        self.title_edit.selectAll()
        file_label = QLabel(f"{path.name} · {size_text(size)} · {self.media_type}", self)
        file_label.setWordWrap(True)
        self.add_row("title", _("&Title:"), self.title_edit, _("Document title"))
        self.add_row("file", _("File:"), file_label, _("File chosen"))
        self.add_note(_("The file is copied into the encrypted database; the original stays where it is "
                        "(delete it there if it should not stay on this computer)."))
        self.resize(560, 240)
        self.title_edit.setFocus()

    def save(self) -> None:
        """Read and store the file on the worker; the dialog waits, showing that it does."""
        self.clear_errors()
        if not self.title_edit.text().strip():
            show_problem(self.errors["title"], _("Title is missing; give the document a title, such as "
                                                 "“Charge sheet”."))
            self.title_edit.setFocus()
            return
        title, path, media_type, case_id = self.title_edit.text(), self.path, self.media_type, self._case_id
        uow = self._app.uow

        def work(_ticket: Ticket) -> Saved:
            return attach_document(uow(), case_id=case_id, title=title, filename=path.name,
                                   media_type=media_type, content=path.read_bytes())

        self.save_button.setEnabled(False)
        self.message.setStyleSheet("")
        show_problem(self.message, _("Reading and saving the file…"))
        self._worker.start(work, on_done=self._stored, on_error=self._failed)

    def _stored(self, saved: Saved) -> None:
        self.saved.emit(saved)
        self.accept()

    def _failed(self, error: BaseException) -> None:
        self.save_button.setEnabled(True)
        self.clear_errors()
        if isinstance(error, OSError):
            show_problem(self.message, _("Could not read {file}: {reason}.").format(
                file=self.path, reason=error.strerror or error))
        elif isinstance(error, DomainError):
            show_problem(self.message, describe(error)[0])
        else:
            raise error

    def clear_errors(self) -> None:
        super().clear_errors()
        self.message.setStyleSheet("color: #a4161a;")


class DocumentsTab(WorkTab):
    """Attach, open, save a copy. `choose_file`, `choose_target` and `open_url` are the outside world
    (file dialogs, the desktop's viewer): tests replace them."""

    def __init__(self, application: Application, pane: TablePane, case_file: FileOf, clock: Clock,
                 parent: QWidget | None = None, *, worker: Worker | None = None) -> None:
        super().__init__(application, pane, case_file, clock, parent)
        self.worker = worker or Worker(self)
        self.choose_file: Callable[[], str] = self._choose_file
        self.choose_target: Callable[[str], str] = self._choose_target
        self.open_url: Callable[[QUrl], bool] = QDesktopServices.openUrl
        self._folder: Path | None = None
        self.add_action(_("Attach a &file…"), _("Attach a file to this case"), "Ctrl+N", self.attach,
                        tip=_("A scanned warrant, charge sheet or letter, kept in the encrypted database"))
        self.add_action(_("Op&en"), _("Open the selected document"), "Ctrl+O", self.open_selected,
                        needs_row=True,
                        tip=_("Opens a temporary copy, readable by you only; it is not encrypted"))
        self.add_action(_("&Save a copy…"), _("Save a copy of the selected document"), "Ctrl+Shift+S",
                        self.save_copy, needs_row=True, tip=_("The copy is not encrypted"))
        pane.table.doubleClicked.connect(lambda _index: self.open_selected())
        self.finish_actions()

    # -- the outside world

    def _choose_file(self) -> str:
        path, _filter = QFileDialog.getOpenFileName(self, _("Attach a document"))
        return path

    def _choose_target(self, filename: str) -> str:
        start = str(Path.home() / Path(filename).name)
        path, _filter = QFileDialog.getSaveFileName(
            self, _("Save a copy — the copy is not encrypted"), start)
        return path

    def temporary_folder(self) -> Path:
        """One private folder (0700) for this session's opened copies, removed when the application quits."""
        if self._folder is None or not self._folder.exists():
            self._folder = Path(tempfile.mkdtemp(prefix="legalaid-open-"))
            folder = self._folder
            app = QCoreApplication.instance()
            if app is not None:
                app.aboutToQuit.connect(lambda: shutil.rmtree(folder, ignore_errors=True))
        return self._folder

    # -- actions

    def attach(self) -> None:
        f = self.case()
        if f is None:
            return
        chosen = self.choose_file()
        if not chosen:
            return
        path = Path(chosen)
        try:
            size = path.stat().st_size
        except OSError as error:
            self.show_notice(_("⚠ Could not read {file}: {reason}.").format(file=path, reason=error.strerror),
                             error=True)
            return
        refused = too_large(size)
        if refused is not None:
            self.show_notice(_("⚠ {file} was not attached. {why}").format(file=path.name, why=refused),
                             error=True)
            return
        dialog = AttachDialog(self._app, case_id=f.header.case_id, case_ref=f.header.case_ref, path=path,
                              size=size, worker=self.worker, parent=self)
        self.open_form(dialog, lambda _saved: _("{file} attached ({size}).").format(
            file=path.name, size=size_text(size)), f"attach:{path}")

    def _fetch(self, purpose: str, then: Callable[[DocumentContent], str],
               done: Callable[[str], None]) -> None:
        """Read the selected document on the worker, then `then` (on the worker too) writes it out and
        `done` (on the GUI thread) says where."""
        line = self.selected()
        if not isinstance(line, DocumentLine):
            return
        uow = self._app.uow

        def work(_ticket: Ticket) -> str:
            return then(document_content(uow(), document_id=line.id, purpose=purpose))

        self.show_notice(_("Reading {file}…").format(file=line.filename))
        self.worker.start(work, on_done=done, on_error=self._failed)

    def open_selected(self) -> None:
        folder = self.temporary_folder()

        def write(document: DocumentContent) -> str:
            return str(private_copy(folder, document.filename, document.content))

        self._fetch("open", write, self._opened)

    def save_copy(self) -> None:
        line = self.selected()
        if not isinstance(line, DocumentLine):
            return
        target = self.choose_target(line.filename)
        if not target:
            return

        def write(document: DocumentContent) -> str:
            Path(target).write_bytes(document.content)
            return target

        self._fetch("save_copy", write, self._copied)

    def _opened(self, path: str) -> None:
        opened = self.open_url(QUrl.fromLocalFile(path))
        text = (_("Opened a temporary copy: {path}. The copy is not encrypted; it is readable by you "
                  "only and removed when the application closes.") if opened else
                _("⚠ No program on this computer opens this kind of file. A temporary copy is at "
                  "{path} (not encrypted; removed when the application closes)."))
        self.show_notice(text.format(path=path), error=not opened)

    def _copied(self, path: str) -> None:
        self.show_notice(_("✓ Saved a copy to {path}. The copy is not encrypted: keep it safe, and "
                               "delete it when it is no longer needed.").format(path=path))

    def _failed(self, error: BaseException) -> None:
        if isinstance(error, OSError):
            self.show_notice(_("⚠ Could not write the copy: {reason}.").format(
                reason=error.strerror or error), error=True)
        elif isinstance(error, DomainError):
            self.show_notice("⚠ " + describe(error)[0], error=True)
        else:
            raise error
