"""Answer variations (POST /_emulator/variations): each one is produced, switchable at run time, reset to the CLI."""
from __future__ import annotations

from typing import Any

import pytest
import requests

from linkedin_emulator import EmulatorConfig, EmulatorServer
from linkedin_emulator.client import EmulatorControl
from linkedin_emulator.timeutil import DAY_MS, day_floor, now_ms
from linkedin_emulator.variations import Variations

from .conftest import ORG1, ORG1_URN, ORG2, Api
from .test_posts_engagement import enc

DEFAULTS = {"comment_urn": "commentUrn", "comment_order": "unordered", "paging_total": "common",
            "paging_links": "present", "sparse": True, "page_clicks": "present", "custom_buttons": True,
            "share_fields": "complete", "org_extras": True, "batch_keys": "encoded"}
LATEST = day_floor(now_ms()) - 2 * DAY_MS
SHARES = ("organizationalEntityShareStatistics", f"q=organizationalEntity&organizationalEntity={ORG1_URN}")
PAGES = ("organizationPageStatistics", f"q=organization&organization={ORG1_URN}")


def window(start: int, end: int, gran: str = "DAY") -> str:
    return f"timeIntervals=(timeRange:(start:{start},end:{end}),timeGranularityType:{gran})"


def comments_path(urn: str) -> str:
    return f"socialActions/{enc(urn)}/comments"


def busiest_posts(control: Any, n: int = 3) -> list[str]:
    truth = control.truth(ORG1)
    return sorted(truth["comments"], key=lambda u: (-len(truth["comments"][u]), u))[:n]


def every_page(api: Api, path: str, query: str, count: int) -> list[list[dict[str, Any]]]:
    """All pages by start += count until a short page (the rule the reference gives clients)."""
    pages, start = [], 0
    while True:
        page = api.ok(path, f"{query}&start={start}&count={count}".lstrip("&"))["elements"]
        pages.append(page)
        if len(page) < count:
            return pages
        start += count


def canonical(c: dict[str, Any]) -> str:
    return f"urn:li:comment:({c['object']},{c['id']})"


# the control endpoint -------------------------------------------------------------------------
def test_defaults_and_partial_update(control: EmulatorControl) -> None:
    assert control.variations() == DEFAULTS == Variations().to_json()
    changed = control.set_variations(comment_urn="$URN", sparse=False)
    assert changed == {**DEFAULTS, "comment_urn": "$URN", "sparse": False}
    assert control.set_variations(batch_keys="raw") == {**changed, "batch_keys": "raw"}  # earlier changes stay
    control.reset()
    assert control.variations() == DEFAULTS


@pytest.mark.parametrize("body, word", [
    ({"comment_urns": "both"}, "unknown variation keys"),
    ({"comment_urn": "URN"}, "comment_urn must be one of"),
    ({"comment_order": "newest", "bogus": 1}, "unknown variation keys"),
    ({"sparse": 1}, "sparse must be true or false"),
    ({"org_extras": "false"}, "org_extras must be true or false"),
])
def test_bad_variations_are_400_and_change_nothing(api: Api, control: EmulatorControl, body: dict[str, Any],
                                                   word: str) -> None:
    r = requests.post(f"{api.base}/_emulator/variations", json=body, timeout=10)
    assert r.status_code == 400 and word in r.json()["message"]
    assert control.variations() == DEFAULTS


def test_reset_restores_the_start_values() -> None:
    start = Variations(comment_urn="neither", comment_order="oldest", batch_keys="mixed", sparse=False)
    with EmulatorServer(EmulatorConfig(port=0, orgs=1, posts=5, variations=start)) as emu:
        ctl = EmulatorControl(emu.url)
        assert ctl.variations() == start.to_json() == requests.get(f"{emu.url}/_emulator/config").json()["variations"]
        ctl.set_variations(comment_urn="both", comment_order="newest", sparse=True)
        ctl.reset()
        assert ctl.variations() == start.to_json()


