"""Deterministic seeded data set: organizations, daily statistics, posts, comments and reactions."""
from __future__ import annotations

import math
import random
import string
from typing import Any

from .config import EmulatorConfig
from .reference_data import GEO_COUNTRY_POOL, GEO_PLACE_POOL, INDUSTRY_POOL
from .store import (
    BUTTON_DEVICES,
    CLICK_GROUPS,
    CLICK_KEYS,
    CUSTOM_BUTTON_TYPES,
    PAGE_SECTIONS,
    REACTION_TYPES,
    SHARE_FIELDS,
    VIEW_KEYS,
    Org,
    Post,
    Store,
)
from .timeutil import DAY_MS, add_months, day_floor

FIRST_ORG_ID = 2414183
ORG_NAMES = ("Emu Analytics", "Northwind Robotics", "Blue Heron Foods", "Cobalt Freight", "Juniper Health",
             "Saffron Studios", "Granite Ledger", "Tidewater Energy", "Lumen Textiles", "Orchard Mobility")
CITIES = (("US", "San Francisco", "CA", "94105"), ("US", "Austin", "TX", "73301"), ("GB", "London", None, "EC1A 1BB"),
          ("DE", "Berlin", None, "10115"), ("FR", "Paris", None, "75001"), ("IN", "Bengaluru", None, "560001"))
STAFF_RANGES = ("SIZE_1", "SIZE_2_TO_10", "SIZE_11_TO_50", "SIZE_51_TO_200", "SIZE_201_TO_500",
                "SIZE_501_TO_1000", "SIZE_1001_TO_5000", "SIZE_5001_TO_10000", "SIZE_10001_OR_MORE")
# facet name -> (item key, number of distinct values generated; > 100 exercises the top-100 cut)
FOLLOWER_FACETS = {
    "followerCountsByAssociationType": ("associationType", 1),
    "followerCountsBySeniority": ("seniority", 10),
    "followerCountsByFunction": ("function", 26),
    "followerCountsByIndustry": ("industry", 140),
    "followerCountsByStaffCountRange": ("staffCountRange", 9),
    "followerCountsByGeoCountry": ("geo", 60),
    "followerCountsByGeo": ("geo", 130),
}
PAGE_FACETS = {
    "pageStatisticsBySeniority": ("seniority", 10),
    "pageStatisticsByFunction": ("function", 26),
    "pageStatisticsByIndustryV2": ("industryV2", 120),
    "pageStatisticsByStaffCountRange": ("staffCountRange", 9),
    "pageStatisticsByGeoCountry": ("geo", 60),
    "pageStatisticsByGeo": ("geo", 110),
}
# content type -> weight; all video posts are ugcPosts, others ~18% ugcPost (~30% overall)
CONTENT_WEIGHTS = (("text", 20), ("image", 25), ("video", 15), ("article", 15), ("multiImage", 8), ("poll", 5),
                   ("carousel", 4), ("reshare", 8))
WORDS = ("data", "team", "launch", "customers", "growth", "hiring", "insight", "product", "update", "community",
         "partners", "quarter", "roadmap", "thanks", "event", "webinar", "story", "results", "culture", "engineering")
POST_ID_BASE = 7_100_000_000_000_000_000
ACTIVITY_ID_BASE = 7_300_000_000_000_000_000
COMMENT_ID_BASE = 7_400_000_000_000_000_000


def org_id_for(index: int) -> int:
    return FIRST_ORG_ID + 1000 * (index - 1)


def _sub_seed(*parts: int | str) -> int:
    """Stable per-entity seed (hash() is salted per process, so build it by hand)."""
    h = 1469598103934665603
    for p in parts:
        for ch in str(p).encode():
            h = ((h ^ ch) * 1099511628211) % (1 << 64)
        h = ((h ^ 0xFF) * 1099511628211) % (1 << 64)
    return h


