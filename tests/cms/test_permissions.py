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
    # Anonymous visitors get the page for startups (why register, sign-up and sign-in).
    "founder dashboard": dict.fromkeys(ROLES, OK),
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


def admin_sign_in(password, username="curator", address="127.0.0.1"):
    client = Client(REMOTE_ADDR=address)
    response = client.post("/admin/login/", {"username": username, "password": password})
    return client, response


def signed_in_to_admin(client) -> bool:
    return client.get("/admin/").status_code == 200


@pytest.fixture
def curator(db):
    user = get_user_model().objects.create_user(
        "curator", "c@example.invalid", "the-right-password", is_staff=True
    )
    user.groups.add(Group.objects.get(name=CURATORS))
    return user


def test_the_admin_login_refuses_even_the_right_password_after_ten_failures(curator):
    for _ in range(10):
        assert admin_sign_in("wrong")[1].status_code == 200
    client, response = admin_sign_in("the-right-password")
    assert response.status_code == 429 and not signed_in_to_admin(client)
    # The admin speaks Vietnamese unless the curator chose English.
    assert "Thử lại quá nhiều lần; vui lòng thử lại sau" in response.content.decode()


def test_a_successful_sign_in_does_not_count_as_a_failure(curator):
    for _ in range(15):
        client, _response = admin_sign_in("the-right-password")
        assert signed_in_to_admin(client)


def test_the_per_account_limit_holds_across_client_addresses(curator):
    for n in range(10):
        admin_sign_in("wrong", address=f"203.0.113.{n}")
    client, response = admin_sign_in("the-right-password", address="198.51.100.1")
    assert response.status_code == 429 and not signed_in_to_admin(client)


def test_the_per_client_limit_holds_across_accounts(curator):
    for n in range(30):
        admin_sign_in("wrong", username=f"guess{n}", address="203.0.113.66")
    client, response = admin_sign_in("the-right-password", address="203.0.113.66")
    assert response.status_code == 429 and not signed_in_to_admin(client)
    client, _response = admin_sign_in("the-right-password", address="203.0.113.67")
    assert signed_in_to_admin(client)  # another visitor is not punished


def test_the_portal_and_the_admin_share_one_sign_in_policy(curator):
    for _ in range(5):
        admin_sign_in("wrong")
        Client().post("/en/account/login/", {"username": "curator", "password": "wrong"})
    response = Client().post(
        "/vi/account/login/", {"username": "curator", "password": "the-right-password"}
    )
    assert response.status_code == 429
    assert "Thử lại quá nhiều lần" in response.content.decode()  # in the visitor's language


def test_the_admin_password_reset_is_limited(curator):
    from django.core import mail

    for _ in range(5):
        Client().post("/admin/password_reset/", {"email": "c@example.invalid"})
    assert len(mail.outbox) == 3


def totp_code(device) -> str:
    from binascii import unhexlify

    from django_otp.oath import totp

    return f"{totp(unhexlify(device.key), device.step, device.t0, device.digits):06d}"


def test_a_curator_sets_up_two_step_sign_in_and_is_then_asked_for_a_code(curator, settings):
    from django_otp.plugins.otp_totp.models import TOTPDevice

    settings.OTP_TOTP_THROTTLE_FACTOR = 0  # django-otp's delay after a wrong code, not tested here
    client = Client()
    client.force_login(curator)
    account = client.get("/admin/account/").content.decode()
    assert "/admin/2fa/setup/" in account  # the account menu leads to the set-up page
    page = client.get("/admin/2fa/setup/").content.decode()
    assert "<svg" in page and "<script" not in page.split("<main", 1)[-1].split("</main>")[0]
    device = TOTPDevice.objects.get(user=curator, confirmed=False)
    assert client.post("/admin/2fa/setup/", {"code": "000000"}).status_code == 400
    response = client.post("/admin/2fa/setup/", {"code": totp_code(device)})
    assert response.status_code == 302
    device.refresh_from_db()
    assert device.confirmed

    # A new session: the password alone no longer opens the admin.
    client, response = admin_sign_in("the-right-password")
    assert response.status_code == 302
    response = client.get("/admin/pages/")
    assert response.status_code == 302 and response["Location"].startswith("/admin/2fa/verify/")
    assert client.post("/admin/2fa/verify/", {"code": "123456"}).status_code == 400
    assert not signed_in_to_admin(client)
    device.last_t = -1  # the set-up code was used; the next one is accepted in the same step
    device.save()
    response = client.post("/admin/2fa/verify/", {"code": totp_code(device), "next": "/admin/"})
    assert response.status_code == 302 and signed_in_to_admin(client)


