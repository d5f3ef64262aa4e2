"""Who may do what: every role against every kind of view and endpoint. Denied is a 403, a 404
or a redirect to sign in, never a 500; a founder never sees another founder's draft."""

import json

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse

from cms.models import Inquiry, Ownership
from cms.moderation import CURATORS, VIEWERS
from registry.models import Enterprise
from search.models import MatchProfile
from tests.conftest import ENTERPRISE, PLOT, ZONE

pytestmark = pytest.mark.django_db
ROLES = ("anonymous", "founder", "other_founder", "viewer", "curator", "administrator")


@pytest.fixture
def world(publish):
    publish(ZONE, PLOT, ENTERPRISE)
    users = {}
    model = get_user_model()
    users["founder"] = model.objects.create_user("f@example.invalid", "f@example.invalid", "pw")
    users["other_founder"] = model.objects.create_user(
        "o@example.invalid", "o@example.invalid", "pw"
    )
    users["viewer"] = model.objects.create_user("viewer", "v@example.invalid", "pw", is_staff=True)
    users["viewer"].groups.add(Group.objects.get(name=VIEWERS))
    users["curator"] = model.objects.create_user(
        "curator", "c@example.invalid", "pw", is_staff=True
    )
    users["curator"].groups.add(Group.objects.get(name=CURATORS))
    users["administrator"] = model.objects.create_superuser("admin", "a@example.invalid", "pw")
    draft = Enterprise.objects.create(
        ref="startup-draft", name="Bản nháp", ownership="domestic", live=False
    )
    draft.save_revision(user=users["founder"])
    Ownership.objects.create(user=users["founder"], enterprise=draft)
    inquiry = Inquiry.objects.create(kind="plot", ref="test-a01", record_name="Lô A01", name="Investor",
                                     email="i@example.invalid", message="Hello", consent=True, language="en")  # fmt: skip
    enterprise = Enterprise.objects.get(ref="test-chip")
    profile = MatchProfile.objects.get(code="semiconductor_osat")
    return {
        "users": users,
        "draft": draft,
        "inquiry": inquiry,
        "enterprise": enterprise,
        "profile": profile,
    }


def snippet(model_name, action, *args, app="registry"):
    return reverse(f"wagtailsnippets_{app}_{model_name}:{action}", args=args)


def endpoints(world):
    e, d, i, p = world["enterprise"], world["draft"], world["inquiry"], world["profile"]
    return {
        # (method, url, body): {role: expected}
        "portal pages": ("get", "/en/search/?q=chip", None),
        "record page": ("get", "/en/registry/enterprise/test-chip/", None),
        "draft record page": ("get", "/en/registry/enterprise/startup-draft/", None),
        "search API": ("get", "/api/v1/search/?q=chip", None),
        "match API": ("post", "/api/v1/match/", "{}"),
        "export API": ("get", "/api/v1/export/?kind=enterprise&format=csv", None),
        "founder dashboard": ("get", "/en/account/", None),
        "edit own draft": ("get", "/en/account/startup/startup-draft/edit/", None),
        "personal data download": ("get", "/en/account/my-data/", None),
        "admin home": ("get", "/admin/", None),
        "admin enterprise list": ("get", snippet("enterprise", "list"), None),
        "admin enterprise edit": ("get", snippet("enterprise", "edit", e.pk), None),
        "admin founder draft": ("get", snippet("enterprise", "edit", d.pk), None),
        "admin inquiries": ("get", snippet("inquiry", "list", app="cms"), None),
        "admin inquiry edit": ("get", snippet("inquiry", "edit", i.pk, app="cms"), None),
        "admin matching profile edit": (
            "get",
            snippet("matchprofile", "edit", p.pk, app="search"),
            None,
        ),
        "admin claims": ("get", snippet("claim", "list", app="cms"), None),
    }


OK, DENIED, SIGN_IN = "ok", "denied", "sign in"
EXPECTED = {
    "portal pages": dict.fromkeys(ROLES, OK),
    "record page": dict.fromkeys(ROLES, OK),
    "draft record page": dict.fromkeys(ROLES, DENIED),
    "search API": dict.fromkeys(ROLES, OK),
    "match API": dict.fromkeys(ROLES, OK),
    "export API": dict.fromkeys(ROLES, OK),
    "founder dashboard": {**dict.fromkeys(ROLES, OK), "anonymous": SIGN_IN},
    "edit own draft": {**dict.fromkeys(ROLES, DENIED), "anonymous": SIGN_IN, "founder": OK},
    "personal data download": {**dict.fromkeys(ROLES, OK), "anonymous": SIGN_IN},
    "admin home": {"anonymous": SIGN_IN, "founder": DENIED, "other_founder": DENIED,
                   "viewer": OK, "curator": OK, "administrator": OK},
    "admin enterprise list": {"anonymous": SIGN_IN, "founder": DENIED, "other_founder": DENIED,
                              "viewer": OK, "curator": OK, "administrator": OK},
    "admin enterprise edit": {"anonymous": SIGN_IN, "founder": DENIED, "other_founder": DENIED,
                              "viewer": DENIED, "curator": OK, "administrator": OK},
    "admin founder draft": {"anonymous": SIGN_IN, "founder": DENIED, "other_founder": DENIED,
                            "viewer": DENIED, "curator": OK, "administrator": OK},
    "admin inquiries": {"anonymous": SIGN_IN, "founder": DENIED, "other_founder": DENIED,
                        "viewer": DENIED, "curator": OK, "administrator": OK},
    "admin inquiry edit": {"anonymous": SIGN_IN, "founder": DENIED, "other_founder": DENIED,
                           "viewer": DENIED, "curator": OK, "administrator": OK},
    "admin matching profile edit": {"anonymous": SIGN_IN, "founder": DENIED, "other_founder": DENIED,
                                    "viewer": DENIED, "curator": OK, "administrator": OK},
    "admin claims": {"anonymous": SIGN_IN, "founder": DENIED, "other_founder": DENIED,
                     "viewer": DENIED, "curator": OK, "administrator": OK},
}  # fmt: skip


def outcome(response, anonymous: bool) -> str:
    assert response.status_code < 500, response.status_code
    if response.status_code in (403, 404):
        return DENIED
    if response.status_code == 302:
        location = response["Location"]
        if "login" in location:
            return SIGN_IN if anonymous else DENIED
        return DENIED if location.rstrip("/") in ("", "/admin") else OK
    return OK


def test_permission_matrix(world):
    seen = {}
    for role in ROLES:
        client = Client()
        if role != "anonymous":
            client.force_login(world["users"][role])
        for name, (method, url, body) in endpoints(world).items():
            if method == "get":
                response = client.get(url)
            else:
                response = client.post(url, body, content_type="application/json")
            seen[(name, role)] = outcome(response, role == "anonymous")
    expected = {(name, role): EXPECTED[name][role] for name in EXPECTED for role in ROLES}
    wrong = {key: (seen[key], expected[key]) for key in expected if seen[key] != expected[key]}
    assert not wrong, json.dumps(
        {f"{n} / {r}": f"got {g}, expected {e}" for (n, r), (g, e) in wrong.items()}, indent=1
    )


def test_a_founder_cannot_submit_or_change_another_founders_draft(world):
    other = Client()
    other.force_login(world["users"]["other_founder"])
    assert other.post("/en/account/startup/startup-draft/submit/").status_code == 404
    assert other.post("/en/account/startup/startup-draft/edit/", {"name": "x"}).status_code == 404
    assert other.get("/en/account/my-data/").json()["startup_profiles"] == []
