"""The meeting page's section "Change agents' projects": the projects presented at this office meeting, each
linked back to its page (slf.registry.register_meeting_section). One query, and none for other kinds of meeting."""

from django.db.models import Exists, OuterRef

from meetings.models import MeetingKind
from offices.models import LEADING_ROLES
from programmes.models import Participant, Programme

from .models import ProjectPresentation


def presentations_context(request, meeting, access):
    if access is None or meeting.series.kind != MeetingKind.OFFICE:
        return None
    user = request.user
    rows = list(
        ProjectPresentation.objects.filter(agenda_item__meeting=meeting)
        .select_related("project__programme", "project__agent__person", "agenda_item")
        .annotate(
            takes_part=Exists(Participant.objects.filter(programme=OuterRef("project__programme"), person=user)),
            named_lead=Exists(
                Programme.leads.through.objects.filter(programme=OuterRef("project__programme"), user=user)
            ),
        )
        .order_by("agenda_item__position", "pk")
    )
    if not rows:
        return None
    office_lead = access.has_role(LEADING_ROLES) or access.is_head
    for row in rows:
        # The programme's leads (the owner office's leaders, its heads, the named leads) and its participants.
        owner = row.project.programme.owner_office_id == meeting.series.office_id
        row.can_open = row.takes_part or row.named_lead or (owner and office_lead)
    return {"meeting": meeting, "presentations": rows}