def _facet_value(facet: str, key: str, i: int) -> str:
    """Value number i of a facet; every URN resolves through the standardized-data endpoints."""
    if key == "associationType":
        return "EMPLOYEE"
    if key == "staffCountRange":
        return STAFF_RANGES[i]
    if key in ("industry", "industryV2"):
        return f"urn:li:industry:{INDUSTRY_POOL[i]}"
    if key == "geo":
        return f"urn:li:geo:{(GEO_COUNTRY_POOL if facet.endswith('GeoCountry') else GEO_PLACE_POOL)[i]}"
    return f"urn:li:{key}:{i + 1}"  # function 1..26, seniority 1..10: LinkedIn's own ids


def _split(total: int, n: int, rng: random.Random) -> list[int]:
    """Split total into n descending parts with a long tail (Zipf-like weights)."""
    weights = sorted((rng.random() + 0.05) / (i + 1) ** 1.1 for i in range(n))[::-1]
    s = sum(weights)
    parts = [int(total * w / s) for w in weights]
    parts[0] += total - sum(parts)
    return parts


def _text(rng: random.Random, lo: int, hi: int) -> str:
    words = [rng.choice(WORDS) for _ in range(rng.randint(lo, hi))]
    return " ".join(words).capitalize() + "."


def _asset(rng: random.Random, kind: str, prefix: str) -> str:
    return f"urn:li:{kind}:{prefix}" + "".join(rng.choice(string.ascii_letters + string.digits) for _ in range(14))


