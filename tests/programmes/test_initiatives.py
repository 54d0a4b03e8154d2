"""Initiatives: created with the group and theme preselected and the office by default, edited with the conflict
view, their status changed by the model's rule, and their history kept."""

from django.urls import reverse

from programmes.models import Initiative, InitiativeStatus
from tests.conflict_helpers import conflict_view, editor, opened_version


def _create_url(pw):
    return reverse("programmes:initiative-create", args=[pw.programme.slug])


def test_group_and_theme_are_preselected_from_the_query(pw, world, login):
    page = login(world.a.chief).get(_create_url(pw) + f"?group={pw.group.pk}&theme={pw.theme.pk}")
    assert page.status_code == 200
    assert f'<option value="{pw.group.pk}" selected>' in page.text
    assert f'<option value="{pw.theme.pk}" selected>' in page.text


def test_a_lead_creates_an_initiative_kept_in_the_owners_office_where_they_lead(pw, world, login):
    response = login(world.a.chief).post(
        _create_url(pw),
        {"title": "  Én   indgang ", "goal": "Borgeren møder én indgang.", "owner": world.c.chief.pk},
    )
    initiative = Initiative.objects.get(title="Én indgang")
    assert response.status_code == 302 and response["Location"] == initiative.get_absolute_url()
    # The owner leads office C (a participant's office): the next steps go to C's logbook, not the creator's A.
    assert initiative.office == world.c.office
    assert initiative.created_by == world.a.chief and initiative.status == InitiativeStatus.IDEA


def test_without_a_leading_owner_the_office_is_the_creators_else_the_programmes(pw, world, login):
    login(world.c.chief).post(_create_url(pw), {"title": "A", "goal": "g", "owner": pw.reader.pk})
    assert Initiative.objects.get(title="A").office == world.c.office  # the creator leads office C
    login(world.head).post(_create_url(pw), {"title": "B", "goal": "g", "owner": pw.reader.pk})
    assert Initiative.objects.get(title="B").office == pw.programme.owner_office  # the head leads no office


def test_a_group_member_creates_only_for_their_own_group(pw, world, login):
    client = login(pw.grouped)
    other_group = pw.programme.groups.create(name="Gruppe 2")
    response = client.post(
        _create_url(pw), {"title": "B", "goal": "g", "owner": pw.grouped.pk, "group": other_group.pk}
    )
    assert response.status_code == 400 and not Initiative.objects.filter(title="B").exists()
    client.post(_create_url(pw), {"title": "B", "goal": "g", "owner": pw.grouped.pk, "group": pw.group.pk})
    assert Initiative.objects.get(title="B").group == pw.group


def test_a_participant_outside_any_group_may_not_create(pw, login):
    assert login(pw.reader).get(_create_url(pw)).status_code == 403


def test_owner_must_be_one_of_the_programmes_people(pw, world, login):
    response = login(world.a.chief).post(_create_url(pw), {"title": "C", "goal": "g", "owner": world.c.staff.pk + 999})
    assert response.status_code == 400
    response = login(world.a.chief).post(_create_url(pw), {"title": "C", "goal": "g", "owner": world.b.chief.pk})
    assert response.status_code == 400 and not Initiative.objects.filter(title="C").exists()


def test_two_people_editing_the_goal_see_the_conflict_view(pw, world):
    url = reverse("programmes:initiative-edit", args=[pw.programme.slug, pw.initiative.pk])
    owner, lead = editor(pw.member), editor(world.a.chief)
    version = opened_version(owner, url)
    assert opened_version(lead, url) == version
    base = {"title": pw.initiative.title, "owner": pw.member.pk, "office": world.a.office.pk}
    assert lead.post(url, {**base, "goal": "Lederens mål", "version": version}).status_code == 302
    response = owner.post(url, {**base, "goal": "Ejerens mål", "version": version})
    assert response.status_code == 409
    view = conflict_view(response)
    assert view["mine"] == ["Ejerens mål"] and view["theirs"] == ["Lederens mål"]
    pw.initiative.refresh_from_db()
    assert pw.initiative.goal == "Lederens mål"


def test_status_moves_only_along_the_allowed_transitions(pw, world, login):
    url = reverse("programmes:initiative-status", args=[pw.programme.slug, pw.initiative.pk])
    client = login(pw.member)
    client.post(url, {"status": InitiativeStatus.DONE})  # idea → done is not a move
    pw.initiative.refresh_from_db()
    assert pw.initiative.status == InitiativeStatus.IDEA
    client.post(url, {"status": InitiativeStatus.ACTIVE})
    client.post(url, {"status": InitiativeStatus.DONE})
    pw.initiative.refresh_from_db()
    assert pw.initiative.status == InitiativeStatus.DONE
    assert login(pw.reader).post(url, {"status": InitiativeStatus.ACTIVE}).status_code == 403


def test_history_names_who_changed_what(pw, world, login):
    client = login(world.a.chief)
    client.post(
        reverse("programmes:initiative-status", args=[pw.programme.slug, pw.initiative.pk]),
        {"status": InitiativeStatus.ACTIVE},
    )
    page = client.get(reverse("programmes:initiative-detail", args=[pw.programme.slug, pw.initiative.pk]))
    history = page.text.split('id="history-heading"')[1]
    assert "a Chief" in history
    assert f"“{InitiativeStatus.IDEA.label}” → “{InitiativeStatus.ACTIVE.label}”" in history


def test_list_filters_by_status_and_theme(pw, world, login):
    Initiative.objects.create(
        programme=pw.programme,
        office=world.a.office,
        title="Aktiv sag",
        goal="g",
        owner=world.a.chief,
        created_by=world.a.chief,
        status=InitiativeStatus.ACTIVE,
    )
    client = login(pw.reader)
    url = reverse("programmes:initiative-list", args=[pw.programme.slug])
    page = client.get(url, {"status": "active"})
    assert page.status_code == 200 and "Aktiv sag" in page.text and "Færre blanketter" not in page.text
    page = client.get(url, {"theme": pw.theme.pk})
    assert "Aktiv sag" not in page.text and "Færre blanketter" in page.text
    fragment = client.get(url, {"status": "idea"}, headers={"HX-Request": "true", "HX-Target": "initiatives"})
    assert fragment.status_code == 200 and "<html" not in fragment.text and "Færre blanketter" in fragment.text
