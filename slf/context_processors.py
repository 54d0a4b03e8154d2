from django.urls import NoReverseMatch, reverse

from .registry import nav_items

#: How many sections the main navigation shows in its line; the rest are under "More".
NAV_INLINE = 6


def navigation(request):
    """The main navigation: only sections that exist, with the current one marked."""
    if not getattr(request, "user", None) or not request.user.is_authenticated:
        return {"nav_items": [], "nav_inline": [], "nav_more": [], "nav_more_current": False}
    items = []
    path = request.path
    for item in nav_items():
        try:
            url = reverse(item.url_name)
        except NoReverseMatch:
            continue
        current = path == url if url == "/" else path.startswith(url)
        items.append({"key": item.key, "label": item.label, "url": url, "current": current})
    # What would not fit on one line at 1366 px in every language goes under "More".
    more = items[NAV_INLINE:] if len(items) > NAV_INLINE + 1 else []
    return {
        "nav_items": items,
        "nav_inline": items[: len(items) - len(more)],
        "nav_more": more,
        "nav_more_current": any(item["current"] for item in more),
    }
