"""Barriers: sorted as rules and law or culture and mindset (not settled until sorted), re-sorted as the group
learns, with the history saying where each came from; the summary counts for the group and the programme."""

import pytest
from django.template.loader import render_to_string

from bootcamps.models import Barrier, BarrierKind
from bootcamps.work_views import barrier_summary_context, summary_sentence
from tests.bootcamps import work_world
from tests.bootcamps.work_world import barrier

pytestmark = pytest.mark.django_db
camp = work_world.camp

HTMX = {"HTTP_HX_REQUEST": "true"}


def test_summary_counts_each_kind(camp):
    for kind, n in ((BarrierKind.CULTURE, 8), (BarrierKind.RULES, 2), (BarrierKind.UNSORTED, 1)):
        for i in range(n):
            barrier(camp.group if i % 2 else camp.other_group, f"{kind} {i}", kind)
    summary = Barrier.objects.filter(group__programme=camp.programme).summary()
    assert summary == {"total": 11, "culture": 8, "rules": 2, "unsorted": 1}
    assert summary_sentence(summary) == "8 af 11 barrierer handler om kultur og tankesæt, 2 om regler og lovgivning."


def test_programme_page_of_barriers_tells_the_finding(camp, login):
    for i in range(3):
        barrier(camp.group, f"Kultur {i}", BarrierKind.CULTURE)
    barrier(camp.other_group, "Lovgivning", BarrierKind.RULES)
    page = login(camp.other_participant).get(camp.url("bootcamps:barriers"))
    assert page.status_code == 200
    assert "3 af 4 barrierer handler om kultur og tankesæt, 1 om regler og lovgivning." in page.text


def test_resorting_a_barrier_is_kept_in_its_history(camp, login):
    b = barrier(camp.group, "Vi må ikke dele data", BarrierKind.RULES, by=camp.member)
    client = login(camp.member)
    response = client.post(camp.url("bootcamps:barrier-sort", barrier_pk=b.pk), {"kind": "culture"})
    assert response.status_code == 302
    assert response["Location"].endswith(f"#barrier-{b.pk}")
    b.refresh_from_db()
    assert b.kind == BarrierKind.CULTURE
    page = client.get(camp.url("bootcamps:group"))
    assert "flyttet fra regler og lovgivning" in page.text
    moves = client.get(camp.url("bootcamps:barriers"))
    assert "flyttet fra regler og lovgivning til kultur og tankesæt" in moves.text
    assert camp.member.full_name in moves.text


def test_sorting_with_htmx_answers_the_section_with_focus_and_a_visible_message(camp, login):
    b = barrier(camp.group, "Ingen tør sige nej")
    response = login(camp.member).post(camp.url("bootcamps:barrier-sort", barrier_pk=b.pk), {"kind": "culture"}, **HTMX)
    assert response.status_code == 200
    body = response.text
    assert body.lstrip().startswith('<section id="barriers"')
    assert f'id="barrier-{b.pk}-text" tabindex="-1" data-focus' in body
    assert "“Ingen tør sige nej” blev flyttet fra ikke afklaret endnu til kultur og tankesæt." in body
    assert "data-announce=" in body


def test_sorting_as_an_unknown_kind_changes_nothing(camp, login):
    b = barrier(camp.group, kind=BarrierKind.RULES)
    response = login(camp.member).post(camp.url("bootcamps:barrier-sort", barrier_pk=b.pk), {"kind": "politics"})
    assert response.status_code == 302
    b.refresh_from_db()
    assert b.kind == BarrierKind.RULES


def test_an_empty_barrier_is_refused_in_place(camp, login):
    client = login(camp.member)
    plain = client.post(camp.url("bootcamps:barrier-create"), {"barrier-text": "", "full": "1"})
    assert plain.status_code == 400
    assert "Dette felt er påkrævet" in plain.text
    htmx = client.post(camp.url("bootcamps:barrier-create"), {"barrier-text": ""}, **HTMX)
    assert htmx.status_code == 200
    assert "Dette felt er påkrævet" in htmx.text
    assert not Barrier.objects.exists()


def test_the_full_form_says_who_raised_it_among_the_group(camp, world, login):
    client = login(camp.lead)
    data = {"barrier-text": "Budgetreglerne", "barrier-kind": "rules", "barrier-raised_by": camp.member.pk, "full": "1"}
    assert client.post(camp.url("bootcamps:barrier-create"), data).status_code == 302
    assert Barrier.objects.get().raised_by == camp.member
    # Someone outside the group can't be named.
    data["barrier-raised_by"] = world.b.staff.pk
    assert client.post(camp.url("bootcamps:barrier-create"), data).status_code == 400


def test_the_programme_pages_sentence_counts_all_groups(camp):
    barrier(camp.group, "a", BarrierKind.CULTURE)
    barrier(camp.other_group, "b", BarrierKind.CULTURE)
    barrier(camp.other_group, "c", BarrierKind.UNSORTED)
    html = render_to_string("bootcamps/_group_barrier_summary.html", barrier_summary_context(camp.programme))
    assert "2 af 3 barrierer handler om kultur og tankesæt, 0 om regler og lovgivning." in html
    assert "1 er ikke afklaret endnu." in html
