"""`legalaid-desktop`: the GUI entry point (options, Qt start-up, first paint, screenshot mode)."""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from legalaid_desktop import __version__
from legalaid_desktop.i18n import _, install

if TYPE_CHECKING:  # importing the application pulls in SQLAlchemy: not before the first paint
    from legalaid_desktop.app import Application

VIEW_NAMES = ("dashboard", "requests", "people", "cases", "custody", "deadlines", "providers",
              "facilities", "reports", "settings")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="legalaid-desktop", description=_(
        "The legal aid desktop application."))
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument("--db", metavar="PATH_OR_URL", help=_(
        "database file (default: LEGALAID_DB or the user data folder)"))
    parser.add_argument("--demo", type=int, metavar="N", help=_(
        "open a new database with N demo cases in a temporary folder (unless --db is given)"))
    parser.add_argument("--view", choices=VIEW_NAMES, default=None, help=_("the screen to show first"))
    parser.add_argument("--case", metavar="CASE_REF", help=_(
        "open this case first, such as LA-2026-000123 (with --screenshot, the case is pictured)"))
    parser.add_argument("--screenshot", metavar="FILE.png", help=_(
        "render the window at 1280x800 once its data has loaded, save a PNG and exit"))
    parser.add_argument("--size", metavar="WxH", default="1280x800", help=argparse.SUPPRESS)
    return parser


def fill_demo(application: Application, cases: int, *, show_progress: bool) -> None:
    """Fill the new database with demo cases, with a progress dialog that can stop it.

    The fill asks whether to stop after every chunk of cases (well under a second): that is when
    the dialog gets to repaint and hear a click on Cancel. Cases already written are kept.
    """
    from PySide6.QtCore import QCoreApplication, Qt
    from PySide6.QtWidgets import QProgressDialog

    from legalaid_desktop.services.demo import DemoCancelledError, fill_demo_database

    if not show_progress:
        fill_demo_database(application.uow, application.catalogue, cases=cases)
        return
    dialog = QProgressDialog(_("Creating {n} demo cases…").format(n=f"{cases:,}"), _("Stop"), 0, cases)
    dialog.setWindowTitle(_("Demo data"))
    dialog.setWindowModality(Qt.WindowModality.ApplicationModal)
    dialog.setMinimumDuration(500)

    def progress(done: int, total: int) -> None:
        dialog.setValue(done)

    def cancelled() -> bool:
        QCoreApplication.processEvents()
        return dialog.wasCanceled()

    try:
        fill_demo_database(application.uow, application.catalogue, cases=cases, progress=progress,
                           cancelled=cancelled, batch_size=min(cases, 5_000))
    except DemoCancelledError:
        pass  # open the window on the cases written before the stop
    finally:
        dialog.close()


class RecomputeFeedback:
    """A progress dialog, shown only if the stored deadlines have to be recomputed at start-up (after
    the rule files changed), so a long start does not look like a hang."""

    def __init__(self) -> None:
        self._dialog: Any = None

    def __call__(self, done: int) -> None:
        from PySide6.QtCore import QCoreApplication
        from PySide6.QtWidgets import QProgressDialog

        if self._dialog is None:
            self._dialog = QProgressDialog("", "", 0, 0)
            self._dialog.setCancelButton(None)  # all or nothing: a stop would only postpone it
            self._dialog.setWindowTitle(_("Custody deadlines"))
            self._dialog.setMinimumDuration(0)
            self._dialog.show()
        self._dialog.setLabelText(_("Bringing every custody deadline up to date (the rules, the court "
                                    "closures or the lead times changed)…\n{n} custody spells done")
                                  .format(n=f"{done:,}"))
        QCoreApplication.processEvents()

    def close(self) -> None:
        if self._dialog is not None:
            self._dialog.close()
            self._dialog = None


def ask_passphrase(reason: str) -> str | None:
    """The database passphrase, where no safe keyring can keep the key; a new one is typed twice."""
    from PySide6.QtWidgets import QInputDialog, QLineEdit

    password = QLineEdit.EchoMode.Password
    if reason == "open":
        text, ok = QInputDialog.getText(None, _("Database passphrase"), _("Passphrase of the database:"),
                                        password)
        return text if ok and text else None
    text, ok = QInputDialog.getText(None, _("New database passphrase"), _(
        "This computer has no safe keyring for the database key.\nChoose a passphrase (at least 10 "
        "characters; a few words are easier to remember):"), password)
    if not ok or len(text) < 10:
        return None
    again, ok = QInputDialog.getText(None, _("New database passphrase"), _("The same passphrase again:"),
                                     password)
    return text if ok and again == text else None


