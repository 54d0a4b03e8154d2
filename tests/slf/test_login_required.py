"""Every URL of the project needs sign-in, except the few that are public on purpose."""

import re

from django.urls import URLPattern, URLResolver, get_resolver

PUBLIC = {
    "healthz",
    "set-language",
    "accounts:login",
    "accounts:password-reset",
    "accounts:password-reset-done",
    "accounts:password-reset-confirm",
    "accounts:password-reset-complete",
    "knowledge:term-detail",
    "privacy:notice",  # the privacy notice and the accessibility statement: linked from every page's footer
    "privacy:accessibility",
}
# Public views that apps mark with @login_not_required, recognised by name.
PUBLIC_PATTERNS = [re.compile(r"calendar-feed$"), re.compile(r"glossary"), re.compile(r"^sso:(oidc|saml)-")]


def _walk(patterns, prefix="", namespace=""):
    for p in patterns:
        if isinstance(p, URLResolver):
            ns = p.namespace or ""
            full_ns = f"{namespace}:{ns}" if namespace and ns else (ns or namespace)
            yield from _walk(p.url_patterns, prefix + str(p.pattern), full_ns)
        elif isinstance(p, URLPattern):
            name = f"{namespace}:{p.name}" if namespace and p.name else p.name
            yield prefix + str(p.pattern), name


def _example_path(route: str) -> str:
    path = re.sub(r"<int:\w+>", "1", route)
    path = re.sub(r"<slug:\w+>", "x", path)
    path = re.sub(r"<uuid:\w+>", "00000000-0000-0000-0000-000000000000", path)
    path = re.sub(r"<(?:str:|path:)?\w+>", "x", path)
    path = path.replace("^", "").replace("$", "").replace("\\", "")
    return "/" + path


def test_every_url_needs_sign_in_unless_public(client, db):
    offenders = []
    for route, name in _walk(get_resolver().url_patterns):
        if name and (name in PUBLIC or any(p.search(name) for p in PUBLIC_PATTERNS)):
            continue
        if route.startswith("admin/") or "(?P" in route:
            continue  # the admin has its own sign-in; regex routes are the admin's too
        response = client.get(_example_path(route))
        if response.status_code != 302 or (
            response.status_code == 302 and "/accounts/login/" not in response["Location"]
        ):
            offenders.append((route, name, response.status_code))
    assert not offenders, offenders
