from django.core.management.base import BaseCommand

from meetings import demo


class Command(BaseCommand):
    help = (
        "Keep the demo's SLF meeting in progress today: move it to the current day while it is still in progress, "
        "or set up a fresh one once someone ended it. `manage.py demo` runs this on every start."
    )

    def handle(self, *args, **options):
        demo.keep_today(self.stdout)
