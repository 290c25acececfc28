"""emu-token-acl-revoked: organizationAcls answers 403 as a whole, every other endpoint works for its pages."""
from __future__ import annotations

import pytest

from linkedin_emulator.client import EmulatorControl

from .conftest import ORG1, ORG1_URN, ORG2, VERSION, Api
from .test_posts_engagement import enc

TOKEN = "emu-token-acl-revoked"
DENIED = {"status": 403, "serviceErrorCode": 100, "code": "ACCESS_DENIED",
          "message": f"Not enough permissions to access: organizationAcls.GET_ALL.{VERSION}01"}


@pytest.mark.parametrize("query", [
    "q=roleAssignee",
    "q=roleAssignee&role=ADMINISTRATOR&state=APPROVED&start=0&count=100",  # filters do not avoid it
    "q=roleAssignee&state=REVOKED",
])
def test_acls_answer_403_as_a_whole(api: Api, control: EmulatorControl, query: str) -> None:
    r = api.get("organizationAcls", query, token=TOKEN)
    assert r.status_code == 403 and r.json() == DENIED
    entry = control.requests("organizationAcls")[-1]
    assert entry["token_label"] == "fixed:acl-revoked" and entry["status"] == 403


def test_bad_acl_parameters_still_get_their_400(api: Api) -> None:
    assert api.get("organizationAcls", "q=roleAssignee&role=OWNER", token=TOKEN).status_code == 400


def test_every_other_endpoint_works(api: Api, control: EmulatorControl) -> None:
    truth = control.truth(ORG1)
    post = next(u for u in truth["posts"][str(ORG1)] if truth["comments"][u])
    for org in (ORG1, ORG2):
        assert api.ok(f"organizations/{org}", token=TOKEN)["id"] == org
        urn = f"urn%3Ali%3Aorganization%3A{org}"
        api.ok("organizationalEntityFollowerStatistics", f"q=organizationalEntity&organizationalEntity={urn}",
               token=TOKEN)
        api.ok("organizationPageStatistics", f"q=organization&organization={urn}", token=TOKEN)
        api.ok(f"networkSizes/{urn}", "edgeType=COMPANY_FOLLOWED_BY_MEMBER", token=TOKEN)
    assert "$URN" in api.ok(f"organizations/{ORG2}", token=TOKEN)  # administrator's full view
    assert len(api.ok("posts", f"q=author&author={ORG1_URN}&count=100", token=TOKEN)["elements"]) == len(
        truth["posts"][str(ORG1)])
    assert api.ok("socialMetadata", f"ids=List({enc(post)})", token=TOKEN)["statuses"] == {enc(post): 200}
    assert api.ok(f"socialActions/{enc(post)}/comments", "count=100", token=TOKEN)["elements"]
    api.ok("organizationalEntityShareStatistics", f"q=organizationalEntity&organizationalEntity={ORG1_URN}",
           token=TOKEN)


def test_other_tokens_still_list_their_roles(api: Api) -> None:
    assert api.ok("organizationAcls", "q=roleAssignee")["elements"]
    assert api.ok("organizationAcls", "q=roleAssignee", token="emu-token-not-admin")["elements"]
