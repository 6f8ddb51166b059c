"""The week as the page draws it (`chains/week/view.py`): the table's dates and marks, the
chart's fixed scale and legend, and rest reading "Rest" on the page and in the files alike."""

from __future__ import annotations

import csv
import io
import re
from dataclasses import replace
from datetime import date

from chains.week import DAYS, sample_week
from chains.week.export import to_csv, to_markdown
from chains.week.view import REST, chart, table, totals
from knowledge.week_data import load_sample_week_data

SAMPLE = sample_week(load_sample_week_data())
MONDAY, TUESDAY = date(2026, 11, 30), date(2026, 12, 1)


def test_the_table_dates_each_day_and_marks_today_adapted_and_fresh() -> None:
    html = table(SAMPLE, MONDAY, TUESDAY, adapted={"Friday", "Tuesday"}, fresh={"Tuesday"})
    rows = re.findall(r'<tr class="([^"]*)" data-day="(\w+)">(.*?)</tr>', html)
    assert [day for _, day, _ in rows] == list(DAYS)
    dates = re.findall(r'<span class="date">([^<]*)</span>', html)
    assert dates[0] == "Mon 30 Nov" and dates[-1] == "Sun 06 Dec"
    classes = {day: set(c.split()) for c, day, _ in rows}
    assert {"today", "fresh"} <= classes["Tuesday"] and "adapted" in classes["Friday"]
    assert [day for _, day, cells in rows if "✎" in cells] == ["Tuesday", "Friday"]
    assert "Today" in rows[1][2] and "Today" not in rows[0][2]


def test_intensity_is_a_labelled_chip_not_colour_alone() -> None:
    html = table(SAMPLE, MONDAY, TUESDAY, (), ())
    chips = re.findall(r'<span class="chip (\w+)">(\w+)</span>', html)
    assert chips[1] == ("hard", "Hard") and chips[-1] == ("moderate", "Moderate")


def test_the_weekly_totals_add_up_the_running_days() -> None:
    # Mon 30 + Tue 30 + Wed 35 + Thu 45 + Fri 30 + Sun 90 min; km 5 + 5.5 + 5 + 5 + 90 × 8/10 / 6
    assert totals(SAMPLE) == "6 runs · 260 min running · about 32 km"


def test_the_chart_keeps_a_fixed_scale_and_a_legend_and_labels_rest() -> None:
    easy = replace(SAMPLE["Sunday"], minutes=45)
    heights = re.findall(r'style="height:(\d+)%"', chart(SAMPLE.with_day(easy)))
    assert heights[-1] == "50"  # 45 of 90: half, whatever the rest of the week holds
    longer = replace(SAMPLE["Sunday"], minutes=120)
    assert "scale 0–120" in chart(SAMPLE.with_day(longer))
    friday_off = SAMPLE.with_day(replace(SAMPLE["Friday"], kind="rest", intensity="rest",
                                         minutes=None, km=None))  # fmt: skip
    html = chart(friday_off)
    assert f'<span class="bar-rest">{REST}</span>' in html
    assert re.findall(r'<span class="swatch \w+"></span>(\w+)', html) == [
        "Rest", "Easy", "Moderate", "Hard"
    ]  # fmt: skip


def test_rest_reads_rest_in_the_table_the_markdown_and_the_csv() -> None:
    friday = replace(SAMPLE["Friday"], kind="rest", title="Rest", intensity="rest",
                     minutes=None, km=None, details="No session.")  # fmt: skip
    week = SAMPLE.with_day(friday)
    row = re.search(r'data-day="Friday">(.*?)</tr>', table(week, MONDAY, TUESDAY, (), ()))
    assert row and '<td class="amount">Rest</td>' in row.group(1)
    assert "| Friday | Rest | Rest |" in to_markdown(week)
    rows = list(csv.DictReader(io.StringIO(to_csv(week))))
    assert rows[4]["minutes"] == "Rest"


def test_text_in_a_week_cannot_become_markup() -> None:
    odd = replace(SAMPLE["Monday"], title="<img src=x onerror=alert(1)>", details="a & b")
    html = table(SAMPLE.with_day(odd), MONDAY, TUESDAY, (), ())
    assert "<img" not in html and "&lt;img" in html and "a &amp; b" in html