# 1. comment URN field -------------------------------------------------------------------------
@pytest.mark.parametrize("mode, fields", [
    ("commentUrn", {"commentUrn"}), ("$URN", {"$URN"}), ("both", {"commentUrn", "$URN"}), ("neither", set()),
])
def test_comment_urn_field(api: Api, control: EmulatorControl, mode: str, fields: set[str]) -> None:
    control.set_variations(comment_urn=mode)
    urn = busiest_posts(control, 1)[0]
    served = api.ok(comments_path(urn), "count=100")["elements"]
    assert served
    for c in served:
        assert {"commentUrn", "$URN"} & set(c) == fields
        assert all(c[f] == canonical(c) for f in fields)  # the same form a client builds when both are absent
    assert control.truth(ORG1)["comments"][urn] == [canonical(c) for c in served]  # truth stays canonical


def test_comment_urn_mixed_is_per_comment_and_stable(api: Api, control: EmulatorControl) -> None:
    control.set_variations(comment_urn="mixed")
    forms = {}
    for urn in busiest_posts(control):
        for c in api.ok(comments_path(urn), "count=100")["elements"]:
            forms[c["id"]] = frozenset({"commentUrn", "$URN"} & set(c))
            assert all(c[f] == canonical(c) for f in forms[c["id"]])
    assert len(set(forms.values())) == 4  # commentUrn, $URN, both and neither all occur
    again = {c["id"]: frozenset({"commentUrn", "$URN"} & set(c))
             for urn in busiest_posts(control) for c in api.ok(comments_path(urn), "count=100")["elements"]}
    assert again == forms


# 2. comment order ---------------------------------------------------------------------------
def created_key(c: dict[str, Any]) -> tuple[int, str]:
    return c["created"]["time"], c["id"]


@pytest.mark.parametrize("order", ["newest", "oldest", "unordered"])
def test_comment_order(api: Api, control: EmulatorControl, order: str) -> None:
    control.set_variations(comment_order=order)
    for urn in busiest_posts(control):
        served = api.ok(comments_path(urn), "count=100")["elements"]
        newest = sorted(served, key=created_key, reverse=True)
        if order == "newest":
            assert served == newest
        elif order == "oldest":
            assert served == newest[::-1]
        else:
            assert len(served) >= 8 and served not in (newest, newest[::-1])
        assert api.ok(comments_path(urn), "count=100")["elements"] == served  # same order on every call


@pytest.mark.parametrize("order", ["newest", "oldest", "unordered"])
@pytest.mark.parametrize("count", [1, 3, 7])
def test_order_keeps_paging_consistent(api: Api, control: EmulatorControl, order: str, count: int) -> None:
    control.set_variations(comment_order=order)
    urn = busiest_posts(control, 1)[0]
    full = api.ok(comments_path(urn), "count=100")["elements"]
    paged = [c for page in every_page(api, comments_path(urn), "", count) for c in page]
    assert paged == full  # pages are slices of one order: union = truth, no duplicates, nothing skipped
    assert [canonical(c) for c in paged] == control.truth(ORG1)["comments"][urn]
    meta = api.ok(f"socialMetadata/{enc(urn)}")["commentSummary"]
    assert meta["count"] == len(paged) and meta["topLevelCount"] == sum("parentComment" not in c for c in paged)


@pytest.mark.parametrize("order", ["newest", "oldest", "unordered"])
def test_added_comments_keep_paging_consistent(api: Api, control: EmulatorControl, order: str) -> None:
    control.set_variations(comment_order=order)
    urn = busiest_posts(control, 1)[0]
    before = [canonical(c) for c in api.ok(comments_path(urn), "count=100")["elements"]]
    added = control.add_activity(ORG1, comments_on_existing=6, posts=[urn])["comments"][urn]
    paged = [canonical(c) for page in every_page(api, comments_path(urn), "", 4) for c in page]
    assert len(paged) == len(set(paged)) == len(before) + 6
    assert set(paged) == set(before) | set(added) == set(control.truth(ORG1)["comments"][urn])
    assert [u for u in paged if u in before] == before  # earlier comments keep their relative order
    at = sorted(paged.index(u) for u in added)
    if order == "newest":
        assert at == list(range(6))
    elif order == "oldest":
        assert at == list(range(len(paged) - 6, len(paged)))
    else:  # seeded positions: neither all first nor all last
        assert at != list(range(6)) and at != list(range(len(paged) - 6, len(paged)))
    meta = api.ok(f"socialMetadata/{enc(urn)}")["commentSummary"]
    assert meta["count"] == len(paged)


