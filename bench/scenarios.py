"""Scenario sizes: organizations x posts (and comments, reactions, days), defaults and --quick ones."""

from __future__ import annotations

from dataclasses import dataclass, field, replace

SCENARIOS = ("sync", "official", "next-day", "backfill", "cpu", "engagement", "startup")
BEFORE_REF = "7428412"  # the last commit whose cursor ran json.dumps over the partition slice per record


@dataclass(frozen=True)
class Sizes:
    """An emulator data set: per organization (posts) or per post (comments, reactions: drawn 0..2x the mean)."""

    orgs: int
    posts: int
    days: int = 365
    comments: int = 3
    reactions: int = 5

    @classmethod
    def parse(cls, text: str) -> Sizes:
        """`2x1000` or `2x1000,comments=3,reactions=5,days=365`."""
        head, *rest = [part.strip() for part in text.split(",") if part.strip()]
        orgs, posts = (int(x) for x in head.lower().split("x"))
        extra = {key: int(value) for key, value in (item.split("=", 1) for item in rest)}
        return cls(orgs=orgs, posts=posts, **extra)

    @property
    def label(self) -> str:
        return f"{self.orgs}x{self.posts:,}"

    @property
    def total_posts(self) -> int:
        return self.orgs * self.posts

    def emulator_args(self) -> list[str]:
        return [
            f"--orgs={self.orgs}",
            f"--posts={self.posts}",
            f"--days={self.days}",
            f"--comments={self.comments}",
            f"--reactions={self.reactions}",
        ]


@dataclass(frozen=True)
class Activity:
    """One day of activity per organization, through POST /_emulator/activity."""

    new_posts: int = 5
    posts_edited: int = 5
    comments_on_existing: int = 20
    reactions_on_existing: int = 40
    old_posts_touched: int = 10  # spread over the organization's posts, oldest included

    @classmethod
    def parse(cls, text: str) -> Activity:
        """`new_posts=5,posts_edited=5,comments_on_existing=20,reactions_on_existing=40,old_posts_touched=10`."""
        values = {key.strip(): int(value) for key, value in (item.split("=", 1) for item in text.split(",") if item)}
        return cls(**values)


@dataclass(frozen=True)
class SyncCase:
    """A named data set read at each of its latencies (ms added by the emulator to every call)."""

    name: str
    sizes: Sizes
    latencies: tuple[int, ...]

    @classmethod
    def parse(cls, text: str) -> SyncCase:
        """`small=1x200@0,100` (name=sizes@latencies; sizes as in Sizes.parse, extras after `;`)."""
        name, rest = text.split("=", 1)
        sizes, _, latencies = rest.partition("@")
        return cls(
            name.strip(), Sizes.parse(sizes.replace(";", ",")), tuple(int(x) for x in (latencies or "0").split(","))
        )


@dataclass
class Plan:
    """What one `bench/run.py` invocation runs, with every size and count."""

    scenarios: list[str] = field(default_factory=lambda: list(SCENARIOS))
    # large is read at 0 ms only: the backfill scenario reads every stream at 100 ms on a size that fits minutes
    sync_cases: list[SyncCase] = field(
        default_factory=lambda: [SyncCase("small", Sizes(1, 200), (0, 100)), SyncCase("large", Sizes(5, 5000), (0,))]
    )
    official: bool = True
    official_manifest: str | None = None
    official_sizes: Sizes = field(default_factory=lambda: Sizes(1, 200))
    # 360 days of posts: every post lies within the syncs' start_date (364 days back), so every touched post is in
    # scope of the per-post streams (which cover posts modified since start_date).
    next_day_sizes: Sizes = field(default_factory=lambda: Sizes(2, 1000, days=360))
    next_days: int = 1
    activity: Activity = field(default_factory=Activity)
    # 1,000 posts: about 2,000 calls, so at 8 workers the sync runs long enough (~25 s) that the process start-up
    # (importing the CDK, ~1-2 s) does not decide the utilisation.
    backfill_sizes: Sizes = field(default_factory=lambda: Sizes(1, 1000))
    backfill_latency: int = 100
    workers: list[int] = field(default_factory=lambda: [1, 4, 8])
    # 5,000 posts: ~138k video_analytics records and ~4,700 reactions calls (about a minute), so start-up (~2 CPU-s)
    # no longer dominates the whole-process figures (at 2,000 it made the trivial source look slow)
    cpu_sizes: Sizes = field(default_factory=lambda: Sizes(1, 5000))
    engagement_sizes: Sizes = field(default_factory=lambda: Sizes(1, 1000))
    before_ref: str = BEFORE_REF
    startup_runs: int = 5
    # The machine is shared and noisy: each CPU pair (ours, then its floor) runs this often, the median ratio quoted.
    cpu_runs: int = 5

    def quick(self) -> Plan:
        """Everything tiny: a smoke check of the whole harness in about two minutes."""
        return replace(
            self,
            sync_cases=[SyncCase("tiny", Sizes(1, 40), (0,))],
            official_sizes=Sizes(1, 40),
            next_day_sizes=Sizes(1, 100),
            activity=Activity(2, 2, 4, 6, 3),
            backfill_sizes=Sizes(1, 30),
            backfill_latency=20,
            workers=[1, 8],
            cpu_sizes=Sizes(1, 100),
            engagement_sizes=Sizes(1, 30),
            startup_runs=1,
            cpu_runs=1,
        )
