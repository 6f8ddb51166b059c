"""The week as the page draws it: an HTML table (dates, today, intensity as a labelled chip,
what differs from the article's sample, weekly totals) and a bar chart of minutes per day.

Pure formatting, standard library only: which days are marked, and which date is today, come
in as arguments. Every text is escaped, so nothing in a week can become markup.
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import date, timedelta
from html import escape

from chains.week.model import Day, Week

REST = "Rest"  # how a rest day's length reads everywhere: table, chart, chat and files
CHART_MAX_MIN = 90  # the chart's y-axis goes at least this high, so 45 min always looks half
INTENSITY_LABELS = {"rest": "Rest", "easy": "Easy", "moderate": "Moderate", "hard": "Hard"}


def amount(day: Day) -> str:
    """How long, for the table: "30 min · 5 km", or "Rest".

    >>> from chains.week.model import rest_day
    >>> amount(rest_day("Friday", "why", "frequency"))
    'Rest'
    """
    if day.kind == "rest":
        return REST
    parts = [f"{day.minutes} min"]
    if day.km:
        parts.append(f"{day.km:g} km")
    return " · ".join(parts)


def totals(week: Week) -> str:
    """The week in one line: "4 runs · 200 min · about 25 km" (run minutes and km only)."""
    runs = [d for d in week.days if d.is_run]
    minutes = sum(d.minutes or 0 for d in runs)
    km = week.running_km()
    noun = "run" if len(runs) == 1 else "runs"
    return f"{len(runs)} {noun} · {minutes} min running · about {km:.0f} km"


def table(
    week: Week, monday: date, today: date, adapted: Collection[str], fresh: Collection[str]
) -> str:
    """The week's table. `adapted`: days that differ from the article's sample (marked ✎);
    `fresh`: days the last message changed (highlighted as well)."""
    rows = []
    for offset, d in enumerate(week.days):
        when = monday + timedelta(days=offset)
        classes: list[str] = [d.intensity]
        marks = []
        if when == today:
            classes.append("today")
            marks.append('<span class="badge today-badge">Today</span>')
        if d.day in fresh:
            classes.append("fresh")
            marks.append('<span class="badge fresh-badge">Just changed</span>')
        elif d.day in adapted:
            classes.append("adapted")
        pen = '<span class="mark" title="differs from the article\'s sample">✎</span> '
        rows.append(
            f'<tr class="{" ".join(classes)}" data-day="{d.day}">'
            f'<th scope="row"><span class="dayname">{pen if d.day in adapted else ""}{d.day}'
            f'</span><span class="date">{when:%a %d %b}</span>{"".join(marks)}</th>'
            f'<td><span class="session">{escape(d.title)}</span>'
            f'<span class="chip {d.intensity}">{INTENSITY_LABELS[d.intensity]}</span></td>'
            f'<td class="amount">{amount(d)}</td><td class="details">{escape(d.details)}</td></tr>'
        )
    return (
        '<table class="week"><thead><tr><th scope="col">Day</th><th scope="col">Session</th>'
        '<th scope="col">Length</th><th scope="col">What to do</th></tr></thead>'
        f"<tbody>{''.join(rows)}</tbody>"
        f'<tfoot><tr><td colspan="4">{totals(week)}</td></tr></tfoot></table>'
    )


def chart(week: Week) -> str:
    """Minutes per day as bars on a fixed scale (0 to at least 90 min), coloured and labelled
    by intensity, with a legend; a rest day reads "Rest" instead of an empty gap."""
    top = max(CHART_MAX_MIN, *(d.minutes or 0 for d in week.days))
    bars = []
    for d in week.days:
        if d.kind == "rest":
            bar = f'<span class="bar-rest">{REST}</span>'
        else:
            height = round(100 * (d.minutes or 0) / top)
            bar = (
                f'<span class="bar {d.intensity}" style="height:{height}%">'
                f'<span class="bar-value">{d.minutes}</span></span>'
            )
        label = f"{d.day}: {amount(d)}, {INTENSITY_LABELS[d.intensity].lower()}"
        bars.append(
            f'<div class="col" role="listitem" aria-label="{escape(label)}">'
            f'<div class="plot">{bar}</div><span class="x">{d.day[:3]}</span></div>'
        )
    legend = "".join(
        f'<span class="key"><span class="swatch {k}"></span>{v}</span>'
        for k, v in INTENSITY_LABELS.items()
    )
    return (
        f'<div class="week-chart"><div class="chart-title">Minutes per day (scale 0–{top})</div>'
        f'<div class="bars" role="list">{"".join(bars)}</div>'
        f'<div class="legend">{legend}</div></div>'
    )
