"""Next steps are agreements in the initiative's office's logbook, with the link to the initiative, in one go."""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from logbook.models import Entry, EntryKind
from programmes.models import InitiativeStep


def _url(pw):
    return reverse("programmes:initiative-step-add", args=[pw.programme.slug, pw.initiative.pk])


def _post(client, pw, responsible, **extra):
    due = timezone.localdate() + timedelta(days=14)
    return client.post(_url(pw), {"title": "Ring til skolerne", "responsible": responsible, "due_date": due, **extra})


def test_a_next_step_is_an_agreement_in_the_offices_logbook(pw, world, login):
    client = login(pw.member)
    response = _post(client, pw, [world.a.staff.pk, world.a.section_leader.pk])
    assert response.status_code == 302
    step = InitiativeStep.objects.select_related("agreement").get(initiative=pw.initiative)
    agreement = step.agreement
    assert agreement.kind == EntryKind.AGREEMENT and agreement.office == world.a.office
    assert agreement.status == "open" and agreement.author == pw.member
    assert set(agreement.responsible.all()) == {world.a.staff, world.a.section_leader}
    # It comes back like every agreement: in the office's logbook and as the responsible person's open agreement.
    assert Entry.objects.filter(office=world.a.office).open_agreements().filter(pk=agreement.pk).exists()
    logbook = login(world.a.resource_person).get(reverse("logbook:entry-list", args=[world.a.office.slug]))
    assert "Ring til skolerne" in logbook.text
    page = login(pw.reader).get(reverse("programmes:initiative-detail", args=[pw.programme.slug, pw.initiative.pk]))
    assert "Ring til skolerne" in page.text and "a Leader" in page.text


def test_a_responsible_person_outside_the_office_is_refused_next_to_the_field(pw, world, login):
    response = _post(login(world.a.chief), pw, [pw.grouped.pk])  # B's staff member: a participant, not in office A
    assert response.status_code == 400
    assert not Entry.objects.filter(title="Ring til skolerne").exists()
    field = response.text.split('id="div_id_responsible"')[1].split("</fieldset>")[0]
    error = field.split("invalid-feedback")[1]
    assert "b Staff kan ikke være ansvarlig" in error and "Budget og Regnskab" in error


def test_a_next_step_needs_a_due_date_and_someone_responsible(pw, world, login):
    response = login(pw.member).post(_url(pw), {"title": "Uden dato"})
    assert response.status_code == 400
    assert not InitiativeStep.objects.exists()


def test_overdue_steps_are_marked_on_the_initiative_and_counted_in_the_list(pw, world, login):
    client = login(pw.member)
    _post(client, pw, [world.a.staff.pk])
    listing = client.get(reverse("programmes:initiative-list", args=[pw.programme.slug]))
    assert listing.status_code == 200 and 'class="text-danger"' not in listing.text  # open, not overdue yet
    yesterday = timezone.localdate() - timedelta(days=1)
    Entry.objects.filter(title="Ring til skolerne").update(date=yesterday, due_date=yesterday)
    page = client.get(reverse("programmes:initiative-detail", args=[pw.programme.slug, pw.initiative.pk]))
    assert 'class="text-danger"' in page.text.split('id="steps"')[1].split("</section>")[0]
    listing = client.get(reverse("programmes:initiative-list", args=[pw.programme.slug]))
    assert 'class="text-danger"' in listing.text
