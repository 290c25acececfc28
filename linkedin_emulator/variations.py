"""Switches for the answer variations LinkedIn shows in production: settings, validation, CLI flags."""
from __future__ import annotations

import argparse
import hashlib
from dataclasses import asdict, dataclass, fields, replace
from typing import Any

# Values of each string switch (the first line of each help text says what they mean).
CHOICES: dict[str, tuple[str, ...]] = {
    "comment_urn": ("commentUrn", "$URN", "both", "neither", "mixed"),
    "comment_order": ("newest", "oldest", "unordered"),
    "paging_total": ("common", "all", "none"),
    "paging_links": ("present", "empty", "absent"),
    "page_clicks": ("present", "absent", "mixed"),
    "share_fields": ("complete", "mixed", "minimal"),
    "batch_keys": ("encoded", "raw", "mixed"),
}

HELP: dict[str, str] = {
    "comment_urn": "field carrying a comment's URN: commentUrn only, $URN only, both, neither (a client builds "
                   "urn:li:comment:({object},{id})), or mixed (seeded per comment)",
    "comment_order": "order of the comments finder: newest first, oldest first, or unordered (a seeded permutation "
                     "per post, stable across pages and calls; added comments land at seeded positions)",
    "paging_total": "paging.total (the true total): common = comments, reactions, organizations (vanityName) and "
                    "organizationAcls; all = every collection; none = never",
    "paging_links": "paging.links: present = rest.li next/prev link objects, empty = [], absent = no links key",
    "sparse": "optional post fields absent rather than empty (distribution.targetEntities; lifecycleStateInfo "
              "on a seeded half of the posts never edited)",
    "page_clicks": "lifetime page statistics: clicks present; absent = views only plus an empty "
                   "pageStatisticsByTargetedContent; mixed = seeded per organization",
    "custom_buttons": "time-bound page statistics carry desktop/mobileCustomButtonClickCounts",
    "share_fields": "share statistics (buckets, lifetime, per post): complete; mixed = seeded per bucket, some lack "
                    "uniqueImpressionsCount and/or the mention counts; minimal = all lack them",
    "org_extras": "organization lookups add $URN, groups, alternativeNames, localizedSpecialties, autoCreated, "
                  "website, parentRelationship",
    "batch_keys": "BATCH_GET keys (results, statuses, errors): encoded (urn%%3Ali%%3A...), raw (urn:li:...), or "
                  "mixed (seeded per key)",
}


@dataclass(frozen=True)
class Variations:
    """One set of switches; the defaults are what the CLI starts with (production-like where the brief says so)."""

    comment_urn: str = "commentUrn"
    comment_order: str = "unordered"  # never newest: the finder's order is not documented
    paging_total: str = "common"
    paging_links: str = "present"
    sparse: bool = True
    page_clicks: str = "present"
    custom_buttons: bool = True
    share_fields: str = "complete"
    org_extras: bool = True
    batch_keys: str = "encoded"

    def to_json(self) -> dict[str, Any]:
        return asdict(self)

    def updated(self, spec: dict[str, Any]) -> Variations:
        """A copy with the given switches changed; ValueError names an unknown key or a bad value."""
        names = {f.name for f in fields(self)}
        unknown = set(spec) - names
        if unknown:
            raise ValueError(f"unknown variation keys {sorted(unknown)}; expected some of {sorted(names)}")
        for name, value in spec.items():
            if name in CHOICES:
                if value not in CHOICES[name]:
                    raise ValueError(f"{name} must be one of {', '.join(CHOICES[name])}")
            elif not isinstance(value, bool):  # JSON true/false only: 0/1 or "yes" would hide a typo
                raise ValueError(f"{name} must be true or false")
        return replace(self, **spec)


def seeded(seed: int, *parts: int | str) -> int:
    """Stable, well mixed 64-bit value behind every per-item choice (comment, post, bucket, key).

    Not the generator's FNV seeds: their low bits barely change between ids that differ in one digit, and
    these values are used as `% 2` picks and as sort keys.
    """
    text = "\x1f".join(str(p) for p in (seed, *parts))
    return int.from_bytes(hashlib.blake2b(text.encode(), digest_size=8).digest(), "big")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """One flag per switch: --comment-urn VALUE ..., --sparse/--no-sparse ..."""
    group = parser.add_argument_group("answer variations (also switchable at run time: POST /_emulator/variations)")
    defaults = Variations()
    for f in fields(Variations):
        flag = "--" + f.name.replace("_", "-")
        default = getattr(defaults, f.name)
        if f.name in CHOICES:
            group.add_argument(flag, dest=f.name, choices=CHOICES[f.name], default=default,
                               help=f"{HELP[f.name]} (default: %(default)s)")
        else:
            group.add_argument(flag, dest=f.name, action=argparse.BooleanOptionalAction, default=default,
                               help=f"{HELP[f.name]} (default: {'on' if default else 'off'})")


def from_arguments(args: argparse.Namespace) -> Variations:
    return Variations().updated({f.name: getattr(args, f.name) for f in fields(Variations)})
