"""The `coach eval` report: one HTML page, a bar chart per area, each figure beside its bar."""

from __future__ import annotations

import html
from collections import defaultdict
from pathlib import Path
from typing import Any

_WIDTH = 360


def _bar(label: str, value: float, ok: bool, scale: float) -> str:
    width = 0 if scale <= 0 else max(2, int(_WIDTH * min(value / scale, 1.0)))
    colour = "#4c9f70" if ok else "#c0504d"
    return (
        f'<tr><td>{html.escape(label)}</td><td><svg width="{_WIDTH}" height="14">'
        f'<rect width="{width}" height="14" fill="{colour}"/></svg></td>'
        f"<td>{value:g}</td></tr>"
    )


def write_report(rows: list[dict[str, Any]], passed: bool, path: Path) -> Path:
    """Group the rows by area (retrieval, out-of-scope, guard, week) and draw each as bars."""
    areas: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in rows:
        areas[row["area"]].append(row)
    parts = [
        "<!doctype html><meta charset='utf-8'><title>backstride: quality figures</title>",
        "<style>body{font:14px system-ui;margin:2em;max-width:60em}td{padding:2px 8px}"
        "h2{margin-top:1.5em}</style>",
        "<h1>backstride: quality figures</h1>",
        f"<p><b>{'All bars met.' if passed else 'Some figures are under their bar.'}</b> "
        "Green: meets its bar (or has none); red: under it.</p>",
    ]
    for area, items in areas.items():
        parts.append(f"<h2>{html.escape(area)}</h2><table>")
        scale = max([1.0, *(float(r["value"]) for r in items)])
        for r in items:
            label = f"{r['figure']} (bar {r['bar']})" if r["bar"] != "-" else r["figure"]
            parts.append(_bar(label, float(r["value"]), bool(r["ok"]), scale))
        parts.append("</table>")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(parts), encoding="utf-8")
    return path
