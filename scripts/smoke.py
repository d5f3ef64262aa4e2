"""The production smoke test's checks, run by scripts/smoke against a server it started.

Talks to the server the way the TLS-terminating proxy does (deploy/nginx.conf): plain HTTP on
loopback with `Host: <ALLOWED_HOSTS[0]>` and `X-Forwarded-Proto: https`; gunicorn trusts that
header from 127.0.0.1 (FORWARDED_ALLOW_IPS) and Django then sees an HTTPS request. Nothing in
the production settings is switched off for the test.

Usage: smoke.py BASE_URL HOST   (env: SMOKE_ADMIN_USER, SMOKE_ADMIN_PASSWORD, SMOKE_LOAD_SECONDS,
SMOKE_CONCURRENCY; DJANGO_SETTINGS_MODULE to know which optional headers to expect)
"""

import base64
import hashlib
import hmac
import http.client
import json
import os
import re
import struct
import sys
import threading
import time
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode, urlsplit

failures: list[str] = []


def check(condition: bool, what: str) -> bool:
    print(("  ok    " if condition else "  FAIL  ") + what, flush=True)
    if not condition:
        failures.append(what)
    return condition


class Browser:
    """One keep-alive connection and its cookies (Secure cookies included: the proxy's
    client would send them over HTTPS)."""

    def __init__(self, base: str, host: str):
        parts = urlsplit(base)
        self.address = (parts.hostname, parts.port or 80)
        self.host = host
        self.cookies: dict[str, str] = {}
        self.conn = None

    def request(self, method, path, body=None, headers=None, https=True):
        head = {"Host": self.host, **(headers or {})}
        if https:
            head["X-Forwarded-Proto"] = "https"
        if self.cookies:
            head["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        for attempt in range(2):
            if self.conn is None:
                self.conn = http.client.HTTPConnection(*self.address, timeout=30)
            try:
                self.conn.request(method, path, body=body, headers=head)
                response = self.conn.getresponse()
                data = response.read()
                break
            except (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError):
                # The server closed an idle keep-alive connection: reconnect once.
                self.conn.close()
                self.conn = None
                if attempt:
                    raise
        for header in response.headers.get_all("Set-Cookie") or []:
            cookie = SimpleCookie(header)
            for name, morsel in cookie.items():
                self.cookies[name] = morsel.value
        return response, data

    def get(self, path, **kwargs):
        return self.request("GET", path, **kwargs)


def expected_optional_headers() -> dict[str, bool]:
    """CSP and Permissions-Policy are checked when the settings configure them."""
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    try:
        import django
        from django.conf import settings

        django.setup()
        middleware = " ".join(settings.MIDDLEWARE)
        return {
            "Content-Security-Policy": "csp." in middleware
            or hasattr(settings, "CONTENT_SECURITY_POLICY"),
            "Permissions-Policy": hasattr(settings, "PERMISSIONS_POLICY")
            or "permissions" in middleware.lower(),
            "Strict-Transport-Security": settings.SECURE_HSTS_SECONDS > 0,
        }
    except Exception as error:  # the checks still run; these headers are then only reported
        print(f"  (settings not readable: {error!r})")
        return {}


def walk_pages(browser: Browser) -> dict:
    print("Pages and API:")
    found = {}
    response, _ = browser.get("/vi/", https=False)
    check(
        response.status == 301 and response.headers["Location"].startswith("https://"),
        "plain HTTP is redirected to HTTPS",
    )
    for path in ("/vi/", "/en/", "/vi/search/?q=data", "/en/search/", "/robots.txt"):
        response, body = browser.get(path)
        check(response.status == 200, f"GET {path} → {response.status}")
    response, body = browser.get("/sitemap.xml")
    check(response.status == 200 and b"<urlset" in body, "GET /sitemap.xml")

    response, body = browser.get("/api/v1/search/?" + urlencode({"kind": "plot"}))
    check(response.status == 200, f"GET /api/v1/search/?kind=plot → {response.status}")
    results = json.loads(body).get("results", []) if response.status == 200 else []
    check(len(results) > 0, f"the search API finds plots ({len(results)})")
    if results:
        ref = results[0]["ref"]
        found["record"] = f"/en/registry/plot/{ref}/"
        response, body = browser.get(found["record"])
        check(response.status == 200, f"GET {found['record']} → {response.status}")
        response, _ = browser.get(f"/api/v1/records/plot/{ref}/")
        check(response.status == 200, f"GET /api/v1/records/plot/{ref}/ → {response.status}")
    response, body = browser.get("/api/v1/search/?q=does-not-exist-anywhere&page=x")
    check(response.status == 400, f"a bad API parameter is a 400, not a 5xx ({response.status})")

    response, body = browser.get("/api/v1/geojson/")
    features = json.loads(body).get("features", []) if response.status == 200 else []
    check(response.status == 200 and features, f"GET /api/v1/geojson/ ({len(features)} features)")

    response, body = browser.get("/api/v1/match/profiles/")
    check(response.status == 200, f"GET /api/v1/match/profiles/ → {response.status}")
    codes = re.findall(rb'"code":\s*"([^"]+)"', body)
    request = {"profile": codes[0].decode()} if codes else {}
    response, body = browser.request(
        "POST",
        "/api/v1/match/",
        body=json.dumps(request),
        headers={"Content-Type": "application/json"},
    )
    matches = json.loads(body).get("results", []) if response.status == 200 else []
    check(response.status == 200 and matches, f"POST /api/v1/match/ {request} ({len(matches)})")
    return found


def check_api_http(browser: Browser) -> None:
    """What API consumers rely on, through gunicorn: CORS, revalidation, HEAD (no body: the
    next answer on the same keep-alive connection must still parse)."""
    print("API over HTTP:")
    path = "/api/v1/search/?kind=plot"
    preflight, _ = browser.request(
        "OPTIONS",
        path,
        headers={"Origin": "https://other.example", "Access-Control-Request-Method": "GET"},
    )
    check(
        preflight.status == 204 and preflight.headers.get("Access-Control-Allow-Origin") == "*",
        f"a foreign origin's preflight → {preflight.status}",
    )
    response, _ = browser.get(path)
    etag = response.headers.get("ETag", "")
    again, body = browser.get(path, headers={"If-None-Match": etag})
    check(bool(etag) and again.status == 304 and not body, f"revalidated → {again.status}")
    head, _ = browser.request("HEAD", path)
    after, _ = browser.get("/api/v1/match/profiles/")
    check(
        head.status == 200 and head.headers.get("ETag") == etag and after.status == 200,
        f"HEAD → {head.status}, then GET on the same connection → {after.status}",
    )


def check_headers(browser: Browser) -> None:
    print("Security headers (on /en/):")
    response, _ = browser.get("/en/")
    headers = response.headers
    check(headers.get("X-Content-Type-Options") == "nosniff", "X-Content-Type-Options: nosniff")
    check(
        bool(headers.get("Referrer-Policy")), f"Referrer-Policy: {headers.get('Referrer-Policy')}"
    )
    check(headers.get("X-Frame-Options") == "DENY", "X-Frame-Options: DENY")
    for name, expected in expected_optional_headers().items():
        value = headers.get(name)
        if expected:
            check(bool(value), f"{name}: {value}")
        else:
            print(f"  --    {name}: not configured in these settings ({value or 'absent'})")
    session = [c for c in response.headers.get_all("Set-Cookie") or [] if "csrftoken" in c]
    for cookie in session:
        check("Secure" in cookie, "cookies are Secure")


def check_static(browser: Browser) -> str | None:
    print("Static files (WhiteNoise):")
    response, body = browser.get("/en/")
    hashed = re.findall(rb"/static/[\w/.-]+\.[0-9a-f]{12}\.(?:css|js)", body)
    check(bool(hashed), f"pages link hashed static names ({len(hashed)})")
    # The map pages link Leaflet, collected from node_modules (STATICFILES_DIRS).
    response, body = browser.get("/en/search/")
    leaflet = re.findall(rb"/static/vendor/leaflet/leaflet\.[0-9a-f]{12}\.js", body)
    target = (leaflet or hashed or [b""])[0].decode()
    if not target:
        return None
    response, plain = browser.get(target)
    check(response.status == 200, f"GET {target} → {response.status}")
    cache = response.headers.get("Cache-Control", "")
    check("immutable" in cache or "max-age=315360000" in cache, f"cached forever ({cache})")
    response, packed = browser.get(target, headers={"Accept-Encoding": "gzip, br"})
    encoding = response.headers.get("Content-Encoding")
    check(encoding in {"gzip", "br"}, f"served compressed ({encoding}: {len(packed)} bytes)")
    print(f"        uncompressed: {len(plain)} bytes")
    check(bool(leaflet), "Leaflet (from node_modules) is collected and linked")
    return target


def sign_in_to_admin(browser: Browser) -> None:
    print("Admin sign-in:")
    user, password = os.environ["SMOKE_ADMIN_USER"], os.environ["SMOKE_ADMIN_PASSWORD"]
    response, body = browser.get("/admin/login/")
    token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', body)
    if not check(response.status == 200 and token, "the admin sign-in form"):
        return
    form = {"csrfmiddlewaretoken": token.group(1).decode(), "username": user,
            "password": password, "next": "/admin/"}  # fmt: skip
    response = post_form(browser, "/admin/login/", form)
    check(response.status == 302, f"sign-in accepted ({response.status})")
    response, body = browser.get("/admin/")
    # Production requires a second factor of staff (REQUIRE_STAFF_2FA): set up an authenticator
    # the way a curator does, from the key shown as text, then open the dashboard.
    where = response.headers.get("Location", "")
    if response.status == 302 and "/2fa/setup/" in where:
        check(True, f"staff without an authenticator are sent to set one up ({where})")
        set_up_second_factor(browser, urlsplit(where).path)
        response, body = browser.get("/admin/")
    check(response.status == 200 and b"logout" in body.lower(), "the admin dashboard opens")


def totp(secret: str, at: float | None = None) -> str:
    """The 6-digit code an authenticator app shows for a base32 key (RFC 6238: SHA-1, 30 s)."""
    letters = secret.replace(" ", "").rstrip("=").upper()
    key = base64.b32decode(letters + "=" * (-len(letters) % 8))
    counter = struct.pack(">Q", int((time.time() if at is None else at) // 30))
    digest = hmac.new(key, counter, hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    number = struct.unpack(">I", digest[offset : offset + 4])[0] & 0x7FFFFFFF
    return f"{number % 1_000_000:06d}"


def post_form(browser: Browser, path: str, form: dict):
    """POST a form as the browser on the page would (same origin, CSRF token in the form)."""
    origin = f"https://{browser.host}"
    response, _ = browser.request(
        "POST",
        path,
        body=urlencode(form),
        headers={
            "Content-Type": "application/x-www-form-urlencoded",
            "Origin": origin,
            "Referer": f"{origin}{path}",
        },  # fmt: skip
    )
    return response


def set_up_second_factor(browser: Browser, path: str) -> None:
    response, body = browser.get(path)
    secret = re.search(rb"<code>([A-Z2-7 ]+)</code>", body)
    token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', body)
    if not check(response.status == 200 and secret and token, "the set-up page shows a key"):
        return
    form = {"csrfmiddlewaretoken": token.group(1).decode(), "code": totp(secret.group(1).decode())}
    response = post_form(browser, path, form)
    check(response.status == 302, f"the authenticator's code is accepted ({response.status})")


def load(base: str, host: str, paths: list[str], seconds: float, concurrency: int) -> None:
    print(f"Load: {concurrency} clients for {seconds:.0f} s over {len(paths)} URLs")
    timings: list[float] = []
    errors: list[str] = []
    lock = threading.Lock()
    deadline = time.monotonic() + seconds

    def client(offset: int):
        browser = Browser(base, host)
        i = offset
        while time.monotonic() < deadline:
            path = paths[i % len(paths)]
            i += 1
            started = time.monotonic()
            try:
                response, _ = browser.get(path, headers={"Accept-Encoding": "gzip"})
                status = response.status
            except Exception as error:
                status = repr(error)
            elapsed = time.monotonic() - started
            with lock:
                timings.append(elapsed)
                if status != 200:
                    errors.append(f"{path}: {status}")

    threads = [threading.Thread(target=client, args=(n,)) for n in range(concurrency)]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    wall = time.monotonic() - started
    timings.sort()
    p50 = timings[len(timings) // 2] * 1000 if timings else 0
    p95 = timings[int(len(timings) * 0.95)] * 1000 if timings else 0
    print(f"  {len(timings)} requests, {len(timings) / wall:.1f} req/s, p50 {p50:.0f} ms, "
          f"p95 {p95:.0f} ms, {len(errors)} errors")  # fmt: skip
    for error in errors[:10]:
        print(f"    {error}")
    check(not errors and timings, "no errors under load")


def main() -> int:
    base, host = sys.argv[1], sys.argv[2]
    browser = Browser(base, host)
    response, body = browser.get("/readyz")
    check(response.status == 200, f"/readyz → {response.status} {body.decode()[:300]}")
    found = walk_pages(browser)
    check_api_http(browser)
    check_headers(browser)
    static = check_static(browser)
    sign_in_to_admin(Browser(base, host))
    paths = ["/vi/", "/en/", "/vi/search/?q=data", "/api/v1/search/?q=khu",
             "/api/v1/geojson/", *([found["record"]] if found else []),
             *([static] if static else [])]  # fmt: skip
    load(base, host, paths, float(os.environ.get("SMOKE_LOAD_SECONDS", "30")),
         int(os.environ.get("SMOKE_CONCURRENCY", "8")))  # fmt: skip
    response, body = browser.get("/readyz")
    check(response.status == 200, f"/readyz after the load → {body.decode()[:300]}")
    print()
    if failures:
        print(f"SMOKE TEST FAILED: {len(failures)} checks")
        for failure in failures:
            print(f"  - {failure}")
        return 1
    print("Smoke test passed.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
