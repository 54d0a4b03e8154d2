import os
import subprocess
import sys

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand

from accounts.models import User
from offices import demo


class Command(BaseCommand):
    help = (
        "Migrate, load the demo data once, print the demo logins, run a queue worker (mail, periodic jobs) and "
        "serve on http://127.0.0.1:8000."
    )

    def add_arguments(self, parser):
        parser.add_argument("--port", type=int, default=8000, help="Port to serve on (default 8000).")
        parser.add_argument("--no-serve", action="store_true", help="Prepare the data but don't start the server.")
        parser.add_argument("--no-worker", action="store_true", help="Serve without a queue worker (mail waits).")

    def handle(self, *args, port, no_serve, no_worker, **options):
        call_command("migrate", interactive=False, verbosity=0)
        if not User.objects.exists():
            self.stdout.write("Loading demo data (first start only) …")
            call_command("seed_demo", stdout=self.stdout)
        call_command("demo_today", stdout=self.stdout)  # the demo's meeting in progress is today, every start
        self.stdout.write("")
        self.stdout.write(self.style.MIGRATE_HEADING(f"Demo logins (password for all: {demo.DEMO_PASSWORD})"))
        for email, label in demo.demo_logins():
            self.stdout.write(f"  {email:<40} {label}")
        self.stdout.write("")
        if no_serve:
            return
        worker = None if no_worker else self.start_worker()
        self.stdout.write(self.style.SUCCESS(f"Open http://127.0.0.1:{port}/ (stop with Ctrl+C)"))
        try:
            call_command("runserver", f"127.0.0.1:{port}", use_reloader=False, use_threading=True)
        except KeyboardInterrupt:
            pass
        finally:
            if worker is not None:
                self.stop_worker(worker)

    def start_worker(self):
        """The queue's worker beside the server, so mail flows (the console backend prints it) and periodic jobs
        run; it gets this process's environment, the embedded database included, and stops with it."""
        self.stdout.write("Starting a queue worker (manage.py procrastinate worker) …")
        command = [sys.executable, str(settings.BASE_DIR / "manage.py"), "procrastinate", "worker"]
        return subprocess.Popen(command, env=os.environ.copy())

    def stop_worker(self, worker):
        worker.terminate()  # SIGTERM: the worker finishes its running job, then stops
        try:
            worker.wait(timeout=15)
        except (subprocess.TimeoutExpired, KeyboardInterrupt):  # or a second Ctrl+C: stop it now
            worker.kill()
            worker.wait()
