"""htmx answers that survive the Back button, decided once for every view.

- A history restore (``HX-History-Restore-Request``: htmx missed its history cache, and with
  ``historyCacheSize: 0`` in base.html it always misses) swaps the answer into ``<body>``, so it must
  be the whole page. ``request.htmx`` is false for it: every view that renders a partial only when
  ``request.htmx`` answers with the full page without knowing about restores.
- A response that read an htmx header says so in ``Vary`` (as Django's sessions add ``Vary: Cookie``),
  so a browser never shows a cached fragment for a page, or a page for a fragment.
"""

from django.utils.cache import patch_vary_headers
from django_htmx.middleware import HtmxDetails
from django_htmx.middleware import HtmxMiddleware as BaseHtmxMiddleware


class PageAwareHtmxDetails(HtmxDetails):
    """django-htmx's ``request.htmx``, false for history restores, noting which headers were read."""

    def __init__(self, request):
        super().__init__(request)
        self.headers_read: set[str] = set()

    def _get_header_value(self, name: str) -> str | None:
        self.headers_read.add(name)
        return super()._get_header_value(name)

    def __bool__(self) -> bool:
        return super().__bool__() and not self.history_restore_request


class HtmxMiddleware(BaseHtmxMiddleware):
    """Sets ``request.htmx`` (see PageAwareHtmxDetails) and adds ``Vary`` for the htmx headers a view read."""

    def __call__(self, request):
        if self.async_mode:
            return self.__acall__(request)
        request.htmx = PageAwareHtmxDetails(request)
        return self._vary(request, self.get_response(request))

    async def __acall__(self, request):
        request.htmx = PageAwareHtmxDetails(request)
        return self._vary(request, await self.get_response(request))

    @staticmethod
    def _vary(request, response):
        read = request.htmx.headers_read
        if read:
            patch_vary_headers(response, sorted(read))
        return response
