from io import StringIO

from django.core.management import call_command


def test_no_missing_migrations(db):
    out = StringIO()
    call_command("makemigrations", "--check", "--dry-run", stdout=out, stderr=StringIO())


def test_deploy_checks_pass_with_production_settings(settings):
    settings.DEBUG = False
    out = StringIO()
    call_command("check", stdout=out)
    assert "no issues" in out.getvalue()
