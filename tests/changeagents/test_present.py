"""The project presented at the next office meeting: an agenda item with the agent as presenter, linked both ways."""

from django.urls import reverse
from django.utils import timezone

from changeagents.models import ProjectPresentation
from meetings.models import AgendaItem, MeetingStatus


def _present(client, aw, series=None):
    url = reverse("changeagents:project-present", args=[aw.programme.slug, aw.project.pk])
    return client.post(url, {"series": (series or aw.series).pk})


def test_presenting_puts_the_project_on_the_next_office_meeting_with_the_agent_as_presenter(login, world, aw):
    client = login(world.a.staff)  # the agent themself may
    response = _present(client, aw)
    assert response.status_code == 302
    presentation = ProjectPresentation.objects.get(project=aw.project)
    item = presentation.agenda_item
    meeting = aw.series.meetings.filter(starts_at__gt=timezone.now()).order_by("starts_at").first()
    assert (
        item.meeting == meeting and item.presenter == world.a.staff and item.title == "Forandringsagent: Agents projekt"
    )
    page = client.get(aw.project.get_absolute_url()).content.decode()
    assert "Fremlægges på Agents kontormøde" in page and meeting.get_absolute_url() in page
    # Twice on the same meeting is refused with a message, nothing added.
    response = _present(client, aw)
    assert response.status_code == 400 and "allerede på dagsordenen" in response.content.decode()
    assert AgendaItem.objects.filter(meeting=meeting).count() == 1


def test_presenting_is_refused_with_a_clear_message_when_no_meeting_is_coming(login, world, aw):
    aw.series.meetings.update(status=MeetingStatus.CANCELLED)
    response = _present(login(world.a.chief), aw)
    assert response.status_code == 400
    assert "har intet kommende møde" in response.content.decode()
    assert not ProjectPresentation.objects.exists()


def test_another_offices_series_is_not_a_choice(login, world, aw):
    other_series = aw.other_project.programme.owner_office.meeting_series.get()
    response = _present(login(world.head), aw, series=other_series)
    assert response.status_code == 400 and not ProjectPresentation.objects.exists()


def test_the_meeting_page_links_back_to_the_project_for_those_who_may_open_it(login, world, aw):
    assert _present(login(world.a.chief), aw).status_code == 302
    meeting = ProjectPresentation.objects.get().agenda_item.meeting
    body = login(world.a.chief).get(meeting.get_absolute_url()).content.decode()
    section = body.split('id="change-agents-heading"')[1]
    assert f'href="{aw.project.get_absolute_url()}"' in section and "fremlagt af a Staff" in section
    # Office A's resource person leads the programme too; a colleague who is not part of it sees the title only.
    colleague = login(world.a.section_leader).get(meeting.get_absolute_url()).content.decode()
    assert f'href="{aw.project.get_absolute_url()}"' in colleague
    from offices.models import Role
    from tests import factories

    bystander = factories.make_member(world.a.office, Role.STAFF, world.a.section, full_name="By Stander")
    body = login(bystander).get(meeting.get_absolute_url()).content.decode()
    section = body.split('id="change-agents-heading"')[1]
    assert "Agents projekt" in section and f'href="{aw.project.get_absolute_url()}"' not in section