def test_the_code_entry_is_throttled(curator):
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device = TOTPDevice.objects.create(user=curator, name="phone", confirmed=True)
    client, _response = admin_sign_in("the-right-password")
    codes = [client.post("/admin/2fa/verify/", {"code": "000000"}).status_code for _ in range(10)]
    assert codes == [400] * 10
    device.throttling_failure_count = 0  # django-otp's own delay aside: our allowance counts
    device.throttling_failure_timestamp = None
    device.save()
    response = client.post("/admin/2fa/verify/", {"code": totp_code(device)})
    assert response.status_code == 429 and not signed_in_to_admin(client)


def test_with_the_setting_on_staff_without_a_device_are_sent_to_set_one_up(curator, settings):
    settings.REQUIRE_STAFF_2FA = True
    client, _response = admin_sign_in("the-right-password")
    response = client.get("/admin/")
    assert response.status_code == 302 and response["Location"] == "/admin/2fa/setup/"
    assert client.get("/admin/2fa/setup/").status_code == 200


def test_permission_matrix_of_the_duplicates_pages(world):
    """Curators and administrators merge and mark; viewers see the panel (on the inspect view)
    and the list of pairs, without the actions; founders and visitors get nothing."""
    from registry.duplicates import mark_not_duplicate
    from registry.models import NotDuplicate

    e, d = world["enterprise"], world["draft"]
    other = Enterprise.objects.create(ref="test-chip-2", name="Vi mạch 2", ownership="domestic")
    pair = mark_not_duplicate(other, d, None)
    admin_only = {"anonymous": SIGN_IN, "founder": DENIED, "other_founder": DENIED,
                  "viewer": DENIED, "curator": OK, "administrator": OK}  # fmt: skip
    pages = {
        "enterprise inspect (the panel)": (
            "get", snippet("enterprise", "inspect", e.pk), {**admin_only, "viewer": OK}),
        "merge confirmation": (
            "get", reverse("enterprise-merge", args=[d.pk]) + "?into=test-chip", admin_only),
        "merge into itself (refused)": (
            "post", reverse("enterprise-merge", args=[e.pk]), admin_only),
        "not a duplicate confirmation": (
            "get", reverse("enterprise-not-duplicate", args=[e.pk, other.pk]), admin_only),
        "mark not a duplicate": (
            "post", reverse("enterprise-not-duplicate", args=[e.pk, other.pk]), admin_only),
        "pairs marked not duplicates": (
            "get", reverse("not-duplicates"), {**admin_only, "viewer": OK}),
        "undo confirmation": ("get", reverse("not-duplicate-undo", args=[pair.pk]), admin_only),
    }  # fmt: skip
    wrong = {}
    for role in ROLES:
        client = Client()
        if role != "anonymous":
            client.force_login(world["users"][role])
        for name, (method, url, expected) in pages.items():
            if method == "get":
                response = client.get(url)
            else:
                response = client.post(url, {"into": "test-chip"})
            seen = outcome(response, role == "anonymous")
            if seen != expected[role]:
                wrong[f"{name} / {role}"] = f"got {seen}, expected {expected[role]}"
    assert not wrong, json.dumps(wrong, indent=1)
    assert Enterprise.objects.get(pk=e.pk).live  # nobody merged anything
    assert NotDuplicate.objects.filter(first=e, second=other).exists()  # a curator marked it
    viewer = Client()
    viewer.force_login(world["users"]["viewer"])
    listing = viewer.get(reverse("not-duplicates")).content.decode()
    assert "test-chip-2" in listing
    assert reverse("not-duplicate-undo", args=[pair.pk]) not in listing


