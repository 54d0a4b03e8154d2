"""The café programmes' figures for the programme page and the progress pages: two queries, whatever the number."""

from django.db.models import Count, Q
from django.utils.translation import gettext as _

from meetings.models import MeetingStatus
from programmes.registry import Figure

from .models import CafeMeeting, Registration, RegistrationStatus

HELD = (MeetingStatus.HELD, MeetingStatus.MINUTES_PUBLISHED)


def cafe_figures(programmes) -> dict[int, list[Figure]]:
    ids = [p.pk for p in programmes]
    meetings = {
        row["programme_id"]: row
        for row in CafeMeeting.objects.filter(programme_id__in=ids)
        .values("programme_id")
        .annotate(
            held=Count("pk", filter=Q(meeting__status__in=HELD)),
            published=Count("pk", filter=Q(published_at__isnull=False)),
        )
        .order_by()
    }
    registered = Q(status=RegistrationStatus.REGISTERED)
    rows = {
        row["cafe_meeting__programme_id"]: row
        for row in Registration.objects.filter(cafe_meeting__programme_id__in=ids)
        .values("cafe_meeting__programme_id")
        .annotate(
            registrations=Count("pk", filter=registered),
            waiting=Count("pk", filter=Q(status=RegistrationStatus.WAITING)),
            came=Count("pk", filter=registered & Q(attended=True)),
            no_shows=Count("pk", filter=registered & Q(attended=False)),
            offices=Count("office", distinct=True),
            administrations=Count("office__administration", distinct=True),
        )
        .order_by()
    }
    found = {}
    for pk in ids:
        m, r = meetings.get(pk, {}), rows.get(pk, {})
        found[pk] = [
            Figure(_("Café meetings held"), m.get("held", 0), _("Café meetings held or with minutes published.")),
            Figure(_("Registrations"), r.get("registrations", 0), _("People with a place, over all café meetings.")),
            Figure(_("On waiting lists"), r.get("waiting", 0), _("People waiting for a place now.")),
            Figure(_("Came"), r.get("came", 0), _("Registered people recorded as present.")),
            Figure(_("Did not come"), r.get("no_shows", 0), _("Registered people recorded as not present.")),
            Figure(
                _("Offices represented"),
                r.get("offices", 0),
                _("Different offices of the people who signed up."),
            ),
            Figure(
                _("Administrations represented"),
                r.get("administrations", 0),
                _("Different administrations of the people who signed up."),
            ),
        ]
    return found
