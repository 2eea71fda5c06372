"""Statistics for funders and the UN: Guideline 17 disaggregations, first legal contact, SDG 16.3.2."""

from __future__ import annotations

from reportlab.lib.units import mm  # type: ignore[import-untyped, unused-ignore]
from reportlab.platypus import Flowable, KeepTogether, Spacer  # type: ignore[import-untyped, unused-ignore]

from legalaid_desktop.domain.reporting import Breakdown, ReportMeta, SdgRow, StatisticsData
from legalaid_desktop.i18n import _
from legalaid_desktop.reports.layout import Styles, build_pdf, data_table, fmt, frame_width, humanise, styles
from legalaid_desktop.reports.text import para

LONG_TABLE = 25
_DIMENSIONS = {"sex": "By sex", "age_group": "Children and adults", "priority_group": "By priority group",
               "disability": "By disability", "facility": "By facility", "region": "By region"}


def _share(part: int, whole: int) -> str:
    return f"{part / whole:.1%}" if whole else "–"


def _breakdown(b: Breakdown, data: StatisticsData, st: Styles, width: float) -> Flowable:
    title = _(_DIMENSIONS.get(b.dimension, humanise(b.dimension)))
    block: list[Flowable] = [para(title, st.heading)]
    if b.dimension == "priority_group":
        block.append(para(_("A person can belong to several groups, so these rows need not add up to the "
                            "total. Groups as recorded, except child: under 18 on the census date, as in "
                            "\"Children and adults\"."), st.small))
    # Vocabulary codes are worded; facility and region names are the user's own text.
    coded = b.dimension in ("sex", "age_group", "priority_group", "disability")
    rows = [(humanise(r.label) if coded else r.label, r.recipients, _share(r.recipients, data.recipients),
             r.detainees, _share(r.detainees, data.detainees)) for r in b.rows]
    block.append(data_table((_("Group"), _("Legal aid recipients"), _("Share"), _("Detainees on census date"),
                             _("Share")), rows, [w * width for w in (0.36, 0.16, 0.16, 0.16, 0.16)], st,
                            numeric=(1, 2, 3, 4)))
    return KeepTogether(block, maxHeight=_split_above(len(rows)))


def _split_above(rows: int) -> float | None:
    """A table longer than a page's worth starts where it is once this much room is left; shorter
    ones move whole to the next page rather than split (a page half empty beats a half table)."""
    return 60 * mm if rows > LONG_TABLE else None


def _sdg(title: str, rows: tuple[SdgRow, ...], st: Styles, width: float) -> Flowable:
    return KeepTogether([para(title, st.heading), data_table(
        (_("Facility or group"), _("Unsentenced"), _("All detainees"), _("Unsentenced share")),
        [(r.label if r.label != "total" else _("Total"), r.unsentenced, r.detainees,
          "–" if r.share is None else f"{r.share:.1%}") for r in rows],
        [w * width for w in (0.4, 0.2, 0.2, 0.2)], st, numeric=(1, 2, 3))], maxHeight=_split_above(len(rows)))


def statistics_pdf(data: StatisticsData, meta: ReportMeta) -> bytes:
    """Recipients and detainees by sex, age, priority group, facility and region; hours from arrest to
    first legal contact; SDG 16.3.2 (unsentenced detainees as a share of all detainees) by facility."""
    st = styles(meta.low_ink)
    width = frame_width(False)
    story: list[Flowable] = [
        para(meta.title, st.title),
        para(_("Legal aid recipients from {start} to {end}: {recipients}. Detainees on the census date, "
               "{census}: {detainees}.").format(start=fmt(data.period_start), end=fmt(data.period_end),
                                      recipients=data.recipients, census=fmt(data.census_date),
                                      detainees=data.detainees), st.body),
        Spacer(1, 2 * mm)]
    story.extend(_breakdown(b, data, st, width) for b in data.breakdowns)

    fc = data.first_contact
    q = fc.quartiles()
    pairs: list[tuple[str, object]] = [
        (_("Cases with a first contact"), fc.cases), (_("Cases with none recorded"), fc.without_contact),
        (_("Median (hours)"), None if q is None else round(q[1], 1)),
        (_("Quartiles (hours)"), None if q is None else f"{q[0]:.1f} – {q[2]:.1f}"),
        (_("Within 24 hours"), f"{fc.within(24)} ({_share(fc.within(24), fc.cases)})"),
        (_("Within 48 hours"), f"{fc.within(48)} ({_share(fc.within(48), fc.cases)})")]
    story.append(KeepTogether([para(_("Time from arrest to first legal contact"), st.heading),
                               data_table((_("Measure"), _("Value")), pairs, [0.5 * width] * 2, st)]))

    story.append(_sdg(_("SDG 16.3.2 on {census}, by facility").format(census=fmt(data.census_date)),
                      (*data.sdg_facilities, data.sdg_total()), st, width))
    if data.sdg_groups:
        groups = tuple(SdgRow(humanise(r.label), r.unsentenced, r.detainees) for r in data.sdg_groups)
        story.append(_sdg(_("SDG 16.3.2 by sex and age"), groups, st, width))
    story.append(Spacer(1, 2 * mm))
    story.append(para(_(
        "SDG 16.3.2: unsentenced detainees as a share of the whole detained population on the census date. "
        "Unsentenced means untried, or convicted and awaiting a first-instance sentence; a person whose "
        "sentence is under appeal counts as sentenced. Immigration detention is outside the base. Only the "
        "facilities this office tracks are counted."), st.small))
    for text in data.definitions:
        story += [Spacer(1, 1.5 * mm), para(text, st.small)]
    return build_pdf(story, meta)