def test_the_quality_lists_and_dashboard_follow_the_admin_roles(world):
    """Completeness sorting and band filter, the plot checks' filter, the dashboard's
    distribution (issue #14, quality): staff who may list records see them, nobody else."""
    urls = {
        "plots by completeness": snippet("plot", "list") + "?ordering=completeness",
        "completeness band": snippet("enterprise", "list") + "?completeness=low",
        "plot check filter": snippet("plot", "list") + "?check=price_outlier",
    }
    expected = {"anonymous": SIGN_IN, "founder": DENIED, "other_founder": DENIED,
                "viewer": OK, "curator": OK, "administrator": OK}  # fmt: skip
    for role in ROLES:
        client = Client()
        if role != "anonymous":
            client.force_login(world["users"][role])
        for name, url in urls.items():
            assert outcome(client.get(url), role == "anonymous") == expected[role], (name, role)
        dashboard = client.get("/admin/")
        shown = (
            dashboard.status_code == 200 and b"registry-completeness-section" in dashboard.content
        )
        assert shown == (expected[role] == OK), role


# The officer role (issue #14, item 9) and the pipeline's views, for every role: an officer
# works the inquiries of their assigned sectors (here data centres: the plot's inquiry) and no
# other, and is otherwise a viewer.
OFFICER_ON_EXISTING_VIEWS = {
    **dict.fromkeys(["portal pages", "record page", "search API", "match API", "export API"], OK),
    **dict.fromkeys(["founder dashboard", "personal data download", "admin home"], OK),
    **dict.fromkeys(["admin enterprise list", "admin inquiries", "admin inquiry edit"], OK),
    **dict.fromkeys(["draft record page", "edit own draft", "admin enterprise edit"], DENIED),
    **dict.fromkeys(["admin founder draft", "admin matching profile edit"], DENIED),
    "admin claims": DENIED,
}
STAFF_ONLY = {"anonymous": SIGN_IN, "founder": DENIED, "other_founder": DENIED}
PIPELINE_EXPECTED = {
    "pipeline report": {**STAFF_ONLY, "viewer": DENIED, "curator": OK, "administrator": OK,
                        "officer": OK},
    "pipeline report XLSX": {**STAFF_ONLY, "viewer": DENIED, "curator": OK, "administrator": OK,
                             "officer": OK},
    "officers' sectors": {**STAFF_ONLY, "viewer": DENIED, "curator": DENIED,
                          "administrator": OK, "officer": DENIED},
    "another sector's inquiry": {**STAFF_ONLY, "viewer": DENIED, "curator": OK,
                                 "administrator": OK, "officer": DENIED},
    "another sector's inquiry history": {**STAFF_ONLY, "viewer": DENIED, "curator": OK,
                                         "administrator": OK, "officer": DENIED},
}  # fmt: skip


def pipeline_endpoints(world, other_inquiry):
    edit = snippet("inquiry", "edit", other_inquiry.pk, app="cms")
    return {
        "pipeline report": ("get", "/admin/reports/inquiry-pipeline/", None),
        "pipeline report XLSX": ("get", "/admin/reports/inquiry-pipeline/?export=xlsx", None),
        "officers' sectors": ("get", snippet("officersectors", "list", app="cms"), None),
        "another sector's inquiry": ("get", edit, None),
        "another sector's inquiry history": (
            "get",
            snippet("inquiry", "history", other_inquiry.pk, app="cms"),
            None,
        ),
    }


def reached(client, method, url, body):
    """The response, past the language prefix the portal's middleware puts before an admin 404
    (a redirect to /vi/admin/…, which then answers 404)."""
    if method == "get":
        response = client.get(url)
    else:
        response = client.post(url, body, content_type="application/json")
    location = response.get("Location", "") if response.status_code == 302 else ""
    if location.startswith(("/vi/admin/", "/en/admin/")):
        response = client.get(location)
    return response