@pytest.mark.parametrize("order", ["newest", "oldest", "unordered"])
def test_comments_finder_takes_no_sort(api: Api, control: EmulatorControl, order: str) -> None:
    control.set_variations(comment_order=order)
    urn = busiest_posts(control, 1)[0]
    r = api.get(comments_path(urn), "sort=(value:REVERSE_CHRONOLOGICAL)&count=10")
    assert r.status_code == 400 and r.json()["code"] == "ILLEGAL_ARGUMENT"


def test_reactions_keep_their_sort(api: Api, control: EmulatorControl) -> None:
    control.set_variations(comment_order="unordered")
    urn = busiest_posts(control, 1)[0]
    path = f"reactions/(entity:{enc(urn)})"
    rev = api.ok(path, "q=entity&sort=(value:REVERSE_CHRONOLOGICAL)&count=100")["elements"]
    chron = api.ok(path, "q=entity&sort=(value:CHRONOLOGICAL)&count=100")["elements"]
    times = [r["created"]["time"] for r in rev]
    assert times == sorted(times, reverse=True) and chron == rev[::-1]


# 3. paging ----------------------------------------------------------------------------------
def collections(control: EmulatorControl) -> dict[str, tuple[str, str]]:
    urn = busiest_posts(control, 1)[0]
    video = control.truth(ORG1, activity=False)["video_posts"][0]
    return {
        "comments": (comments_path(urn), "count=5"),
        "reactions": (f"reactions/(entity:{enc(urn)})", "q=entity&count=5"),
        "organizations": ("organizations", "q=vanityName&vanityName=emu-org-1"),
        "organizationAcls": ("organizationAcls", "q=roleAssignee&count=2"),
        "posts": ("posts", f"q=author&author={ORG1_URN}&count=5"),
        "shares": SHARES,
        "pages": (PAGES[0], f"{PAGES[1]}&{window(LATEST - 5 * DAY_MS, LATEST)}"),
        "videoAnalytics": ("videoAnalytics", f"q=entity&entity={enc(video)}&type=TIME_WATCHED&aggregation=DAY"),
    }


COMMON = {"comments", "reactions", "organizations", "organizationAcls"}


@pytest.mark.parametrize("mode, with_total", [
    ("common", COMMON), ("all", {"comments", "reactions", "organizations", "organizationAcls", "posts", "shares",
                                 "pages", "videoAnalytics"}), ("none", set()),
])
def test_paging_total(api: Api, control: EmulatorControl, mode: str, with_total: set[str]) -> None:
    control.set_variations(paging_total=mode)
    truth = control.truth(ORG1)
    urn = busiest_posts(control, 1)[0]
    true_totals = {"comments": len(truth["comments"][urn]), "reactions": len(truth["reactions"][urn]),
                   "organizations": 1, "organizationAcls": 5, "posts": len(truth["posts"][str(ORG1)])}
    for name, (path, query) in collections(control).items():
        paging = api.ok(path, query)["paging"]
        assert ("total" in paging) == (name in with_total), name
        if "total" in paging:
            assert paging["total"] == true_totals.get(name, paging["count"]), name


def test_paging_links_walk_every_page(api: Api, control: EmulatorControl) -> None:
    assert control.variations()["paging_links"] == "present"
    urn = busiest_posts(control, 1)[0]
    path = f"/rest/{comments_path(urn)}"
    first = api.ok(comments_path(urn), "count=3")
    assert first["paging"]["links"] == [{"rel": "next", "type": "application/json", "href": f"{path}?start=3&count=3"}]
    second = api.ok(comments_path(urn), "start=3&count=3")["paging"]["links"]
    assert second == [{"rel": "prev", "type": "application/json", "href": f"{path}?start=0&count=3"},
                      {"rel": "next", "type": "application/json", "href": f"{path}?start=6&count=3"}]
    seen, href = [], f"{path}?start=0&count=3"
    while href:  # a client that follows `next` reaches every comment once
        body = api.session.get(api.base + href, headers=api.headers(), timeout=10).json()
        seen += [canonical(c) for c in body["elements"]]
        href = next((link["href"] for link in body["paging"]["links"] if link["rel"] == "next"), "")
    assert seen == control.truth(ORG1)["comments"][urn]


