"""Cache-Control for personal responses, in one place rather than per view.

* A response to a signed-in browser (one that sends the session cookie) says ``private, no-store``:
  ``private`` so no shared cache (a proxy in the town hall, a CDN) keeps one person's page for another,
  ``no-store`` so the browser keeps no copy on disk either — the app runs on shared office PCs, and after
  signing out, Back must not bring a person's pages back from the cache. The pages are cheap to render and
  carry no validators, so nothing is lost.
* A calendar file (``text/calendar``: invitations, the personal feed) always says ``private``; its own
  ``max-age`` stays (the feed lets calendar clients reuse it for five minutes), and when a signed-in person
  downloads one, ``no-store`` as above.

It sits above the session and auth middleware (and below WhiteNoise, so static files keep their long
cache), so error pages — the 503 of a database outage included — get the same headers.
"""

from django.conf import settings
from django.utils.cache import patch_cache_control


class PersonalCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.get("Content-Type", "").startswith("text/calendar"):
            patch_cache_control(response, private=True)
        if settings.SESSION_COOKIE_NAME in request.COOKIES:
            patch_cache_control(response, private=True, no_store=True)
        return response
