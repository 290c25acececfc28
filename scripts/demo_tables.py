"""Small text tables of the demographic streams' records for the demo."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any


def followers_by_function(records: Iterable[Mapping[str, Any]], limit: int = 10) -> str:
    """Followers per job function (name, organic, paid, total), summed over the organizations, largest first.

    `records` are `follower_demographics` records (other facets and streams are ignored); a function without a
    name (names unavailable) shows its URN.
    """
    totals: dict[str, list[int]] = {}
    organizations, days = set(), set()
    for record in records:
        if record.get("facet") != "function":
            continue
        organizations.add(record.get("organization"))
        days.add(record.get("snapshotDate"))
        label = str(record.get("name") or record.get("value"))
        counts = totals.setdefault(label, [0, 0])
        counts[0] += int(record.get("organicFollowerCount") or 0)
        counts[1] += int(record.get("paidFollowerCount") or 0)
    if not totals:
        return "followers by function: no follower_demographics records"
    rows = sorted(totals.items(), key=lambda item: (-sum(item[1]), item[0]))
    width = max(len("function"), *(len(label) for label, _ in rows[:limit]))
    day = ", ".join(sorted(str(d) for d in days))
    lines = [f"followers by function ({len(organizations)} organization(s), snapshot {day})",
             f"  {'function':<{width}}  {'organic':>9}  {'paid':>7}  {'total':>9}"]
    for label, (organic, paid) in rows[:limit]:
        lines.append(f"  {label:<{width}}  {organic:>9,}  {paid:>7,}  {organic + paid:>9,}")
    if len(rows) > limit:
        rest = rows[limit:]
        organic, paid = sum(c[0] for _, c in rest), sum(c[1] for _, c in rest)
        lines.append(f"  {f'{len(rest)} more':<{width}}  {organic:>9,}  {paid:>7,}  {organic + paid:>9,}")
    return "\n".join(lines)
