"""Tiny Python helper for tests: drives the /_emulator control API."""
from __future__ import annotations

from typing import Any
from urllib.parse import quote

import requests


class EmulatorControl:
    """EmulatorControl("http://127.0.0.1:PORT").reset() etc.; every call raises on a non-2xx answer."""

    def __init__(self, base_url: str, timeout: float = 30) -> None:
        self.base = base_url.rstrip("/") + "/_emulator"
        self.timeout = timeout
        self.session = requests.Session()

    def _call(self, method: str, path: str, body: Any = None, params: dict[str, Any] | None = None) -> Any:
        r = self.session.request(method, self.base + path, json=body, params=params, timeout=self.timeout)
        r.raise_for_status()
        return r.json()

    def reset(self) -> Any:
        return self._call("POST", "/reset")

    def requests(self, resource: str | None = None) -> list[dict[str, Any]]:
        return self._call("GET", "/requests", params={"resource": resource} if resource else None)

    def clear_requests(self) -> Any:
        return self._call("DELETE", "/requests")

    def add_faults(self, *faults: dict[str, Any]) -> Any:
        return self._call("POST", "/faults", {"faults": list(faults)})

    def faults(self) -> Any:
        return self._call("GET", "/faults")

    def clear_faults(self) -> Any:
        return self._call("DELETE", "/faults")

    def add_token(self, token: str, scopes: list[str], member: str = "urn:li:person:emuAdmin",
                  roles: dict[str, Any] | None = None, status: str = "active",
                  expires_after_calls: int | None = None) -> Any:
        body: dict[str, Any] = {"token": token, "scopes": scopes, "member": member, "status": status}
        if roles is not None:
            body["roles"] = roles
        if expires_after_calls is not None:
            body["expires_after_calls"] = expires_after_calls
        return self._call("POST", "/tokens", body)

    def add_activity(self, organization: int, new_posts: int = 0, comments_on_existing: int = 0,
                     reactions_on_existing: int = 0, posts_touched: int = 1, posts_edited: int = 0,
                     comments_edited: int = 0, comments_deleted: int = 0, deleted_kind: str = "any",
                     posts: list[str] | None = None) -> Any:
        body: dict[str, Any] = {
            "organization": organization, "new_posts": new_posts, "comments_on_existing": comments_on_existing,
            "reactions_on_existing": reactions_on_existing, "posts_touched": posts_touched,
            "posts_edited": posts_edited, "comments_edited": comments_edited, "comments_deleted": comments_deleted,
            "deleted_kind": deleted_kind}
        if posts is not None:
            body["posts"] = posts
        return self._call("POST", "/activity", body)

    def restate(self, organization: int, days_ago: int, series: str, delta: int) -> Any:
        """Change one day of a statistics series (`followers`, `shares`, `pages` or a series name)."""
        return self._call("POST", "/restate", {"organization": organization, "days_ago": days_ago, "series": series,
                                               "delta": delta})

    def delete_post(self, urn: str) -> Any:
        return self._call("DELETE", "/posts/" + quote(urn, safe=""))

    def truth(self, organization: int | None = None, activity: bool = True) -> Any:
        params: dict[str, Any] = {} if activity else {"activity": "0"}
        if organization is not None:
            params["organization"] = organization
        return self._call("GET", "/truth", params=params)

    def set_oauth_expiry(self, expires_after_calls: int | None) -> Any:
        """Access tokens issued by later refreshes expire after this many successful /rest calls."""
        return self._call("POST", "/oauth", {"expires_after_calls": expires_after_calls})

    def set_oauth(self, **settings: Any) -> Any:
        """Change the app's OAuth settings (consent, refresh_tokens, redirect_uris, scopes, *_expires_in...)."""
        return self._call("POST", "/oauth", settings)

    def oauth(self) -> Any:
        return self._call("GET", "/oauth")

    def set_latency(self, ms: int) -> Any:
        return self._call("POST", "/latency", {"ms": ms})

    def set_variations(self, **switches: Any) -> Any:
        """Change answer variations at run time, e.g. set_variations(comment_urn="$URN"); returns all switches."""
        return self._call("POST", "/variations", switches)

    def variations(self) -> Any:
        return self._call("GET", "/variations")

    def clock(self) -> Any:
        """{"now_ms", "offset_ms"}: the emulator's "now" and its shift from the wall clock."""
        return self._call("GET", "/clock")

    def advance_clock(self, ms: int) -> Any:
        """Shift the emulator's "now" by `ms` (negative goes back); the data is not regenerated."""
        return self._call("POST", "/clock", {"advance_ms": ms})

    def set_clock(self, now_ms: int) -> Any:
        return self._call("POST", "/clock", {"set_ms": now_ms})
