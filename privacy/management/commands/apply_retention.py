"""Apply the retention rules now (the queue runs this daily), or list what would go with --dry-run.

    uv run manage.py apply_retention [--dry-run] [--date 2027-01-31]

Prints one line per administration, office and kind: the action, the rule's days and the number of records.
"""

from django.core.management.base import BaseCommand, CommandError
from django.utils.dateparse import parse_date

from privacy import leaving, retention


class Command(BaseCommand):
    help = "Delete or anonymise records past their retention deadline; --dry-run lists them instead."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="List what would go; change nothing.")
        parser.add_argument("--date", help="Act as if today were this date (YYYY-MM-DD).")

    def handle(self, *args, dry_run, date, **options):
        today = parse_date(date) if date else None
        if date and today is None:
            raise CommandError("--date must be YYYY-MM-DD")
        if dry_run:
            batches = retention.plan(today)
            people = list(leaving.due_leavers(today).values_list("pk", flat=True))
        else:
            people = range(leaving.anonymise_leavers(today))
            batches = retention.apply(today)
        verb = "would be" if dry_run else "were"
        for batch in batches:
            where = " · ".join(part for part in (batch.administration, batch.office) if part) or "(all)"
            self.stdout.write(f"{where} · {batch.kind}: {batch.count} {verb} {batch.action}d (after {batch.days} days)")
        self.stdout.write(f"{len(people)} former colleague(s) {verb} anonymised.")
        if not batches:
            self.stdout.write("Nothing is past its deadline.")
