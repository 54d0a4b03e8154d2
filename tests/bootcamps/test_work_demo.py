"""The groups' work in the demo: every group has a problem, barriers (most of them culture and mindset, some moved
there from rules and law), a journey map (one in full with two breaks) and initiatives with next steps; a second run
adds nothing."""

from django.urls import reverse

from bootcamps import demo, demo_work
from bootcamps.models import Barrier, BarrierKind, JourneyMap, JourneyStep
from offices import demo as offices_demo
from programmes.models import Group, Initiative, InitiativeStep, Programme


def _counts():
    return (
        Barrier.objects.count(),
        JourneyStep.objects.count(),
        Initiative.objects.count(),
        InitiativeStep.objects.count(),
    )


def test_demo_groups_work_tells_the_seed_and_runs_twice(db, client):
    offices_demo.seed()
    demo.seed()
    counts = _counts()
    demo_work.seed_work()
    assert _counts() == counts
    groups = list(Group.objects.filter(programme__slug="ledelse-sammen"))
    assert len(groups) == 4
    for group in groups:
        assert group.problem
        barriers = Barrier.objects.filter(group=group)
        assert 3 <= barriers.count() <= 6
        assert JourneyMap.objects.get(group=group).steps.count() >= 3
        assert 1 <= Initiative.objects.filter(group=group).count() <= 2
        assert all(i.steps.exists() for i in Initiative.objects.filter(group=group))
    summary = Barrier.objects.filter(group__programme__slug="ledelse-sammen").summary()
    assert summary[BarrierKind.CULTURE] > summary["total"] / 2
    moved = Barrier.objects.filter(group__programme__slug="ledelse-sammen").with_previous_kind()
    assert any(b.previous_kind == BarrierKind.RULES and b.kind == BarrierKind.CULTURE for b in moved)
    full = max(JourneyMap.objects.all(), key=lambda j: j.steps.count())
    assert 6 <= full.steps.count() <= 8 and full.steps.filter(breaks=True).count() == 2
    # The lead named in the demo sees the full map on the group's page.
    client.force_login(Programme.objects.get(slug="ledelse-sammen").leads.get(email="forvaltningschef@slf.example"))
    page = client.get(reverse("bootcamps:group", args=["ledelse-sammen", full.group_id]))
    assert page.status_code == 200
    assert page.text.count('<p class="journey-break-label">') == 2
    assert "Løses af" in page.text