def sign_in_demo(application: Application) -> tuple[Application, str]:
    """A demo database signs in as its demo administrator, whose name and password are shown."""
    from legalaid_desktop.services.users import ensure_demo_admin

    name, password = ensure_demo_admin(application.uow())
    return application.sign_in(name, password), _(
        "Demo database (made-up people): signed in as {name}, password {password}").format(
        name=name, password=password)


def ask_sign_in(application: Application, name: str | None) -> Application | None:
    """The sign-in dialog over the opened database; None when the user chose Quit."""
    from PySide6.QtCore import QSettings

    from legalaid_desktop.ui.sign_in import SignInDialog

    settings = QSettings()
    last = name or str(settings.value("sign_in/last_user", "") or "")
    dialog = SignInDialog(application.sign_in, application.location.path.name, name=last)
    if dialog.exec() != SignInDialog.DialogCode.Accepted:
        return None
    signed_in = dialog.result_value
    assert isinstance(signed_in, type(application))
    settings.setValue("sign_in/last_user", signed_in.principal.name)
    return signed_in


def start_idle_lock(window: Any, application: Application, *, hint: str | None = None) -> None:
    """Lock the window after the minutes set in Settings without use (signed-in users only)."""
    from datetime import date

    from legalaid_desktop.services.settings import idle_lock_minutes

    window.start_idle_lock(idle_lock_minutes(application.uow(), on=date.today()), hint=hint)


def offer_recovery_key(window: Any, application: Application) -> None:
    """A database just created encrypted: its recovery key is offered before work starts (the
    administrator chooses to keep a copy now or be reminded in the status bar)."""
    from legalaid_desktop.ui.recovery_key_dialog import RecoveryKeyDialog, may_keep_recovery_key

    if application.revision_before is not None or not may_keep_recovery_key(application):
        return
    RecoveryKeyDialog(application, window, new=True).exec()
    window.recovery_reminder.refresh()


def follow_first_sign_in(window: Any, windows: list[Any]) -> None:
    """When the first administrator is made in Settings, the window gives way to one signed in as them
    (every screen then acts for that account), at the same place, on the same Settings section."""
    from legalaid_desktop.ui.main_window import MainWindow

    def replace(signed_in: Application) -> None:
        old = windows[-1]
        new = MainWindow(signed_in)
        new.setGeometry(old.geometry())
        new.show_view("settings")
        new.settings.show_section("users")
        new.load()
        windows.append(new)  # kept referenced while it is open
        follow_first_sign_in(new, windows)
        new.show()
        new.settings.scheduler.start()
        new.settings.integrity.start()
        start_idle_lock(new, signed_in)
        old.close()
        windows.remove(old)
        old.deleteLater()

    window.settings.signed_in.connect(replace)


