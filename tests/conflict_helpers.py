"""Reading the shared conflict view (templates/_conflict.html) in tests."""

import html
import re

from django.test import Client


def editor(user) -> Client:
    """A browser of its own for ``user``: two editors are two clients."""
    client = Client()
    client.force_login(user)
    return client


def opened_version(client, url, name="version") -> str:
    """Open the edit form as the person would, and read the version it carries."""
    page = client.get(url)
    assert page.status_code == 200
    return re.search(rf'name="{name}" value="(\d+)"', page.content.decode()).group(1)


def conflict_view(response) -> dict:
    """The conflict box of a response: both texts of each changed field, and who saved."""
    body = response.content.decode()
    assert 'class="alert alert-warning conflict"' in body, "no conflict view"

    def texts(kind):
        return [html.unescape(t) for t in re.findall(rf'class="conflict-text conflict-{kind}">(.*?)</div>', body, re.S)]

    saved_by = re.search(r'class="fw-semibold mb-1">(.*?)</p>', body.split("alert-warning conflict", 1)[1], re.S)
    return {"mine": texts("mine"), "theirs": texts("theirs"), "saved_by": html.unescape(saved_by.group(1))}
