from django.urls import reverse


def test_programme_and_meeting_pages_render(cw, login, world):
    client = login(world.c.staff)
    r = client.get(reverse("cafe:programme", args=["cafe-a"]))
    assert r.status_code == 200
    r = client.get(cw.coming.get_absolute_url())
    assert r.status_code == 200
    r = client.post(reverse("cafe:register", args=["cafe-a", cw.coming.pk]))
    assert r.status_code == 302
    r = client.get(cw.coming.get_absolute_url())
    assert "You are registered" in r.content.decode() or "Du er tilmeldt" in r.content.decode()
    lead = login(world.a.resource_person)
    assert lead.get(cw.coming.get_absolute_url()).status_code == 200
    assert lead.get(reverse("cafe:programme", args=["cafe-a"])).status_code == 200
