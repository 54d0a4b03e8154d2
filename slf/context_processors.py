from django.urls import NoReverseMatch, reverse

from .registry import nav_items


def navigation(request):
    """The main navigation: only sections that exist, with the current one marked."""
    if not getattr(request, "user", None) or not request.user.is_authenticated:
        return {"nav_items": []}
    items = []
    path = request.path
    for item in nav_items():
        try:
            url = reverse(item.url_name)
        except NoReverseMatch:
            continue
        current = path == url if url == "/" else path.startswith(url)
        items.append({"key": item.key, "label": item.label, "url": url, "current": current})
    return {"nav_items": items}
