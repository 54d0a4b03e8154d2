from datetime import timedelta

from django.urls import reverse

from logbook.models import AgreementStatus, Entry, EntryKind
from meetings.models import Meeting, MeetingStatus
from tests.meetings.test_views import make_series


def two_meetings(world):
    series = make_series(world)
    first, second = list(Meeting.objects.filter(series=series).order_by("starts_at")[:2])
    return first, second


def test_agreement_added_at_a_meeting_comes_back_until_kept(login, world):
    first, second = two_meetings(world)
    client = login(world.a.resource_person)
    url = reverse("logbook:meeting-agreement-create", args=[world.a.office.slug, first.pk])
    response = client.post(
        url,
        {
            "agreement-title": "Skabelon til referat",
            "agreement-responsible": [world.a.staff.pk],
            "agreement-due_date": (first.starts_at + timedelta(days=40)).date().isoformat(),
        },
    )
    assert response.status_code == 302
    entry = Entry.objects.get()
    assert entry.meeting == first and entry.kind == EntryKind.AGREEMENT

    page = client.get(second.get_absolute_url()).content.decode()
    assert "Skabelon til referat" in page
    assert f'id="entry-{entry.pk}"' in page

    # Kept in place from the meeting page (htmx), then it no longer comes back.
    status_url = reverse("logbook:agreement-status", args=[world.a.office.slug, entry.pk])
    client.post(status_url, {"status": "kept", "next": second.get_absolute_url()}, headers={"HX-Request": "true"})
    assert Entry.objects.get().status == AgreementStatus.KEPT
    page = client.get(second.get_absolute_url()).content.decode()
    assert f'id="entry-{entry.pk}"' not in page


def test_quick_add_refuses_bad_input_and_wrong_people(login, world):
    first, _second = two_meetings(world)
    url = reverse("logbook:meeting-agreement-create", args=[world.a.office.slug, first.pk])
    bad = login(world.a.resource_person).post(
        url, {"agreement-title": "", "agreement-responsible": [world.b.staff.pk], "agreement-due_date": "x"}
    )
    assert bad.status_code == 400
    assert bad.content.decode().count("invalid-feedback") >= 2
    assert login(world.a.staff).post(url, {"title": "X"}).status_code == 403
    other = reverse("logbook:meeting-agreement-create", args=[world.b.office.slug, first.pk])
    assert login(world.b.resource_person).post(other, {"title": "X"}).status_code == 404
    assert not Entry.objects.exists()


def test_meeting_page_with_followup_keeps_a_fixed_query_count(login, world, django_assert_max_num_queries):
    from logbook.meeting_section import FOLLOWUP_LIMIT

    first, second = two_meetings(world)
    for i in range(FOLLOWUP_LIMIT + 5):  # more than the section shows
        e = Entry.objects.create(
            office=world.a.office,
            author=world.a.resource_person,
            kind=EntryKind.AGREEMENT,
            title=f"Aftale {i}",
            date=first.starts_at.date(),
            due_date=first.starts_at.date() + timedelta(days=30),
            status=AgreementStatus.OPEN,
            meeting=first,
        )
        e.responsible.set([world.a.staff])
    Meeting.objects.filter(pk=first.pk).update(status=MeetingStatus.HELD)
    client = login(world.a.resource_person)
    with django_assert_max_num_queries(12):
        response = client.get(second.get_absolute_url())
    assert response.status_code == 200
    body = response.content.decode()
    assert body.count('class="entry card') == FOLLOWUP_LIMIT
    assert "Aftale 0<" in body and world.a.staff.full_name in body  # the rows with their responsible person


def test_follow_up_lists_at_most_thirty_open_agreements_and_links_to_the_rest(login, world):
    from logbook.meeting_section import FOLLOWUP_LIMIT

    first, second = two_meetings(world)
    Entry.objects.bulk_create(
        Entry(
            office=world.a.office,
            author=world.a.resource_person,
            kind=EntryKind.AGREEMENT,
            title=f"Aftale {i}",
            date=first.starts_at.date(),
            due_date=first.starts_at.date() + timedelta(days=30 + i),
            status=AgreementStatus.OPEN,
            meeting=first,
        )
        for i in range(FOLLOWUP_LIMIT + 5)
    )
    page = login(world.a.resource_person).get(second.get_absolute_url()).content.decode()
    assert page.count('class="entry card') == FOLLOWUP_LIMIT
    assert "Aftale 0<" in page and f"Aftale {FOLLOWUP_LIMIT + 4}<" not in page  # earliest due first
    assert f"5 åbne aftaler mere – se alle {FOLLOWUP_LIMIT + 5} i logbogen" in page