def test_paging_links_keep_the_rest_of_the_query(api: Api, control: EmulatorControl) -> None:
    query = f"q=author&author={ORG1_URN}&sortBy=CREATED"
    links = api.ok("posts", f"{query}&count=5&start=5")["paging"]["links"]
    assert [link["href"] for link in links] == [f"/rest/posts?{query}&start=0&count=5",
                                                f"/rest/posts?{query}&start=10&count=5"]
    last = (len(control.truth(ORG1, activity=False)["posts"][str(ORG1)]) - 1) // 5 * 5  # a full last page: no next
    assert [link["rel"] for link in api.ok("posts", f"{query}&count=5&start={last}")["paging"]["links"]] == ["prev"]
    assert api.ok(*SHARES)["paging"]["links"] == []  # a collection that is not paged has nowhere to go


@pytest.mark.parametrize("mode", ["empty", "absent"])
def test_paging_links_empty_or_absent(api: Api, control: EmulatorControl, mode: str) -> None:
    control.set_variations(paging_links=mode)
    for name, (path, query) in collections(control).items():
        paging = api.ok(path, query)["paging"]
        assert paging.get("links", "absent") == ([] if mode == "empty" else "absent"), name


# 4. sparse optional fields ------------------------------------------------------------------
def every_post(api: Api) -> list[dict[str, Any]]:
    return [p for page in every_page(api, "posts", f"q=author&author={ORG1_URN}", 100) for p in page]


def test_sparse_posts(api: Api, control: EmulatorControl) -> None:
    sparse = every_post(api)
    assert all("targetEntities" not in p["distribution"] for p in sparse)
    missing = [p for p in sparse if "lifecycleStateInfo" not in p]
    assert missing and len(missing) < len(sparse)
    assert all(p["lifecycleStateInfo"] == {"isEditedByAuthor": True} for p in sparse
               if "lifecycleStateInfo" in p and p["lastModifiedAt"] > p.get("publishedAt", p["createdAt"]))
    control.set_variations(sparse=False)
    full = {p["id"]: p for p in every_post(api)}
    assert all(p["distribution"]["targetEntities"] == [] and "lifecycleStateInfo" in p for p in full.values())
    assert all(full[p["id"]]["lifecycleStateInfo"] == {"isEditedByAuthor": False} for p in missing)
    for p in sparse:  # content and reshareContext are absent, never empty, either way
        assert ("content" in p) == ("content" in full[p["id"]]) and p.get("content") != {}
        assert ("reshareContext" in p) == ("reshareContext" in full[p["id"]])
    one = missing[0]["id"]
    control.set_variations(sparse=True)
    assert "lifecycleStateInfo" not in api.ok(f"posts/{enc(one)}")
    assert "lifecycleStateInfo" not in api.ok("posts", f"ids=List({enc(one)})")["results"][enc(one)]


# 5. page statistics -------------------------------------------------------------------------
@pytest.mark.parametrize("mode", ["present", "absent"])
def test_lifetime_page_clicks(api: Api, control: EmulatorControl, mode: str) -> None:
    control.set_variations(page_clicks=mode)
    el = api.ok(*PAGES)["elements"][0]
    if mode == "present":
        assert set(el["totalPageStatistics"]) == {"views", "clicks"} and "pageStatisticsByTargetedContent" not in el
    else:
        assert set(el["totalPageStatistics"]) == {"views"} and el["pageStatisticsByTargetedContent"] == []
        assert el["pageStatisticsBySeniority"]  # the other facets stay


