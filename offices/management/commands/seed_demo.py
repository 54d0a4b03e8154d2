from django.core.management.base import BaseCommand

from offices import demo
from slf.registry import demo_seeders


class Command(BaseCommand):
    help = "Load the demo data (fictional people, offices, meetings, logbooks, visits). Safe to run twice."

    def handle(self, *args, **options):
        demo.seed(self.stdout)
        for key, seed in demo_seeders():
            self.stdout.write(f"Seeding {key} …")
            seed(self.stdout)
        self.stdout.write(self.style.SUCCESS("Demo data is in place."))
