"""`next-day`: a full sync, a day of activity (or none), the clock one day on, the incremental sync."""

# Reports calls per 1,000 posts by endpoint (the request log's `resource`) and each stream's
# staleness (bench/staleness.py) after every daily sync.

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from emulator import Emulator
from harness import Harness
from measure import Run, records_of
from scenarios import Activity, Plan, Sizes
from settings import DAY_MS, log, org_ids
from staleness import STREAMS, StreamStaleness, Tracker, expected_changes, universes

TARGET_PER_1000 = 140  # issue 15: calls per 1,000 posts of a next-day sync with no new activity


@dataclass
class DaySync:
    day: int
    run: Run
    clock_ms: int
    posts: int  # live posts when it ran
    staleness: list[StreamStaleness]

    @property
    def per_1000(self) -> float:
        return self.run.total_calls * 1000 / self.posts


@dataclass
class NextDayResult:
    variant: str
    sizes: Sizes
    activity: Activity | None
    full: Run
    days: list[DaySync] = field(default_factory=list)


def live_posts(emulator: Emulator) -> dict[str, list[str]]:
    return emulator.truth()["posts"]


def spread(items: list[str], count: int) -> list[str]:
    """`count` items evenly spaced over the list, first and last included."""
    if count <= 0 or not items:
        return []
    step = max(1, (len(items) - 1) / max(1, count - 1))
    return list(dict.fromkeys(items[min(len(items) - 1, round(i * step))] for i in range(count)))


def add_activity(emulator: Emulator, activity: Activity) -> tuple[list[dict[str, Any]], list[str]]:
    """One day of activity per organization; returns the emulator's answers and the old posts touched."""
    answers, touched = [], []
    for org, posts in live_posts(emulator).items():
        old = spread(posts, activity.old_posts_touched)
        spec = {
            "organization": int(org),
            "new_posts": activity.new_posts,
            "posts_edited": activity.posts_edited,
            "comments_on_existing": activity.comments_on_existing,
            "reactions_on_existing": activity.reactions_on_existing,
        }
        answers.append(emulator.activity({**spec, "posts": old} if old else spec))
        touched += old
    return answers, touched


def observe(tracker: Tracker, run: Run, clock_ms: int) -> dict[str, set[str]]:
    return {stream: tracker.observe(stream, records_of(run, stream), clock_ms) for stream in STREAMS}


def merge_states(old: list[dict[str, Any]], new: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The states to resume from: each stream's newest (a stream whose state did not move keeps its last)."""
    by_name = {s["stream"]["stream_descriptor"]["name"]: s for s in old if s.get("type") == "STREAM"}
    by_name.update({s["stream"]["stream_descriptor"]["name"]: s for s in new if s.get("type") == "STREAM"})
    return list(by_name.values())


def one_day(
    harness: Harness,
    emulator: Emulator,
    activity: Activity | None,
    day: int,
    label: str,
    states: list[dict[str, Any]],
    tracker: Tracker,
) -> DaySync:
    """Activity (or none) over a day, the clock one day on, then the incremental sync from `states`."""
    answers: list[dict[str, Any]] = []
    touched: list[str] = []
    if activity is None:
        emulator.advance_clock(DAY_MS)
    else:
        emulator.advance_clock(DAY_MS // 2)
        answers, touched = add_activity(emulator, activity)
        emulator.advance_clock(DAY_MS // 2)
    clock = emulator.clock()
    orgs = org_ids(emulator.sizes.orgs)
    run = harness.ours.read(
        label, emulator, orgs, harness.start_date, states=states, clock_offset_ms=clock["offset_ms"], keep_log=True
    )
    emitted = observe(tracker, run, clock["now_ms"])
    expected = expected_changes(answers, touched)
    truth = emulator.truth()
    have = universes(truth)
    staleness = [tracker.judge(s, emitted[s], expected.get(s, set()), clock["now_ms"], have.get(s)) for s in STREAMS]
    posts = sum(len(p) for p in truth["posts"].values())
    return DaySync(day, run, clock["now_ms"], posts, staleness)


def series(harness: Harness, plan: Plan, emulator: Emulator, activity: Activity | None) -> NextDayResult:
    variant = "activity" if activity else "no-activity"
    emulator.reset()
    log(f"next-day {variant}: full sync of every stream ({emulator.sizes.label} posts)")
    tracker = Tracker()
    full = harness.ours.read(f"next-day-{variant}-full", emulator, org_ids(emulator.sizes.orgs), harness.start_date)
    observe(tracker, full, emulator.clock()["now_ms"])
    result = NextDayResult(variant, emulator.sizes, activity, full)
    states = full.states
    for day in range(1, plan.next_days + 1):
        log(f"next-day {variant}: {'a day of activity, ' if activity else ''}clock +1 day, incremental sync {day}")
        sync = one_day(harness, emulator, activity, day, f"next-day-{variant}-day{day}", states, tracker)
        log(
            f"next-day {variant}: day {day}: {sync.run.total_calls:,} calls for {sync.posts:,} posts = "
            f"{sync.per_1000:.0f} per 1,000 posts{' ERRORS ' + str(sync.run.errors[:1]) if sync.run.errors else ''}"
        )
        result.days.append(sync)
        states = merge_states(states, sync.run.states)
    return result


def run(harness: Harness, plan: Plan) -> list[NextDayResult]:
    log(f"next-day: starting the emulator ({plan.next_day_sizes.label})")
    with Emulator(plan.next_day_sizes) as emulator:
        results = [series(harness, plan, emulator, plan.activity), series(harness, plan, emulator, None)]
    no_activity = results[-1].days[0].per_1000 if results[-1].days else None
    if no_activity is not None:
        verdict = "meets" if no_activity <= TARGET_PER_1000 else "does NOT meet"
        log(
            f"next-day: no activity: {no_activity:.0f} calls per 1,000 posts — {verdict} the target ≤ {TARGET_PER_1000}"
        )
    return results