def test_permission_matrix_of_the_officer_role_and_the_pipeline(world):
    from cms.models import OfficerSectors
    from cms.pipeline.sectors import OFFICERS
    from registry.models import Technology

    officer = get_user_model().objects.create_user(
        "officer", "of@example.invalid", "pw", is_staff=True
    )
    officer.groups.add(Group.objects.get(name=OFFICERS))
    OfficerSectors.objects.create(user=officer).sectors.set(
        Technology.objects.filter(code="data_centre")
    )
    other = Inquiry.objects.create(kind="enterprise", ref="test-chip", record_name="Chip", name="I",
                                   email="i@example.invalid", message="Hi", consent=True, language="en")  # fmt: skip
    users = {**world["users"], "officer": officer}
    expected = {(name, "officer"): want for name, want in OFFICER_ON_EXISTING_VIEWS.items()}
    expected |= {
        (n, r): want for n, roles in PIPELINE_EXPECTED.items() for r, want in roles.items()
    }
    views = {**endpoints(world), **pipeline_endpoints(world, other)}
    seen = {}
    for name, role in expected:
        client = Client()
        if role != "anonymous":
            client.force_login(users[role])
        seen[(name, role)] = outcome(reached(client, *views[name]), role == "anonymous")
    wrong = {key: (seen[key], expected[key]) for key in expected if seen[key] != expected[key]}
    assert not wrong, json.dumps(
        {f"{n} / {r}": f"got {g}, expected {e}" for (n, r), (g, e) in wrong.items()}, indent=1
    )


def test_permission_matrix_of_the_freshness_views(world):
    """Issue #14, freshness: the stale records' queue (viewers read it; acting needs the change
    permission), the owners' replies, the rules; the owner's link needs no account at all."""
    from cms.freshness.mail import token_for
    from cms.freshness.models import FreshnessCheck

    e = world["enterprise"]
    check = FreshnessCheck.objects.create(
        kind="enterprise", record_id=e.pk, ref=e.ref, record_name=e.name, recipients="x"
    )
    views = {
        "stale queue": ("get", "/admin/freshness/stale/", None),
        "stale queue send": ("post", "/admin/freshness/stale/", {"send_one": f"enterprise:{e.pk}"}),
        "owners' replies": ("get", snippet("freshnesscheck", "list", app="cms"), None),
        "owner's reply": ("get", snippet("freshnesscheck", "edit", check.pk, app="cms"), None),
        "freshness rules": ("get", snippet("freshnessrule", "list"), None),
        "still-correct link": ("get", f"/en/still-correct/{token_for(check)}/", None),
    }
    staff = {"anonymous": SIGN_IN, "founder": DENIED, "other_founder": DENIED}
    expected = {
        "stale queue": {**staff, "viewer": OK, "curator": OK, "administrator": OK},
        "stale queue send": {**staff, "viewer": DENIED, "curator": OK, "administrator": OK},
        "owners' replies": {**staff, "viewer": DENIED, "curator": OK, "administrator": OK},
        "owner's reply": {**staff, "viewer": DENIED, "curator": OK, "administrator": OK},
        "freshness rules": {**staff, "viewer": OK, "curator": OK, "administrator": OK},
        "still-correct link": dict.fromkeys(ROLES, OK),
    }
    wrong = {}
    for role in ROLES:
        client = Client()
        if role != "anonymous":
            client.force_login(world["users"][role])
        for name, (method, url, body) in views.items():
            response = getattr(client, method)(url, body) if body else getattr(client, method)(url)
            got = outcome(response, role == "anonymous")
            if got != expected[name][role]:
                wrong[f"{name} / {role}"] = f"got {got}, expected {expected[name][role]}"
    assert not wrong, json.dumps(wrong, indent=1)


