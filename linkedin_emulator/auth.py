"""Access tokens (fixed table + added + OAuth-issued), their scopes, member roles and expiry.

Fixed tokens (documented in README.md):
  emu-token-full          r_organization_social, r_organization_followers, r_social_engagement; emuAdmin; 50 days
  emu-token-admin-scope   rw_organization_admin; emuAdmin
  emu-token-no-followers  r_organization_social, r_social_engagement; emuAdmin
  emu-token-not-admin     full scopes; emuAnalyst (ADMINISTRATOR of organization 1 only, ANALYST elsewhere)
  emu-token-expired       401 65602
  emu-token-revoked       401 65601
  emu-token-acl-revoked   full scopes; emuRevoked (ADMINISTRATOR of every organization, plus a REVOKED role on
                          1999998, a page outside the data set): organizationAcls answers 403 ACCESS_DENIED as a
                          whole, every other endpoint works
  emu-token-no-lookups    full scopes; emuAdmin; every endpoint works except the standardized data (geo, industries,
                          functions, seniorities), which answer 403 ACCESS_DENIED
OAuth app: emu-client-id / emu-client-secret; refresh token emu-refresh-token (emu-refresh-token-revoked fails).
The app also runs the authorization-code flow (OAuthApp: redirect URIs, consent, programmatic refresh tokens).
"""
from __future__ import annotations

import itertools
import secrets
from dataclasses import dataclass, field

from . import errors
from .timeutil import DAY_MS

FULL_SCOPES = ("r_organization_social", "r_organization_followers", "r_social_engagement")
ADMIN_SCOPE = "rw_organization_admin"
ADMIN_MEMBER = "urn:li:person:emuAdmin"
ANALYST_MEMBER = "urn:li:person:emuAnalyst"
REVOKED_MEMBER = "urn:li:person:emuRevoked"
CLIENT_ID = "emu-client-id"
CLIENT_SECRET = "emu-client-secret"
REFRESH_TOKEN = "emu-refresh-token"
REVOKED_REFRESH_TOKEN = "emu-refresh-token-revoked"
ACCESS_TTL_S = 5_184_000
REFRESH_TTL_S = 31_536_000
# LinkedIn lists r_basicprofile for the standardized data, yet Community Management tokens read it too; this
# fixed token is the one that does not (connectors must then emit no names, not fail).
NO_LOOKUPS_TOKEN = "emu-token-no-lookups"
CODE_TTL_S = 1_800  # authorization codes live 30 minutes and work once
DEFAULT_REDIRECT_URI = "http://localhost:8000/callback"
# Scopes the emulated app has been granted (Community Management API + Share on LinkedIn).
APP_SCOPES = (*FULL_SCOPES, ADMIN_SCOPE, "w_organization_social", "w_member_social")

# endpoint family -> scopes granting it (rw_organization_admin grants everything)
SCOPE_FAMILIES: dict[str, frozenset[str]] = {
    "organizations": frozenset({"r_organization_social", "r_organization_followers", ADMIN_SCOPE}),
    "followers": frozenset({"r_organization_followers", ADMIN_SCOPE}),
    "social": frozenset({"r_organization_social", ADMIN_SCOPE}),
    "engagement": frozenset({"r_social_engagement", "r_organization_social", ADMIN_SCOPE}),
    "standardized": frozenset({"r_basicprofile", *FULL_SCOPES, ADMIN_SCOPE}),
}
STATS_ROLES = frozenset({"ADMINISTRATOR"})
POST_ROLES = frozenset({"ADMINISTRATOR", "CONTENT_ADMINISTRATOR", "DIRECT_SPONSORED_CONTENT_POSTER"})
# An organization id that emuAdmin has only *requested* to administer (not in the data set):
# connectors must filter organizationAcls on state=APPROVED.
REQUESTED_ONLY_ORG = 1999999
# emuRevoked's REVOKED role is on this page, which is not in the data set either: production then answers the
# whole organizationAcls listing with 403.
REVOKED_ONLY_ORG = 1999998


@dataclass
class Token:
    """One access token. `value` is never logged; `label` is what the request log shows."""

    value: str
    label: str
    scopes: frozenset[str]
    member: str
    status: str = "active"  # active | expired | revoked
    created_at_ms: int = 0
    expires_at_ms: int = 0
    roles: dict[int, list[str]] | None = None  # explicit APPROVED roles; None: the member's defaults
    expires_after_calls: int | None = None
    calls: int = 0

    def effective_status(self, now: int) -> str:
        if self.status != "active":
            return self.status
        if now >= self.expires_at_ms:
            return "expired"
        if self.expires_after_calls is not None and self.calls >= self.expires_after_calls:
            return "expired"
        return "active"


