"""Topic suggestions for the next café meeting: everybody with a place suggests and supports (+1); a lead puts one
on a coming café meeting's programme."""

from django.urls import reverse

from meetings.models import ProposalStatus, TopicProposal


def test_anybody_suggests_and_supports_and_a_lead_puts_it_on_the_programme(cw, world, login):
    client = login(world.c.staff)
    response = client.post(
        reverse("cafe:suggestion-create", args=["cafe-a"]),
        {"suggestion-title": "Indkøbsaftaler", "suggestion-description": "Hvor finder jeg dem?"},
    )
    assert response.status_code == 302
    suggestion = TopicProposal.objects.get()
    assert suggestion.series == cw.coming.meeting.series and suggestion.proposed_by == world.c.staff
    login(world.b.staff).post(reverse("cafe:suggestion-support", args=["cafe-a", suggestion.pk]))
    page = login(world.a.staff).get(reverse("cafe:programme", args=["cafe-a"])).content.decode()
    assert "Indkøbsaftaler" in page and "+1 støtter" in page
    accept = reverse("cafe:suggestion-accept", args=["cafe-a", suggestion.pk])
    assert client.post(accept, {"meeting": cw.coming.pk}).status_code == 403
    assert login(world.a.resource_person).post(accept, {"meeting": cw.coming.pk}).status_code == 302
    suggestion.refresh_from_db()
    assert suggestion.status == ProposalStatus.ACCEPTED
    assert suggestion.agenda_item.meeting == cw.coming.meeting


def test_a_suggestion_goes_only_on_this_programmes_meetings(cw, world, login):
    login(world.c.staff).post(reverse("cafe:suggestion-create", args=["cafe-a"]), {"suggestion-title": "Ferie"})
    suggestion = TopicProposal.objects.get()
    lead = login(world.head)
    lead.post(reverse("cafe:suggestion-accept", args=["cafe-a", suggestion.pk]), {"meeting": cw.other_meeting.pk})
    suggestion.refresh_from_db()
    assert suggestion.status == ProposalStatus.OPEN
    # And another programme's suggestion under this programme's address does not exist.
    assert lead.post(reverse("cafe:suggestion-support", args=["cafe-b", suggestion.pk])).status_code == 404


def test_an_empty_suggestion_is_refused_with_the_message(cw, world, login):
    response = login(world.c.staff).post(reverse("cafe:suggestion-create", args=["cafe-a"]), {"suggestion-title": ""})
    assert response.status_code == 400 and not TopicProposal.objects.exists()
