"""The minutes as PDF/A for journalising in the municipality's case system (WeasyPrint).

WeasyPrint is imported here, when a PDF is asked for, not at start-up (the import takes about a second), and
it needs Pango and HarfBuzz from the system. Where those are missing the minutes page says what to install
instead of offering a link that fails. Fonts come from the machine (fontconfig); nothing is fetched from the
network: the URL fetcher refuses every address.
"""

from pathlib import Path

from django.conf import settings
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

#: What the server needs for the PDF (Debian/Ubuntu package names), said on the page when they are missing.
SYSTEM_PACKAGES = "libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0"
STYLESHEET = Path(settings.BASE_DIR) / "static" / "css" / "minutes-pdf.css"
PDF_VARIANT = "pdf/a-3b"

_checked: list = []


class PdfUnavailable(Exception):
    pass


def _load_weasyprint():
    import weasyprint

    return weasyprint


def weasyprint_or_none():
    """The weasyprint module, or None when it (or a system library it loads) is missing; asked once."""
    if not _checked:
        try:
            _checked.append(_load_weasyprint())
        except (ImportError, OSError):
            _checked.append(None)
    return _checked[0]


def unavailable_message() -> str:
    """Empty when the PDF can be made; otherwise what to install, for the minutes page."""
    if weasyprint_or_none() is not None:
        return ""
    return _(
        "The PDF is not available on this server: it needs WeasyPrint and the system packages %(packages)s "
        "(apt-get install --no-install-recommends %(packages)s). Use Print instead."
    ) % {"packages": SYSTEM_PACKAGES}


def _refuse_fetch(url, *args, **kwargs):
    raise ValueError(f"no network for the minutes PDF: {url}")


def minutes_pdf(meeting, context: dict, request=None) -> bytes:
    weasyprint = weasyprint_or_none()
    if weasyprint is None:
        raise PdfUnavailable(unavailable_message())
    html = render_to_string("meetings/minutes_pdf.html", context, request=request)
    document = weasyprint.HTML(string=html, url_fetcher=_refuse_fetch, base_url=str(settings.BASE_DIR))
    return document.write_pdf(
        stylesheets=[weasyprint.CSS(filename=str(STYLESHEET), url_fetcher=_refuse_fetch)],
        pdf_variant=PDF_VARIANT,
        pdf_identifier=f"slf-minutes-{meeting.pk}".encode(),
    )