def main(argv: Sequence[str] | None = None) -> int:
    install()
    args = build_parser().parse_args(argv)
    if args.demo is not None and not 1 <= args.demo <= 1_000_000:
        build_parser().error(_("--demo takes a number of cases from 1 to 1,000,000"))

    headless = sys.platform.startswith("linux") and not (
        os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY") or os.environ.get("QT_QPA_PLATFORM"))
    if headless:
        if not args.screenshot:
            sys.stderr.write("legalaid-desktop: " + _(
                "no display found (DISPLAY is not set). Start it from a desktop session, or use "
                "--screenshot FILE.png to render the window without a display.") + "\n")
            return 2
        os.environ["QT_QPA_PLATFORM"] = "offscreen"

    from PySide6.QtCore import QCoreApplication, QSettings
    from PySide6.QtWidgets import QApplication, QMessageBox

    QCoreApplication.setOrganizationName("legalaid")
    QCoreApplication.setApplicationName("legalaid-desktop")
    qt_app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(qt_app, QApplication)

    from legalaid_desktop.ui.start_window import StartWindow, trace

    # Painted before SQLAlchemy, the database and the sign-in load (a second or more on a laptop).
    start = StartWindow(Path(args.db).name if args.db else None)
    start.show_and_paint()
    trace("first-paint")

    from legalaid_desktop.app import missing_database, open_application, setup_logging
    from legalaid_desktop.domain.errors import DomainError
    from legalaid_desktop.messages import EXIT_SIGN_IN, describe

    setup_logging()
    db = args.db
    if args.demo is not None and db is None:
        db = str(Path(tempfile.mkdtemp(prefix="legalaid-demo-")) / "demo.sqlite")
    # LEGALAID_USER with LEGALAID_PASSWORD sign in without the dialog (screenshots, automated tests).
    user = os.environ.get("LEGALAID_USER") or None
    password = os.environ.get("LEGALAID_PASSWORD") or None
    notice: str | None = None
    create = True  # the default database is made on the first start; a demo database always
    try:
        missing = missing_database(db) if args.demo is None else None
        if missing is not None:
            # A database named by --db or LEGALAID_DB that is not there: a mistyped path must not open
            # as an empty database. Without a user to ask (--screenshot), refused as the command line
            # refuses it; otherwise asked, and made only on an explicit choice.
            create = False
            if not args.screenshot:
                from legalaid_desktop.ui.missing_database import database_to_open

                answer = database_to_open(missing)
                if answer is None:
                    start.close()
                    return 0  # Quit: nothing was opened or created
                db, create = str(answer[0]), answer[1]
        # A demo database is unencrypted (made-up data, nothing to lose a key for); a new real one is
        # encrypted, and where no safe keyring exists the user is asked for a passphrase.
        feedback = RecomputeFeedback()
        try:
            application = open_application(db, create=create, encryption=args.demo is None,
                                           passphrase=None if args.screenshot else ask_passphrase,
                                           recompute_progress=None if args.screenshot else feedback,
                                           user=user if password else None, password=password,
                                           defer_sign_in=True)
        finally:
            feedback.close()
        if args.demo is not None:
            fill_demo(application, args.demo, show_progress=not args.screenshot)
            application, notice = sign_in_demo(application)
    except DomainError as error:
        message, code = describe(error)
        start.close()
        if args.screenshot:
            sys.stderr.write(f"legalaid-desktop: {message}\n")
        else:
            QMessageBox.critical(None, _("Cannot open the database"), message)
        return code
    trace("database-open")
    if application.principal.unmanaged and application.accounts_exist():
        if args.screenshot:
            sys.stderr.write("legalaid-desktop: " + _(
                "this database has user accounts: set LEGALAID_USER and LEGALAID_PASSWORD to sign in "
                "for --screenshot.") + "\n")
            return EXIT_SIGN_IN
        signed_in = ask_sign_in(application, user)
        if signed_in is None:
            return 0  # Quit in the sign-in dialog: nothing was opened
        application = signed_in
    trace("signed-in")

    from legalaid_desktop.ui.main_window import MainWindow

    window = MainWindow(application)
    if notice:
        window.show_notice(notice)
    window.settings.scheduler.refresh()  # the last good backup, in the status bar
    if not args.screenshot:
        window.restore_state(QSettings())
    window.show_view(args.view or window.current_view() or "cases")
    window.load()  # the screen shown reads its data; the others when first shown
    if args.case:
        try:
            window.open_case_ref(args.case)
        except DomainError as error:
            message, code = describe(error)
            sys.stderr.write(f"legalaid-desktop: {message}\n")
            if args.screenshot:
                return code
    if args.screenshot:
        width, height = (int(v) for v in args.size.lower().split("x"))
        window.resize(width, height)
        window.show()
        start.close()
        qt_app.processEvents()
        trace("data-on-screen")
        ok = window.grab().save(args.screenshot)
        window.close()
        if not ok:
            sys.stderr.write(f"legalaid-desktop: cannot write {args.screenshot}\n")
            return 2
        return 0
    window.show()
    start.close()
    qt_app.processEvents()
    trace("data-on-screen")
    if args.demo is None:
        offer_recovery_key(window, application)
    window.settings.scheduler.start()
    window.settings.integrity.start()
    start_idle_lock(window, application, hint=notice)
    follow_first_sign_in(window, [window])
    return qt_app.exec()


if __name__ == "__main__":
    sys.exit(main())
