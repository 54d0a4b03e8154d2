from django.core.management import call_command
from django.core.management.base import BaseCommand

from accounts.models import User
from offices import demo


class Command(BaseCommand):
    help = "Migrate, load the demo data once, print the demo logins and serve on http://127.0.0.1:8000."

    def add_arguments(self, parser):
        parser.add_argument("--port", type=int, default=8000, help="Port to serve on (default 8000).")
        parser.add_argument("--no-serve", action="store_true", help="Prepare the data but don't start the server.")

    def handle(self, *args, port, no_serve, **options):
        call_command("migrate", interactive=False, verbosity=0)
        if not User.objects.exists():
            self.stdout.write("Loading demo data (first start only) …")
            call_command("seed_demo", stdout=self.stdout)
        self.stdout.write("")
        self.stdout.write(self.style.MIGRATE_HEADING(f"Demo logins (password for all: {demo.DEMO_PASSWORD})"))
        for email, label in demo.demo_logins():
            self.stdout.write(f"  {email:<40} {label}")
        self.stdout.write("")
        if no_serve:
            return
        self.stdout.write(self.style.SUCCESS(f"Open http://127.0.0.1:{port}/ (stop with Ctrl+C)"))
        call_command("runserver", f"127.0.0.1:{port}", use_reloader=False, use_threading=True)