def test_permission_matrix_of_the_admins_import(world, settings, tmp_path):
    """Curators and administrators import; viewers read the runs and their previews, without
    the file or any action; founders and anonymous visitors never reach them."""
    from django.core.files.base import ContentFile

    from registry.models import ImportRun

    settings.PRIVATE_MEDIA_ROOT = tmp_path
    run = ImportRun.objects.create(
        file_name="zones.jsonl", format="jsonl", status=ImportRun.Status.CANCELLED,
        file=ContentFile(b"{}\n", name="zones.jsonl"),
    )  # fmt: skip
    staff_only = {"anonymous": SIGN_IN, "founder": DENIED, "other_founder": DENIED}
    readers = {**staff_only, "viewer": OK, "curator": OK, "administrator": OK}
    importers = {**readers, "viewer": DENIED}
    pages = {
        "import list": ("get", reverse("registry_imports:index"), readers),
        "import upload": ("get", reverse("registry_imports:upload"), importers),
        "import preview": ("get", reverse("registry_imports:detail", args=[run.pk]), readers),
        "import status": ("get", reverse("registry_imports:status", args=[run.pk]), readers),
        "import file": ("get", reverse("registry_imports:file", args=[run.pk]), importers),
        "import template": ("get", reverse("registry_imports:template", args=["plot"]), importers),
        "import apply": ("post", reverse("registry_imports:apply", args=[run.pk]), importers),
        "import cancel": ("post", reverse("registry_imports:cancel", args=[run.pk]), importers),
    }
    wrong = {}
    for role in ROLES:
        client = Client()
        if role != "anonymous":
            client.force_login(world["users"][role])
        for name, (method, url, expected) in pages.items():
            response = getattr(client, method)(url)
            seen = outcome(response, role == "anonymous")
            if seen != expected[role]:
                wrong[f"{name} / {role}"] = f"got {seen}, expected {expected[role]}"
    assert not wrong, json.dumps(wrong, indent=1)
    assert ImportRun.objects.get().status == ImportRun.Status.CANCELLED


def admin_workspace_endpoints():
    """The admin's registry search, list downloads and the full backup (issue #14)."""
    return {
        "admin registry search": ("get", reverse("registry_admin_search") + "?q=chip"),
        "admin list download": ("get", snippet("enterprise", "list") + "?export=xlsx"),
        "admin backup page": ("get", reverse("cms_backup_download")),
        "admin backup download": ("post", reverse("cms_backup_download")),
    }


STAFF_READERS = {"anonymous": SIGN_IN, "founder": DENIED, "other_founder": DENIED,
                 "viewer": OK, "curator": OK, "administrator": OK}  # fmt: skip
ADMINISTRATORS_ONLY = {**dict.fromkeys(ROLES, DENIED), "anonymous": SIGN_IN, "administrator": OK}
EXPECTED_ADMIN_WORKSPACE = {
    "admin registry search": STAFF_READERS,
    "admin list download": STAFF_READERS,
    "admin backup page": ADMINISTRATORS_ONLY,
    # The administrator's own download is tested in test_admin_backup.py (it commits).
    "admin backup download": {**ADMINISTRATORS_ONLY, "administrator": None},
}


def test_permission_matrix_of_the_admin_workspace(world):
    wrong = {}
    for role in ROLES:
        client = Client()
        if role != "anonymous":
            client.force_login(world["users"][role])
        for name, (method, url) in admin_workspace_endpoints().items():
            expected = EXPECTED_ADMIN_WORKSPACE[name][role]
            if expected is None:
                continue
            response = client.get(url) if method == "get" else client.post(url)
            seen = outcome(response, role == "anonymous")
            if seen != expected:
                wrong[f"{name} / {role}"] = f"got {seen}, expected {expected}"
    assert not wrong, json.dumps(wrong, indent=1)


REPORT_READERS = {**STAFF_READERS, "viewer": DENIED}


def test_permission_matrix_of_the_quarterly_report(world):
    """Issue #15, item 6: whoever may view the indicators and the inquiries (curators,
    administrators) opens the quarterly report and downloads its files; viewers (no inquiries),
    founders and anonymous visitors never; and the Reports menu shows the item to those who may
    open it only."""
    quarter = "2025-Q4"
    pages = {
        "quarterly report": "/admin/reports/quarterly/",
        "quarterly report PDF": f"/admin/reports/quarterly/?quarter={quarter}&format=pdf&lang=vi",
        "quarterly report XLSX": f"/admin/reports/quarterly/?quarter={quarter}&format=xlsx&lang=en",
    }
    wrong = {}
    for role in ROLES:
        client = Client()
        if role != "anonymous":
            client.force_login(world["users"][role])
        for name, url in pages.items():
            seen = outcome(reached(client, "get", url, None), role == "anonymous")
            if seen != REPORT_READERS[role]:
                wrong[f"{name} / {role}"] = f"got {seen}, expected {REPORT_READERS[role]}"
        if REPORT_READERS[role] == OK:
            menu = client.get("/admin/").content.decode()
            if pages["quarterly report"] not in menu:
                wrong[f"menu / {role}"] = "the Reports menu lacks the quarterly report"
    assert not wrong, json.dumps(wrong, indent=1)