class Generator:
    """Builds a Store from a config; all randomness comes from seeds derived from config.seed."""

    def __init__(self, config: EmulatorConfig, start_ms: int) -> None:
        self.cfg = config
        self.start_ms = start_ms
        self.anchor = day_floor(start_ms)
        self.data_start = self.anchor - config.days * DAY_MS

    def build(self) -> Store:
        store = Store(self.anchor, self.start_ms, self.comments_for, self.reactions_for)
        for i in range(1, self.cfg.orgs + 1):
            org = self._org(i)
            store.add_org(org)
            self._posts(store, org)
            self._share_series(store, org)
            org.finish_series()
            self._facets(org)
        return store

    # organizations -------------------------------------------------------------------------
    def _org(self, i: int) -> Org:
        rng = random.Random(_sub_seed(self.cfg.seed, "org", i))
        oid = org_id_for(i)
        name = ORG_NAMES[(i - 1) % len(ORG_NAMES)] + ("" if i <= len(ORG_NAMES) else f" {i}")
        vanity = f"emu-org-{i}"
        country, city, area, postal = rng.choice(CITIES)
        staff = rng.choice(STAFF_RANGES[2:])
        created = self.start_ms - rng.randint(3 * 365, 12 * 365) * DAY_MS
        actor = "urn:li:person:emuAdmin"
        logo = {"original": _asset(rng, "digitalmediaAsset", "C4D0BAQ"),
                "cropped": _asset(rng, "digitalmediaAsset", "C4E0BAQ"),
                "cropInfo": {"x": 0, "y": 0, "width": 400, "height": 400}}
        address: dict[str, Any] = {"country": country, "city": city, "postalCode": postal,
                                   "line1": f"{rng.randint(1, 999)} Market Street"}
        if area:
            address["geographicArea"] = area
        details = {
            "id": oid, "localizedName": name,
            "name": {"localized": {"en_US": name}, "preferredLocale": {"country": "US", "language": "en"}},
            "vanityName": vanity, "localizedWebsite": f"https://www.{vanity}.example.com",
            "localizedDescription": f"{name} — {_text(rng, 8, 16)}",
            # choice() over 150 ids draws like the former randint(1, 150): the rest of the data is unchanged
            "industries": [f"urn:li:industry:{rng.choice(INDUSTRY_POOL)}"],
            "locations": [{"locationType": "HEADQUARTERS", "address": address, "staffCountRange": staff,
                           "description": "Headquarters"}],
            "staffCountRange": staff, "organizationType": rng.choice(("PRIVATELY_HELD", "PUBLIC_COMPANY")),
            "primaryOrganizationType": "NONE", "defaultLocale": {"country": "US", "language": "en"},
            "specialties": sorted({rng.choice(WORDS).capitalize() for _ in range(4)}),
            "foundedOn": {"year": rng.randint(1950, 2020)}, "versionTag": str(rng.randint(1, 60)),
            "logoV2": logo, "created": {"actor": actor, "time": created},
            "lastModified": {"actor": actor, "time": created + rng.randint(30, 900) * DAY_MS},
        }
        org = Org(i, oid, vanity, details, self.data_start)
        n = self.cfg.days + 1  # last slot = the (partial) start day
        quiet = i == 3  # organization 3 is a brand-new page: no followers, empty facet arrays
        mu = 0 if quiet else rng.randint(5, 40)
        org.base_followers = 0 if quiet else rng.randint(2_000, 200_000)
        org.series["organicFollowerGain"] = [rng.randint(0, 2 * mu) for _ in range(n)]
        org.series["paidFollowerGain"] = [rng.randint(0, 6) if (not quiet and rng.random() < 0.1) else 0
                                          for _ in range(n)]
        scale = rng.randint(20, 200)
        for s in PAGE_SECTIONS:
            cap = s[0].upper() + s[1:]
            w = 1.0 if s == "overview" else rng.uniform(0.05, 0.5)
            for device, dw in (("desktop", 0.6), ("mobile", 0.4)):
                views = [int(rng.random() * 2 * scale * w * dw) for _ in range(n)]
                org.series[f"{device}{cap}PageViews"] = views
                org.series[f"{device}{cap}Unique"] = [v - rng.randint(0, v // 3) for v in views]
        for group in CLICK_GROUPS:
            for key in CLICK_KEYS:
                org.series[f"{group}.{key}"] = [rng.randint(0, 3) if rng.random() < 0.3 else 0 for _ in range(n)]
        # organic share activity not tied to a generated post (older reshares, mentions)
        org.series["impressionCount"] = [rng.randint(0, 200) for _ in range(n)]
        org.series["uniqueImpressionsCount"] = [v // 2 for v in org.series["impressionCount"]]
        org.series["clickCount"] = [rng.randint(0, 5) for _ in range(n)]
        for f in ("likeCount", "commentCount", "shareCount", "shareMentionsCount", "commentMentionsCount"):
            org.series[f] = [rng.randint(0, 1) for _ in range(n)]
        # custom button clicks draw from a stream of their own, so every older series keeps its values
        buttons = random.Random(_sub_seed(self.cfg.seed, "buttons", i))
        org.custom_button = None if quiet else buttons.choice(CUSTOM_BUTTON_TYPES)
        for device in BUTTON_DEVICES:
            org.series[f"{device}CustomButtonClicks"] = [
                buttons.randint(1, 4) if org.custom_button and buttons.random() < 0.25 else 0 for _ in range(n)]
        return org

    def _facets(self, org: Org) -> None:
        rng = random.Random(_sub_seed(self.cfg.seed, "facets", org.index))
        total = org.base_followers + org.lifetime("organicFollowerGain") + org.lifetime("paidFollowerGain")
        employees = total // 50
        for facet, (key, n) in FOLLOWER_FACETS.items():
            if total == 0:
                org.follower_facets[facet] = []
                continue
            parts = _split(employees if key == "associationType" else total, n, rng)
            values = list(range(n))
            rng.shuffle(values)
            items = [{key: _facet_value(facet, key, values[k]),
                      "followerCounts": {"organicFollowerCount": p - p // 20, "paidFollowerCount": p // 20}}
                     for k, p in enumerate(parts) if p > 0]
            org.follower_facets[facet] = items[:100]  # LinkedIn answers only the top 100 values
        views_total = {k: self._lifetime_view(org, k) for k in VIEW_KEYS}
        for facet, (key, n) in PAGE_FACETS.items():
            weights = _split(1_000_000, n, rng)
            values = list(range(n))
            rng.shuffle(values)
            items = []
            for k, w in enumerate(weights):
                views = {vk: {"pageViews": views_total[vk] * w // 1_000_000} for vk in VIEW_KEYS}
                if views["allPageViews"]["pageViews"] > 0:
                    items.append({key: _facet_value(facet, key, values[k]), "pageStatistics": {"views": views}})
            org.page_facets[facet] = items[:100]

    @staticmethod
    def _lifetime_view(org: Org, key: str) -> int:
        return sum(org.lifetime(s) for s in view_series(key, unique=False))

    # posts -----------------------------------------------------------------------------------
    def _posts(self, store: Store, org: Org) -> None:
        rng = random.Random(_sub_seed(self.cfg.seed, "posts", org.index))
        lo = self.data_start
        hi = self.start_ms - 3_600_000
        times = sorted(rng.randint(lo, hi) for _ in range(self.cfg.posts))
        for seq, created in enumerate(times):
            store.add_post(self.make_post(store, org, seq, created, rng))

    def make_post(self, store: Store, org: Org, seq: int, created: int, rng: random.Random,
                  fresh: bool = False) -> Post:
        """One post; `fresh` posts (added through the control API) have no generated activity."""
        ctype = "text" if fresh and seq % 2 == 0 else ("image" if fresh else _weighted(rng, CONTENT_WEIGHTS))
        kind = "ugcPost" if ctype == "video" or (ctype != "reshare" and rng.random() < 0.18) else "share"
        num = POST_ID_BASE + org.index * 1_000_000_000 + seq
        urn = f"urn:li:{kind}:{num}"
        activity = f"urn:li:activity:{ACTIVITY_ID_BASE + org.index * 1_000_000_000 + seq}"
        lifecycle = "PUBLISHED" if fresh or rng.random() > 0.02 else "DRAFT"
        published = None if lifecycle == "DRAFT" else min(created + rng.randint(0, 120_000), self._now_cap(fresh))
        base = published if published is not None else created
        edited = not fresh and rng.random() < 0.15
        last_modified = min(base + rng.randint(3_600_000, 30 * DAY_MS), self._now_cap(fresh)) if edited else base
        last_modified = max(last_modified, base)
        sponsored = not fresh and rng.random() < 0.05
        body: dict[str, Any] = {
            "author": org.urn,
            "commentary": _text(rng, 6, 30) + (" #" + rng.choice(WORDS) if rng.random() < 0.4 else ""),
            "visibility": "PUBLIC",
            "distribution": {"feedDistribution": "NONE" if sponsored else "MAIN_FEED", "targetEntities": [],
                             "thirdPartyDistributionChannels": []},
            "isReshareDisabledByAuthor": rng.random() < 0.03,
        }
        content = self._content(ctype, rng)
        if content is not None:
            body["content"] = content
        if ctype == "reshare":
            earlier = [p for p in store.posts_by_org[org.id][-50:] if not p.deleted]
            parent = rng.choice(earlier).urn if earlier else f"urn:li:share:{POST_ID_BASE + rng.randint(1, 10**9)}"
            body["reshareContext"] = {"parent": parent, "root": parent}
        if sponsored:
            body["adContext"] = {"dscAdAccount": f"urn:li:sponsoredAccount:{500000000 + org.index * 1000 + seq % 7}",
                                 "dscStatus": "ACTIVE", "isDsc": True}
        n_comments = 0 if fresh else rng.randint(0, 2 * self.cfg.comments)
        n_reactions = 0 if fresh else rng.randint(0, 2 * self.cfg.reactions)
        impressions = 0 if fresh else int(rng.lognormvariate(6.0, 1.0))
        stats = {
            "impressionCount": impressions,
            "uniqueImpressionsCount": impressions - rng.randint(0, impressions // 3) if impressions else 0,
            "clickCount": rng.randint(0, max(0, impressions // 20)),
            "likeCount": n_reactions, "commentCount": n_comments,
            "shareCount": rng.randint(0, 3) if impressions else 0,
            "shareMentionsCount": 1 if rng.random() < 0.05 else 0,
            "commentMentionsCount": 1 if rng.random() < 0.05 else 0,
        }
        return Post(urn=urn, org_id=org.id, org_index=org.index, seq=seq, kind=kind, ctype=ctype, created=created,
                    published=published, last_modified=last_modified, lifecycle=lifecycle, activity=activity,
                    seed=_sub_seed(self.cfg.seed, urn), n_comments=n_comments, n_reactions=n_reactions, body=body,
                    stats=stats, edited=edited)

    def _now_cap(self, fresh: bool) -> int:
        # generated history never reaches past the start instant; fresh posts are "now"
        return 2**62 if fresh else self.start_ms - 60_000

    @staticmethod
    def _content(ctype: str, rng: random.Random) -> dict[str, Any] | None:
        if ctype == "image":
            return {"media": {"id": _asset(rng, "image", "C4D22AQ"), "altText": _text(rng, 2, 5)}}
        if ctype == "video":
            return {"media": {"id": _asset(rng, "video", "C4D05AQ"), "title": _text(rng, 2, 6)}}
        if ctype == "article":
            return {"article": {"source": f"https://blog.example.com/{rng.randint(1000, 9999)}",
                                "title": _text(rng, 3, 8), "description": _text(rng, 8, 20),
                                "thumbnail": _asset(rng, "image", "C4D10AQ")}}
        if ctype == "multiImage":
            return {"multiImage": {"images": [{"id": _asset(rng, "image", "C4D22AQ"), "altText": ""}
                                              for _ in range(rng.randint(2, 6))]}}
        if ctype == "poll":
            return {"poll": {"question": _text(rng, 4, 9).rstrip(".") + "?",
                             "options": [{"text": rng.choice(WORDS)} for _ in range(rng.randint(2, 4))],
                             "settings": {"duration": "THREE_DAYS", "voteSelectionType": "SINGLE_VOTE",
                                          "isVoterVisibleToAuthor": False}}}
        if ctype == "carousel":
            return {"carousel": {"cards": [{"media": {"id": _asset(rng, "image", "C4D22AQ"),
                                                      "title": _text(rng, 2, 4)},
                                            "landingPage": f"https://www.example.com/p/{rng.randint(1, 999)}"}
                                           for _ in range(rng.randint(2, 5))]}}
        return None

    def _share_series(self, store: Store, org: Org) -> None:
        """Add each post's lifetime stats to its creation day, so org totals >= sum over posts."""
        n = len(org.series["impressionCount"])
        for post in store.posts_by_org[org.id]:
            idx = min(n - 1, max(0, (post.created - self.data_start) // DAY_MS))
            for f in SHARE_FIELDS:
                org.series[f][idx] += post.stats[f]

    # comments and reactions (lazy, per-post seed) -------------------------------------------
    def comments_for(self, post: Post) -> list[dict[str, Any]]:
        rng = random.Random(post.seed ^ 0xC0FFEE)
        t0 = post.published or post.created
        out: list[dict[str, Any]] = []
        top: list[dict[str, Any]] = []
        for j in range(post.n_comments):
            cid = str(COMMENT_ID_BASE + (post.org_index * 1_000_000_000 + post.seq) * 10_000 + j)
            actor = (post.body["author"] if rng.random() < 0.1 else f"urn:li:person:emu{_person(rng)}")
            parent = rng.choice(top) if top and rng.random() < 0.25 else None
            lo = parent["created"]["time"] if parent else t0
            created = lo + int((self.start_ms - 60_000 - lo) * rng.random() ** 3)
            modified = created + (rng.randint(60_000, 3 * DAY_MS) if rng.random() < 0.1 else 0)
            modified = min(modified, self.start_ms - 1000) if modified > created else created
            out.append(make_comment(post, cid, actor, _text(rng, 3, 25), created, modified,
                                    parent["commentUrn"] if parent else None))
            if parent is None:
                top.append(out[-1])
        return sorted(out, key=lambda c: (c["created"]["time"], c["id"]), reverse=True)

    def reactions_for(self, post: Post) -> list[dict[str, Any]]:
        rng = random.Random(post.seed ^ 0xBEEF)
        t0 = post.published or post.created
        out = []
        for j in range(post.n_reactions):
            actor = f"urn:li:person:emu{j:05d}{_person(rng)[:6]}"  # index prefix keeps actors unique per post
            rtype = REACTION_TYPES[0] if rng.random() < 0.6 else rng.choice(REACTION_TYPES)
            created = t0 + int((self.start_ms - 60_000 - t0) * rng.random() ** 4)
            out.append(make_reaction(post, actor, rtype, created))
        return sorted(out, key=lambda r: (r["created"]["time"], r["id"]), reverse=True)

    def video_daily(self, post: Post, day_ms: int) -> dict[str, int]:
        """Deterministic daily video figures for one UTC day (zero before publication)."""
        t0 = day_floor(post.published or post.created)
        if day_ms < t0 or day_ms >= self.anchor:
            return {"VIDEO_VIEW": 0, "VIEWER": 0, "TIME_WATCHED": 0, "TIME_WATCHED_FOR_VIDEO_VIEWS": 0}
        age = (day_ms - t0) // DAY_MS
        rng = random.Random(post.seed ^ (age * 2654435761))
        views = int(400 * math.exp(-age / 6) * rng.uniform(0.5, 1.5)) + rng.randint(0, 2)
        viewers = views - rng.randint(0, views // 4)
        watched = views * rng.randint(2_000, 20_000)
        return {"VIDEO_VIEW": views, "VIEWER": viewers, "TIME_WATCHED": watched + rng.randint(0, 5_000),
                "TIME_WATCHED_FOR_VIDEO_VIEWS": watched}


def view_series(key: str, unique: bool) -> list[str]:
    """Daily series names whose sum is the given views key (allX and sections are derived sums)."""
    suffix = "Unique" if unique else "PageViews"
    caps = [s[0].upper() + s[1:] for s in PAGE_SECTIONS]
    if key == "allPageViews":
        return [f"{d}{c}{suffix}" for c in caps for d in ("desktop", "mobile")]
    if key == "allDesktopPageViews":
        return [f"desktop{c}{suffix}" for c in caps]
    if key == "allMobilePageViews":
        return [f"mobile{c}{suffix}" for c in caps]
    for s, c in zip(PAGE_SECTIONS, caps, strict=True):
        if key == f"{s}PageViews":
            return [f"desktop{c}{suffix}", f"mobile{c}{suffix}"]
        if key in (f"desktop{c}PageViews", f"mobile{c}PageViews"):
            return [key.replace("PageViews", suffix)]
    raise KeyError(key)


def _weighted(rng: random.Random, table: tuple[tuple[str, int], ...]) -> str:
    total = sum(w for _, w in table)
    x = rng.uniform(0, total)
    for name, w in table:
        x -= w
        if x <= 0:
            return name
    return table[-1][0]


def _person(rng: random.Random) -> str:
    return "".join(rng.choice(string.ascii_letters + string.digits) for _ in range(8))


def make_comment(post: Post, cid: str, actor: str, text: str, created: int, modified: int,
                 parent: str | None) -> dict[str, Any]:
    c: dict[str, Any] = {
        "id": cid, "commentUrn": f"urn:li:comment:({post.activity},{cid})", "actor": actor,
        "object": post.activity, "message": {"text": text, "attributes": []},
        "created": {"actor": actor, "time": created}, "lastModified": {"actor": actor, "time": modified},
    }
    if parent:
        c["parentComment"] = parent
    return c


def make_reaction(post: Post, actor: str, rtype: str, created: int) -> dict[str, Any]:
    return {"id": f"urn:li:reaction:({actor},{post.activity})", "reactionType": rtype, "root": post.activity,
            "created": {"actor": actor, "time": created}, "lastModified": {"actor": actor, "time": created}}


def twelve_months_before(day_ms: int) -> int:
    return add_months(day_ms, -12)
