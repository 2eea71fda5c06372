"""How late a deadline is, in words: one wording for the lists, the dashboard, the command line,
the case view and the reports (the count itself is domain.lateness)."""

from __future__ import annotations

from legalaid_desktop.i18n import _, ngettext


def lateness_text(days_over: int, hours_over: int | None) -> str:
    """"3 days over", "due today, 5 hours over", "due today, less than an hour over", "due today",
    "2 days left", from `domain.lateness.days_over` and `hours_over` (None: not known, then a
    deadline on its own day reads "due today")."""
    if days_over > 0:
        return ngettext("{n} day over", "{n} days over", days_over).format(n=f"{days_over:,}")
    if days_over == 0:
        if hours_over is None or hours_over < 0:
            return _("due today")
        if hours_over == 0:
            return _("due today, less than an hour over")
        return ngettext("due today, {n} hour over", "due today, {n} hours over",
                        hours_over).format(n=hours_over)
    left = -days_over
    return ngettext("{n} day left", "{n} days left", left).format(n=f"{left:,}")
