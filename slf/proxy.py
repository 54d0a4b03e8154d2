"""The client's address, as far as it can be trusted.

By default the address is the TCP peer (``REMOTE_ADDR``); anything a client writes into
``X-Forwarded-For`` is ignored, so it cannot pick a fresh address for every sign-in attempt. Behind a
reverse proxy, ``TRUSTED_PROXY_HEADER`` names the header the proxy sets (e.g. ``X-Forwarded-For`` or
``X-Real-IP``) and ``TRUSTED_PROXY_COUNT`` says how many proxies append to it: the client is the entry that
many places from the right, the part the proxies wrote, never what the client sent before it.
"""

import ipaddress

from django.conf import settings


def _valid(address: str) -> str | None:
    try:
        return str(ipaddress.ip_address(address.strip()))
    except ValueError:
        return None


def client_ip(request) -> str | None:
    """``AXES_CLIENT_IP_CALLABLE``: the client address of ``request``."""
    remote = request.META.get("REMOTE_ADDR")
    header = getattr(settings, "TRUSTED_PROXY_HEADER", "")
    if not header:
        return remote
    value = request.META.get("HTTP_" + header.upper().replace("-", "_"), "")
    entries = [entry.strip() for entry in value.split(",") if entry.strip()]
    count = max(1, getattr(settings, "TRUSTED_PROXY_COUNT", 1))
    if len(entries) < count:
        # Not the chain the proxies write (a request that bypassed them): the peer is all we know.
        return remote
    return _valid(entries[-count]) or remote