def test_permission_matrix_of_the_resolution_57_indicators(world):
    """Curators and administrators edit the indicators (targets and reported values with them);
    viewers read the list and each indicator; officers, founders and visitors reach nothing."""
    from cms.pipeline.sectors import OFFICERS
    from registry.models.indicator import Indicator

    officer = get_user_model().objects.create_user(
        "officer", "of@example.invalid", "pw", is_staff=True
    )
    officer.groups.add(Group.objects.get(name=OFFICERS))
    users = {**world["users"], "officer": officer}
    indicator = Indicator.objects.create(
        code="population", name="Dân số", name_en="Population", unit="people", origin="agency",
        theme="context",
    )  # fmt: skip
    pk = indicator.pk
    views = {
        "indicator list": ("get", snippet("indicator", "list"), None),
        "indicator inspect": ("get", snippet("indicator", "inspect", pk), None),
        "indicator add": ("get", snippet("indicator", "add"), None),
        "indicator edit": ("get", snippet("indicator", "edit", pk), None),
        "indicator save": ("post", snippet("indicator", "edit", pk), {"name": "x"}),
        "indicator history": ("get", snippet("indicator", "history", pk), None),
        "indicator delete": ("get", snippet("indicator", "delete", pk), None),
    }
    nobody = {"anonymous": SIGN_IN, "founder": DENIED, "other_founder": DENIED, "officer": DENIED}
    readers = {**nobody, "viewer": OK, "curator": OK, "administrator": OK}
    editors = {**readers, "viewer": DENIED}
    expected = {
        "indicator list": readers,
        "indicator inspect": readers,
        "indicator add": editors,
        "indicator edit": editors,
        # A refused form (200) for editors: the point is that nobody else gets as far.
        "indicator save": editors,
        "indicator history": editors,
        "indicator delete": editors,
    }
    wrong = {}
    for role in (*ROLES, "officer"):
        client = Client()
        if role != "anonymous":
            client.force_login(users[role])
        for name, (method, url, body) in views.items():
            response = client.post(url, body) if method == "post" else client.get(url)
            seen = outcome(response, role == "anonymous")
            if seen != expected[name][role]:
                wrong[f"{name} / {role}"] = f"got {seen}, expected {expected[name][role]}"
    assert not wrong, json.dumps(wrong, indent=1)
    assert Indicator.objects.get(pk=pk).name == "Dân số"


def test_permission_matrix_of_the_indicators_write_endpoints(world):
    """Issue 15: reporting a value or adding a target through the API takes the admin's session
    of staff allowed to change indicators (and its CSRF token); anyone else is refused in JSON
    and nothing is saved."""
    from datetime import date

    from registry.models.indicator import Indicator, IndicatorTarget, IndicatorValue

    indicator = Indicator.objects.create(
        code="digital_economy_share", name="Kinh tế số", unit="percent", origin="agency",
        theme="digital_economy",
    )  # fmt: skip
    expected = {"anonymous": 401, "founder": 401, "other_founder": 401, "viewer": 403,
                "curator": 201, "administrator": 201}  # fmt: skip
    token = "abcdefghijklmnopqrstuvwxyzABCDEF"
    wrong = {}
    for n, role in enumerate(ROLES):
        client = Client(enforce_csrf_checks=True)
        if role != "anonymous":
            client.force_login(world["users"][role])
        client.cookies["csrftoken"] = token
        bodies = {
            "values": {"as_of": f"2025-01-{n + 1:02d}", "value": 30, "source": "Sở KH&CN"},
            "targets": {"year": date.today().year + 1 + n, "comparison": "gte", "value": 40},
        }
        for what, body in bodies.items():
            response = client.post(
                f"/api/v1/indicators/{indicator.code}/{what}/", json.dumps(body),
                content_type="application/json", HTTP_X_CSRFTOKEN=token,
            )  # fmt: skip
            assert response["Content-Type"].startswith("application/json")
            if response.status_code != expected[role]:
                wrong[f"{what} / {role}"] = f"got {response.status_code}, expected {expected[role]}"
    assert not wrong, json.dumps(wrong, indent=1)
    allowed = sum(1 for status in expected.values() if status == 201)
    assert IndicatorValue.objects.filter(indicator=indicator).count() == allowed
    assert IndicatorTarget.objects.filter(indicator=indicator).count() == allowed


