"""Café objects for the shared tests (the authorization matrix, the form fuzzer): an open café programme owned by
``here.office`` with a published coming café meeting, a presentation, a link as material and a suggestion."""

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from cafe import services
from cafe.models import Material
from meetings.models import TopicProposal
from programmes.models import Programme, ProgrammeKind

TZ = ZoneInfo("Europe/Copenhagen")


def matrix_objects(here, mark, today: date):
    programme = Programme.objects.create(
        kind=ProgrammeKind.CAFE,
        name=f"{mark} cafémøder",
        slug=f"{mark.lower()}-cafemoder",
        owner_office=here.office,
        is_open=True,
    )
    cafe_meeting = services.create_cafe_meeting(
        programme,
        title=f"{mark} cafémøde",
        starts_at=datetime.combine(today + timedelta(days=18), time(14), tzinfo=TZ),
        duration_minutes=120,
        location=f"{mark} kantinen",
        capacity=30,
    )
    cafe_meeting.publish(by=here.resource_person)
    item = cafe_meeting.meeting.agenda_items.create(
        title=f"{mark} oplæg", duration_minutes=30, position=1, presenter=here.chief
    )
    material = Material.objects.create(
        cafe_meeting=cafe_meeting,
        agenda_item=item,
        title=f"{mark} vejledning",
        url="https://intranet.example/vejledning",
        uploaded_by=here.resource_person,
    )
    suggestion = TopicProposal.objects.create(
        series=cafe_meeting.meeting.series, proposed_by=here.staff, title=f"{mark} emne"
    )
    slug, pk = programme.slug, cafe_meeting.pk
    on_meeting = {"slug": slug, "meeting_pk": pk}
    return {
        "cafe:programme": {"slug": slug},
        "cafe:meeting-create": {"slug": slug},
        "cafe:suggestion-create": {"slug": slug},
        "cafe:suggestion-support": {"slug": slug, "proposal_pk": suggestion.pk},
        "cafe:suggestion-accept": {"slug": slug, "proposal_pk": suggestion.pk},
        "cafe:meeting": on_meeting,
        "cafe:meeting-update": on_meeting,
        "cafe:meeting-publish": on_meeting,
        "cafe:register": on_meeting,
        "cafe:cancel": on_meeting,
        "cafe:attendance": on_meeting,
        "cafe:presentation-create": on_meeting,
        "cafe:presentation-delete": {**on_meeting, "item_pk": item.pk},
        "cafe:material-create": on_meeting,
        "cafe:material-download": {**on_meeting, "material_pk": material.pk},
        "cafe:material-delete": {**on_meeting, "material_pk": material.pk},
    }
