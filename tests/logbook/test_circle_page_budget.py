"""The learning-circle page within the project's 12-query budget, with every part of it filled."""

from datetime import date, timedelta

from logbook import circles
from logbook.models import DataPoint, LearningCircle, Measure


def test_circle_page_stays_within_twelve_queries(login, world, django_assert_max_num_queries):
    rp = world.a.resource_person
    circle = circles.start_circle(LearningCircle(office=world.a.office, title="Feedback", challenge="x"), rp)
    for loop_round in range(2):
        for _step in range(5):
            circles.save_card(circle, circle.phase, circle.loop, f"Runde {loop_round}", 0, rp)
            circle = circles.move(circle, rp, "forward")
    for name in ("Dage til svar", "Sager pr. uge"):
        measure = Measure.objects.create(circle=circle, name=name, unit="dage")
        for i in range(12):
            DataPoint.objects.create(measure=measure, date=date(2026, 1, 5) + timedelta(days=7 * i), value=i, author=rp)
    client = login(rp)
    client.get(circle.get_absolute_url())
    with django_assert_max_num_queries(12):
        response = client.get(circle.get_absolute_url())
    assert response.status_code == 200
    body = response.content.decode()
    assert "Runde 1" in body and "Sager pr. uge" in body