def test_reviewing_experts_answers(world):
    """Ask an expert: only curators and administrators see and decide the answers to review."""
    from datetime import date

    from registry.models import Expert
    from registry.models.questions import ExpertAnswer, ExpertQuestion

    expert = Expert.objects.create(ref="expert-perm", name="TS. Quyền", live=True,
                                   consent_on=date(2026, 1, 1), contact_email="e@example.invalid")  # fmt: skip
    question = ExpertQuestion.objects.create(ref="q-perm", question="Câu hỏi về quyền truy cập?",
                                             asker_name="A", asker_email="a@example.invalid")  # fmt: skip
    answer = ExpertAnswer.objects.create(question=question, expert=expert, answer="Trả lời.")
    allowed = {"curator", "administrator"}
    wrong = {}
    for role in ROLES:
        client = Client()
        if role != "anonymous":
            client.force_login(world["users"][role])
        for url in (reverse("ask_review"), reverse("ask_review_answer", args=[answer.pk])):
            status = client.get(url).status_code
            ok = status == 200 if role in allowed else status in (302, 403)
            if not ok:
                wrong[f"GET {url} / {role}"] = status
        if role not in allowed:
            response = client.post(reverse("ask_review_answer", args=[answer.pk]), {"approve": "1"})
            if response.status_code not in (302, 403):
                wrong[f"POST / {role}"] = response.status_code
            answer.refresh_from_db()
            if answer.status != ExpertAnswer.Status.PENDING:
                wrong[f"decided by {role}"] = answer.status
    assert not wrong, json.dumps(wrong, indent=1)
    home = Client()
    home.force_login(world["users"]["curator"])
    assert "answers-to-review" in home.get(reverse("wagtailadmin_home")).text
    home.force_login(world["users"]["viewer"])
    assert "answers-to-review" not in home.get(reverse("wagtailadmin_home")).text


def test_permission_matrix_of_the_challenges_workflow(world):
    """Challenges' responses and moves: curators and administrators every challenge, an officer
    the challenges they are officer of, viewers read, founders nothing."""
    import datetime

    from cms.pipeline.sectors import OFFICERS
    from registry.models import Challenge

    model = get_user_model()
    users = dict(world["users"])
    for name in ("officer", "other_officer"):
        users[name] = model.objects.create_user(
            name, f"{name}@example.invalid", "pw", is_staff=True
        )
        users[name].groups.add(Group.objects.get(name=OFFICERS))
    challenge = Challenge.objects.create(
        ref="ch-perm", name="Bài toán", challenge_kind="commissioned_task", live=True,
        posted_on=datetime.date(2026, 11, 1), officer=users["officer"],
    )  # fmt: skip
    roles = (*ROLES, "officer", "other_officer")
    staff = {"viewer": OK, "curator": OK, "administrator": OK, "officer": OK}
    nobody = {"anonymous": SIGN_IN, **dict.fromkeys(roles[1:], DENIED)}
    expected = {
        "challenge page": dict.fromkeys(roles, OK),
        "challenges list": {**nobody, **staff, "other_officer": OK},  # an empty list of theirs
        "challenge responses": {**nobody, **staff},
        "challenge move": {**nobody, "curator": OK, "administrator": OK, "officer": OK},
    }
    seen = {}
    for role in roles:
        client = Client()
        if role != "anonymous":
            client.force_login(users[role])
        Challenge.objects.filter(pk=challenge.pk).update(status="open")
        views = {
            "challenge page": client.get("/en/registry/challenge/ch-perm/"),
            "challenges list": client.get("/admin/challenges/"),
            "challenge responses": client.get(f"/admin/challenges/{challenge.pk}/"),
            "challenge move": client.post(
                f"/admin/challenges/{challenge.pk}/", {"to": "in_progress"}
            ),
        }
        moved = Challenge.objects.get(pk=challenge.pk).status == "in_progress"
        for name, response in views.items():
            seen[(name, role)] = outcome(response, role == "anonymous")
        # A move refused must leave the challenge as it was.
        assert moved == (seen[("challenge move", role)] == OK), role
    wrong = {
        f"{name} / {role}": f"got {seen[(name, role)]}, expected {want}"
        for name, by_role in expected.items()
        for role, want in by_role.items()
        if seen[(name, role)] != want
    }
    assert not wrong, json.dumps(wrong, indent=1)