@dataclass
class RefreshGrant:
    """A refresh token: its life runs from the original grant, and refreshing never extends it."""

    value: str
    label: str
    scopes: tuple[str, ...]
    granted_at_ms: int
    expires_at_ms: int


@dataclass
class AuthCode:
    """An authorization code of the code flow; bound to the redirect URI it was issued for."""

    value: str
    redirect_uri: str
    scopes: tuple[str, ...]
    expires_at_ms: int
    used: bool = False


@dataclass
class OAuthApp:
    """Settings of the emulated developer app, changed through POST /_emulator/oauth."""

    redirect_uris: list[str] = field(default_factory=lambda: [DEFAULT_REDIRECT_URI])
    scopes: list[str] = field(default_factory=lambda: list(APP_SCOPES))
    consent: str = "allow"  # allow | cancel: what the member answers on the consent screen
    refresh_tokens: bool = True  # programmatic refresh tokens (approved apps only)
    access_ttl_s: int = ACCESS_TTL_S
    refresh_ttl_s: int = REFRESH_TTL_S


@dataclass
class Acl:
    organization: int
    role: str
    state: str


@dataclass
class AuthTable:
    """Token registry; org_ids is the data set's organizations (for default member roles)."""

    org_ids: list[int]
    start_ms: int
    tokens: dict[str, Token] = field(default_factory=dict)
    _issued: itertools.count = field(default_factory=lambda: itertools.count(1))
    _added: itertools.count = field(default_factory=lambda: itertools.count(1))
    issued_expires_after_calls: int | None = None  # set through POST /_emulator/oauth
    app: OAuthApp = field(default_factory=OAuthApp)
    codes: dict[str, AuthCode] = field(default_factory=dict)
    refresh_grants: dict[str, RefreshGrant] = field(default_factory=dict)
    _grants: itertools.count = field(default_factory=lambda: itertools.count(1))

    def __post_init__(self) -> None:
        s = self.start_ms
        # the fixed refresh token was granted when the emulator started
        self.refresh_grants[REFRESH_TOKEN] = RefreshGrant(REFRESH_TOKEN, "fixed:refresh", FULL_SCOPES, s,
                                                          s + REFRESH_TTL_S * 1000)
        full = frozenset(FULL_SCOPES)
        fixed = [
            Token("emu-token-full", "fixed:full", full, ADMIN_MEMBER, expires_at_ms=s + 50 * DAY_MS),
            Token("emu-token-admin-scope", "fixed:admin-scope", frozenset({ADMIN_SCOPE}), ADMIN_MEMBER,
                  expires_at_ms=s + 50 * DAY_MS),
            Token("emu-token-no-followers", "fixed:no-followers",
                  frozenset({"r_organization_social", "r_social_engagement"}), ADMIN_MEMBER,
                  expires_at_ms=s + 50 * DAY_MS),
            Token("emu-token-not-admin", "fixed:not-admin", full, ANALYST_MEMBER, expires_at_ms=s + 50 * DAY_MS),
            Token("emu-token-expired", "fixed:expired", full, ADMIN_MEMBER, status="expired",
                  expires_at_ms=s - DAY_MS),
            Token("emu-token-revoked", "fixed:revoked", full, ADMIN_MEMBER, status="revoked",
                  expires_at_ms=s + 50 * DAY_MS),
            Token("emu-token-acl-revoked", "fixed:acl-revoked", full, REVOKED_MEMBER, expires_at_ms=s + 50 * DAY_MS),
            Token(NO_LOOKUPS_TOKEN, "fixed:no-lookups", full, ADMIN_MEMBER, expires_at_ms=s + 50 * DAY_MS),
        ]
        for tok in fixed:
            tok.created_at_ms = s - 10 * DAY_MS
            self.tokens[tok.value] = tok

    def lookup(self, value: str) -> Token | None:
        return self.tokens.get(value)

    def authenticate(self, header: str | None, now: int) -> Token:
        """Authorization header -> active token, or the exact LinkedIn 401."""
        if header is None or header.strip() == "":
            raise errors.empty_token()
        scheme, _, value = header.strip().partition(" ")
        if scheme.lower() != "bearer":
            raise errors.invalid_token()
        value = value.strip()
        if value == "":
            raise errors.empty_token()
        tok = self.tokens.get(value)
        if tok is None:
            raise errors.invalid_token()
        status = tok.effective_status(now)
        if status == "revoked":
            raise errors.revoked_token()
        if status == "expired":
            raise errors.expired_token()
        return tok

    def add(self, value: str, scopes: list[str], member: str, roles: dict[int, list[str]] | None,
            status: str, expires_after_calls: int | None, now: int, expires_in_s: int | None = None) -> Token:
        label = f"added:{next(self._added)}"
        ttl = (expires_in_s if expires_in_s is not None else ACCESS_TTL_S) * 1000
        tok = Token(value, label, frozenset(scopes), member, status=status, created_at_ms=now,
                    expires_at_ms=now + ttl if status != "expired" else now - DAY_MS, roles=roles,
                    expires_after_calls=expires_after_calls)
        self.tokens[value] = tok
        return tok

    def issue_access(self, now: int, scopes: tuple[str, ...] = FULL_SCOPES) -> Token:
        n = next(self._issued)
        tok = Token(f"emu-access-{n}", f"oauth-access-{n}", frozenset(scopes), ADMIN_MEMBER,
                    created_at_ms=now, expires_at_ms=now + self.app.access_ttl_s * 1000,
                    expires_after_calls=self.issued_expires_after_calls)
        self.tokens[tok.value] = tok
        return tok

    def issue_code(self, redirect_uri: str, scopes: tuple[str, ...], now: int) -> AuthCode:
        # random part: a code must not be guessable, nor equal one issued before a reset
        code = AuthCode(f"emu-code-{secrets.token_urlsafe(12)}", redirect_uri, scopes, now + CODE_TTL_S * 1000)
        self.codes[code.value] = code
        return code

    def grant_refresh(self, scopes: tuple[str, ...], now: int) -> RefreshGrant:
        n = next(self._grants)
        grant = RefreshGrant(f"emu-refresh-token-{n}-{secrets.token_urlsafe(12)}", f"oauth-refresh-{n}", scopes,
                             now, now + self.app.refresh_ttl_s * 1000)
        self.refresh_grants[grant.value] = grant
        return grant

    def set_lives(self, now: int, access_s: int | None, refresh_s: int | None) -> None:
        """Remaining life from now of the OAuth tokens issued so far; tokens issued later get the same life."""
        if access_s is not None:
            self.app.access_ttl_s = access_s
            for tok in self.tokens.values():
                if tok.label.startswith("oauth-access-"):
                    tok.expires_at_ms = now + access_s * 1000
        if refresh_s is not None:
            self.app.refresh_ttl_s = refresh_s
            for grant in self.refresh_grants.values():
                grant.expires_at_ms = now + refresh_s * 1000

    def acls(self, tok: Token) -> list[Acl]:
        """Role assignments of the token's member (explicit roles on added tokens win)."""
        if tok.roles is not None:
            return [Acl(org, role, "APPROVED") for org, roles in tok.roles.items() for role in roles]
        if tok.member == ADMIN_MEMBER:
            out = [Acl(org, "ADMINISTRATOR", "APPROVED") for org in self.org_ids]
            if self.org_ids:
                # a second role on the same page: discovery must filter role=ADMINISTRATOR
                out.append(Acl(self.org_ids[0], "RECRUITING_POSTER", "APPROVED"))
            out.append(Acl(REQUESTED_ONLY_ORG, "ADMINISTRATOR", "REQUESTED"))
            return out
        if tok.member == REVOKED_MEMBER:
            return [*(Acl(org, "ADMINISTRATOR", "APPROVED") for org in self.org_ids),
                    Acl(REVOKED_ONLY_ORG, "ADMINISTRATOR", "REVOKED")]
        if tok.member == ANALYST_MEMBER:
            return [Acl(org, "ADMINISTRATOR" if i == 0 else "ANALYST", "APPROVED")
                    for i, org in enumerate(self.org_ids)]
        return []

    def has_role(self, tok: Token, org_id: int, allowed: frozenset[str]) -> bool:
        return any(a.organization == org_id and a.state == "APPROVED" and a.role in allowed for a in self.acls(tok))

    @staticmethod
    def has_scope(tok: Token, family: str) -> bool:
        return bool(tok.scopes & SCOPE_FAMILIES[family])
