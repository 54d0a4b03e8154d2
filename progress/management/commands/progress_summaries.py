"""Rebuild the progress summaries from the raw rows, or check them (exit status 1 on any difference).

uv run manage.py progress_summaries            # rebuild all, then verify
uv run manage.py progress_summaries --verify   # only verify
"""

from django.core.management.base import BaseCommand, CommandError

from progress import summaries


class Command(BaseCommand):
    help = "Rebuild the progress summary tables from the raw rows and verify them (exit 1 on a mismatch)."

    def add_arguments(self, parser):
        parser.add_argument("--verify", action="store_true", help="only compare the summaries with the raw rows")

    def handle(self, *args, verify, **options):
        if not verify:
            summaries.rebuild()
            self.stdout.write("Summaries rebuilt.")
        problems = summaries.mismatches()
        if problems:
            for line in problems:
                self.stderr.write(line)
            raise CommandError(f"The summaries differ from the raw rows ({len(problems)} shown).")
        self.stdout.write(self.style.SUCCESS("Summaries match the raw rows."))