def expert_world(world):
    """The founder's account also holds an expert draft; the agency prepared another profile,
    which someone claimed."""
    from cms.models import ExpertClaim
    from registry.models import Expert

    founder = world["users"]["founder"]
    own = Expert.objects.create(ref="expert-own", name="TS. Nguyễn A", account=founder, live=False)
    own.save_revision(user=founder)
    prepared = Expert.objects.create(ref="expert-prepared", name="PGS. Lê B", live=False)
    claim = ExpertClaim.objects.create(user=world["users"]["other_founder"], expert=prepared,
                                       message="Tôi là PGS. Lê B.")  # fmt: skip
    return {
        "expert account page": ("get", "/en/account/expert/", None),
        "expert profile form": ("get", "/en/account/expert/profile/", None),
        "expert claim form": ("get", "/en/account/expert/claim/expert-prepared/", None),
        "expert submit": ("post", "/en/account/expert/submit/", "{}"),
        "expert withdraw": ("post", "/en/account/expert/withdraw/", "{}"),
        "admin expert edit": ("get", snippet("expert", "edit", own.pk), None),
        "admin expert claims": ("get", snippet("expertclaim", "list", app="cms"), None),
        "admin expert claim edit": ("get", snippet("expertclaim", "edit", claim.pk, app="cms"),
                                    None),
    }  # fmt: skip


ONLY_CURATORS = {**dict.fromkeys(ROLES, DENIED), "anonymous": SIGN_IN, "curator": OK,
                 "administrator": OK}  # fmt: skip
EXPERT_EXPECTED = {
    # Anonymous visitors get the page for experts (what is published, sign-up and sign-in).
    "expert account page": dict.fromkeys(ROLES, OK),
    # Any signed-in account may write (or claim) its one expert profile.
    "expert profile form": {**dict.fromkeys(ROLES, OK), "anonymous": SIGN_IN},
    "expert claim form": {**dict.fromkeys(ROLES, OK), "anonymous": SIGN_IN},
    # Only the account holding a profile submits or withdraws it; others find nothing.
    "expert submit": {**dict.fromkeys(ROLES, DENIED), "anonymous": SIGN_IN, "founder": OK},
    "expert withdraw": {**dict.fromkeys(ROLES, DENIED), "anonymous": SIGN_IN, "founder": OK},
    "admin expert edit": ONLY_CURATORS,
    "admin expert claims": ONLY_CURATORS,
    "admin expert claim edit": ONLY_CURATORS,
}


def test_permission_matrix_of_the_experts_pages(world):
    views = expert_world(world)
    seen = {}
    for role in ROLES:
        client = Client()
        if role != "anonymous":
            client.force_login(world["users"][role])
        for name, view in views.items():
            seen[(name, role)] = outcome(reached(client, *view), role == "anonymous")
    expected = {(n, r): EXPERT_EXPECTED[n][r] for n in EXPERT_EXPECTED for r in ROLES}
    wrong = {key: (seen[key], expected[key]) for key in expected if seen[key] != expected[key]}
    assert not wrong, json.dumps(
        {f"{n} / {r}": f"got {g}, expected {e}" for (n, r), (g, e) in wrong.items()}, indent=1
    )