def test_lifetime_page_clicks_mixed_per_organization() -> None:
    with EmulatorServer(EmulatorConfig(port=0, orgs=8, posts=2, variations=Variations(page_clicks="mixed"))) as emu:
        api = Api(emu.url)
        orgs = EmulatorControl(emu.url).truth(activity=False)["organizations"]

        def forms() -> list[bool]:
            return ["clicks" in api.ok("organizationPageStatistics",
                                       f"q=organization&organization=urn%3Ali%3Aorganization%3A{o}")["elements"][0][
                "totalPageStatistics"] for o in orgs]

        first = forms()
        assert set(first) == {True, False} and forms() == first


def test_custom_button_clicks(api: Api, control: EmulatorControl) -> None:
    start = LATEST - 300 * DAY_MS
    days = api.ok(PAGES[0], f"{PAGES[1]}&{window(start, LATEST)}")["elements"]
    months = api.ok(PAGES[0], f"{PAGES[1]}&{window(start, LATEST, 'MONTH')}")["elements"]
    def clicks(elements: list[dict[str, Any]], key: str) -> int:
        out = 0
        for e in elements:
            items = e["totalPageStatistics"]["clicks"][key]
            assert all(set(i) == {"customButtonType", "clicks"} and i["clicks"] > 0 for i in items)
            out += sum(i["clicks"] for i in items)
        return out

    for device in ("desktop", "mobile"):
        key = f"{device}CustomButtonClickCounts"
        assert clicks(days, key) == clicks(months, key) > 0  # buckets add up like every other page figure
        assert any(not e["totalPageStatistics"]["clicks"][key] for e in days)  # a day without clicks: []
    types = {i["customButtonType"] for e in days for device in ("desktop", "mobile")
             for i in e["totalPageStatistics"]["clicks"][f"{device}CustomButtonClickCounts"]}
    assert len(types) == 1  # a page has one custom button
    assert "desktopCustomButtonClickCounts" not in api.ok(*PAGES)["elements"][0]["totalPageStatistics"]["clicks"]
    control.set_variations(custom_buttons=False)
    tb = api.ok(PAGES[0], f"{PAGES[1]}&{window(LATEST - 5 * DAY_MS, LATEST)}")["elements"][0]
    assert set(tb["totalPageStatistics"]["clicks"]) == {"careersPageClicks", "mobileCareersPageClicks"}


# 6. share statistics fields -----------------------------------------------------------------
UNIQUE = {"uniqueImpressionsCount"}
MENTIONS = {"shareMentionsCount", "commentMentionsCount"}
ALWAYS = {"shareCount", "clickCount", "engagement", "likeCount", "impressionCount", "commentCount"}


def share_answers(api: Api, control: EmulatorControl) -> list[set[str]]:
    """Key sets of totalShareStatistics: 30 DAY buckets, the lifetime answer, 20 posts."""
    posts = [u for u in control.truth(ORG1, activity=False)["posts"][str(ORG1)] if ":share:" in u][-20:]
    bodies = [api.ok(SHARES[0], f"{SHARES[1]}&{window(LATEST - 30 * DAY_MS, LATEST)}"), api.ok(*SHARES),
              api.ok(SHARES[0], f"{SHARES[1]}&shares=List({','.join(enc(u) for u in posts)})")]
    return [set(e["totalShareStatistics"]) for body in bodies for e in body["elements"]]


@pytest.mark.parametrize("mode", ["complete", "minimal", "mixed"])
def test_share_fields(api: Api, control: EmulatorControl, mode: str) -> None:
    control.set_variations(share_fields=mode)
    answers = share_answers(api, control)
    assert len(answers) > 30 and all(ALWAYS <= keys <= ALWAYS | UNIQUE | MENTIONS for keys in answers)
    shapes = {frozenset(keys - ALWAYS) for keys in answers}
    if mode == "complete":
        assert shapes == {frozenset(UNIQUE | MENTIONS)}
    elif mode == "minimal":
        assert shapes == {frozenset()}
    else:
        assert shapes == {frozenset(UNIQUE | MENTIONS), frozenset(MENTIONS), frozenset(UNIQUE), frozenset()}
        assert share_answers(api, control) == answers  # seeded per bucket: the same on every call


