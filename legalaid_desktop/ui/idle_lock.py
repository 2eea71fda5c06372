"""The idle lock: after some minutes without a key press or a mouse move anywhere in the application,
every window's contents are hidden behind a lock screen that asks the signed-in user's password.

Nothing is closed or rebuilt: the widgets of each window (forms half filled in, dialogs open) are only
hidden, and shown again as they were, with the cursor where it was, once the password is given; a
locked window refuses to close (its close button says to unlock first). A
window that opens while locked (a report finished, say) is covered as it appears.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QResizeEvent
from PySide6.QtWidgets import QApplication, QLabel, QVBoxLayout, QWidget

from legalaid_desktop.i18n import _
from legalaid_desktop.ui.sign_in import SignIn, SignInForm

ACTIVITY = frozenset({QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.MouseMove,
                      QEvent.Type.Wheel, QEvent.Type.TouchBegin, QEvent.Type.TabletPress})
BLOCKED_WHILE_LOCKED = frozenset({QEvent.Type.KeyPress, QEvent.Type.KeyRelease, QEvent.Type.Shortcut,
                                  QEvent.Type.ShortcutOverride})
DEFAULT_MINUTES = 10


class LockPanel(QWidget):
    """What a locked window shows over its hidden contents: who may unlock it, and the password field."""

    def __init__(self, user: str, minutes: float, sign_in: SignIn, parent: QWidget, *,
                 hint: str | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("lockPanel")
        self.setAccessibleName(_("Locked"))
        self.setAutoFillBackground(True)
        title = QLabel(_("Locked"), self)
        title.setStyleSheet("font-size: 18pt; font-weight: 600;")
        title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        why = QLabel(_("The records are hidden because this computer was not used for {n} minutes. "
                       "Your work is kept as you left it. Type your password to go on.").format(
            n=f"{minutes:g}"), self)
        why.setWordWrap(True)
        why.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.form = SignInForm(sign_in, self, fixed_name=user, button_text=_("&Unlock"))
        self.form.setMaximumWidth(460)
        self.closing = QLabel(_("To close this window, unlock it first: closing a locked window would "
                                "lose the work kept in it, and nobody else may close it."), self)
        self.closing.setWordWrap(True)
        self.closing.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.closing.setStyleSheet("color: #a4161a; font-weight: 600;")
        self.closing.setAccessibleName(_("Unlock before closing"))
        self.closing.hide()
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addWidget(title)
        layout.addWidget(why)
        layout.addWidget(self.form, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addWidget(self.closing)
        if hint:
            shown = QLabel(hint, self)
            shown.setWordWrap(True)
            shown.setAlignment(Qt.AlignmentFlag.AlignCenter)
            shown.setStyleSheet("color: #555;")
            layout.addWidget(shown)
        layout.addStretch(2)


class _Veil:
    """One window while locked: the children it hid, the actions it disabled, its lock panel."""

    def __init__(self, window: QWidget, panel: LockPanel) -> None:
        self.window = window
        self.panel = panel
        direct = window.findChildren(QWidget, options=Qt.FindChildOption.FindDirectChildrenOnly)
        self.hidden = [w for w in direct if w is not panel and not w.isWindow() and w.isVisible()]
        self.actions = [a for a in window.findChildren(QAction) if a.isEnabled()]
        for widget in self.hidden:
            widget.hide()
        for action in self.actions:
            action.setEnabled(False)
        panel.setGeometry(window.rect())
        panel.show()
        panel.raise_()

    def lift(self) -> None:
        for widget in self.hidden:
            widget.show()
        for action in self.actions:
            action.setEnabled(True)
        self.panel.hide()
        self.panel.deleteLater()


class IdleLock(QObject):
    """Watches the whole application's input (an event filter on QApplication) and locks after
    `minutes` without any; `unlock` needs `sign_in(user, password)` to accept the password.

    `locked` and `unlocked` are emitted as it happens. `poll_ms` is how often idleness is looked at.
    """

    locked = Signal()
    unlocked = Signal()

    def __init__(self, user: str, sign_in: SignIn, *, minutes: float = DEFAULT_MINUTES,
                 poll_ms: int | None = None, clock: Callable[[], float] = time.monotonic,
                 hint: str | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.user = user
        self.hint = hint
        self.minutes = minutes
        self._sign_in = sign_in
        self._clock = clock
        self._last = clock()
        self._veils: dict[QWidget, _Veil] = {}
        self._focus: QWidget | None = None
        self.is_locked = False
        self._timer = QTimer(self)
        self._timer.setInterval(poll_ms or int(min(15_000, max(50, minutes * 60_000 / 4))))
        self._timer.timeout.connect(self._look)

    def start(self) -> None:
        app = QApplication.instance()
        assert app is not None
        app.installEventFilter(self)
        self._last = self._clock()
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)

    def set_minutes(self, minutes: float) -> None:
        self.minutes = minutes
        self._timer.setInterval(int(min(15_000, max(50, minutes * 60_000 / 4))))

    def idle_seconds(self) -> float:
        return self._clock() - self._last

    def _look(self) -> None:
        if not self.is_locked and self.idle_seconds() >= self.minutes * 60:
            self.lock()

    # -- locking

    def lock(self) -> None:
        if self.is_locked:
            return
        self.is_locked = True
        self._focus = QApplication.focusWidget()
        while (popup := QApplication.activePopupWidget()) is not None:  # an open menu or list
            popup.close()
        for window in QApplication.topLevelWidgets():
            if window.isVisible() and not isinstance(window, LockPanel):
                self._cover(window)
        self._focus_panel()
        self.locked.emit()

    def _cover(self, window: QWidget) -> None:
        if window in self._veils or window.windowType() in (Qt.WindowType.ToolTip, Qt.WindowType.Popup):
            return
        panel = LockPanel(self.user, self.minutes, self._sign_in, window, hint=self.hint)
        panel.form.signed_in.connect(lambda _result: self.unlock())
        self._veils[window] = _Veil(window, panel)

    def _focus_panel(self) -> None:
        """The cursor goes to the password of the window in front (a modal dialog, if one is open)."""
        front = QApplication.activeModalWidget() or QApplication.activeWindow()
        veil = self._veils.get(front) if front is not None else None
        if veil is None and self._veils:
            veil = next(iter(self._veils.values()))
        if veil is not None:
            veil.panel.form.password.setFocus()

    def panels(self) -> list[LockPanel]:
        return [veil.panel for veil in self._veils.values()]

    def unlock(self) -> None:
        """Show every window's contents again as they were (called once the password was accepted)."""
        if not self.is_locked:
            return
        veils, self._veils = self._veils, {}
        for veil in veils.values():
            veil.lift()
        self.is_locked = False
        self._last = self._clock()
        if self._focus is not None:
            self._focus.setFocus()
        self._focus = None
        self.unlocked.emit()

    # -- the application-wide event filter

    def _in_panel(self, obj: QObject) -> bool:
        widget = obj if isinstance(obj, QWidget) else None
        while widget is not None:
            if isinstance(widget, LockPanel):
                return True
            widget = widget.parentWidget()
        return False

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind in ACTIVITY:
            self._last = self._clock()
        if not self.is_locked:
            return False
        if kind == QEvent.Type.Show and isinstance(obj, QWidget) and obj.isWindow() \
                and not isinstance(obj, LockPanel):
            self._cover(obj)  # opened while locked: covered as it appears
            return False
        if kind == QEvent.Type.Close and isinstance(obj, QWidget) and obj in self._veils:
            # A locked window (the main window with unsaved work, a dialog) closes only once unlocked:
            # whoever finds the computer locked can neither close it nor discard its input.
            event.ignore()
            held = self._veils[obj]
            held.panel.closing.show()
            obj.activateWindow()
            held.panel.form.password.setFocus()
            return True
        if kind == QEvent.Type.Resize and isinstance(obj, QWidget) and isinstance(event, QResizeEvent):
            veil = self._veils.get(obj)
            if veil is not None:
                veil.panel.setGeometry(0, 0, event.size().width(), event.size().height())
            return False
        # Typing and shortcuts reach only the lock panels: a key press cannot edit a hidden form.
        return kind in BLOCKED_WHILE_LOCKED and not self._in_panel(obj)
