import pytest


@pytest.fixture
def login(client):
    """``login(user, language="en")``: sign in on the test client, reading the pages in English by default."""

    def _login(user, language="en"):
        if user.preferred_language != language:
            user.preferred_language = language
            user.save(update_fields=["preferred_language"])
        client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
        client.cookies["slf_language"] = language
        return client

    return _login