# 7. organization lookups --------------------------------------------------------------------
EXTRAS = {"$URN", "groups", "alternativeNames", "localizedSpecialties", "autoCreated", "website"}


def test_org_extras(api: Api, control: EmulatorControl) -> None:
    one = api.ok(f"organizations/{ORG2}")
    assert EXTRAS | {"parentRelationship"} <= set(one)
    assert one["$URN"] == f"urn:li:organization:{ORG2}" and one["localizedSpecialties"] == one["specialties"]
    assert one["website"]["localized"]["en_US"] == one["localizedWebsite"] and one["autoCreated"] is False
    assert one["parentRelationship"]["parent"] == f"urn:li:organization:{ORG1}"
    first = api.ok(f"organizations/{ORG1}")
    assert EXTRAS <= set(first) and "parentRelationship" not in first
    batch = api.ok("organizations", f"ids=List({ORG1},{ORG2})")["results"]
    vanity = api.ok("organizations", "q=vanityName&vanityName=emu-org-2")["elements"][0]
    assert batch[str(ORG2)] == vanity == one
    assert "$URN" not in api.ok(f"organizations/{ORG2}", token="emu-token-not-admin")  # the public subset
    control.set_variations(org_extras=False)
    plain = api.ok(f"organizations/{ORG2}")
    assert not (EXTRAS | {"parentRelationship"}) & set(plain)
    assert {k: v for k, v in one.items() if k in plain} == plain


# 8. batch keys --------------------------------------------------------------------------------
@pytest.mark.parametrize("resource", ["posts", "socialMetadata", "organizations"])
@pytest.mark.parametrize("mode", ["encoded", "raw", "mixed"])
def test_batch_keys(api: Api, control: EmulatorControl, resource: str, mode: str) -> None:
    control.set_variations(batch_keys=mode)
    if resource == "organizations":
        keys = [str(ORG1), str(ORG2), "9999999"]
        query = f"ids=List({','.join(keys)})"
    else:
        keys = [*control.truth(ORG1, activity=False)["posts"][str(ORG1)][:12], "urn:li:share:1"]
        query = f"ids=List({','.join(enc(k) for k in keys)})"
        control.add_faults({"kind": "batch_key_error", "resource": resource, "count": 1})
    body = api.ok(resource, query)
    shown = list(body["statuses"])
    assert len(shown) == len(keys)
    assert set(body["results"]) | set(body["errors"]) == set(shown) and not set(body["results"]) & set(body["errors"])
    assert len(body["errors"]) == (1 if resource == "organizations" else 2)
    forms = {"raw" if k == raw else "encoded" for k, raw in zip(shown, keys, strict=True)
             if raw != enc(raw)}  # numeric organization keys read the same both ways
    assert all(k in (raw, enc(raw)) for k, raw in zip(shown, keys, strict=True))
    if resource != "organizations":
        assert forms == ({"raw", "encoded"} if mode == "mixed" else {mode})
        assert list(api.ok(resource, query)["statuses"]) == shown  # mixed is seeded per key, not per call


# determinism ----------------------------------------------------------------------------------
def test_seeded_variations_are_deterministic() -> None:
    mixed = Variations(comment_urn="mixed", share_fields="mixed", batch_keys="mixed", page_clicks="mixed")
    cfg = dict(port=0, seed=5, orgs=2, posts=12, comments=6, now_ms=day_floor(now_ms()) + 1000, variations=mixed)
    seen = []
    for _ in range(2):
        with EmulatorServer(EmulatorConfig(**cfg)) as emu:  # type: ignore[arg-type]
            api, ctl = Api(emu.url), EmulatorControl(emu.url)
            posts = ctl.truth(ORG1, activity=False)["posts"][str(ORG1)]
            seen.append([api.ok(comments_path(u), "count=100") for u in posts]
                        + [api.ok("socialMetadata", f"ids=List({','.join(enc(u) for u in posts)})"),
                           api.ok(*SHARES), api.ok(*PAGES), api.ok("posts", f"q=author&author={ORG1_URN}")])
    assert seen[0] == seen[1]
