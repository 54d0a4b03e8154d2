"""Indexes the progress pages need to read one period of raw rows instead of an office's whole history.

They live on other apps' tables but serve only the progress pages' queries: visits by office and start,
and agreements by office and when they were closed.
"""

from django.db import migrations

SQL = """
CREATE INDEX IF NOT EXISTS progress_visit_office_start ON visits_visit (office_id, lower(during));
CREATE INDEX IF NOT EXISTS progress_agreement_office_closed ON logbook_entry (office_id, closed_at)
  WHERE kind = 'agreement' AND closed_at IS NOT NULL;
CREATE INDEX IF NOT EXISTS progress_agreement_office_date ON logbook_entry (office_id, date)
  WHERE kind = 'agreement';
"""
REVERSE_SQL = """
DROP INDEX IF EXISTS progress_visit_office_start;
DROP INDEX IF EXISTS progress_agreement_office_closed;
DROP INDEX IF EXISTS progress_agreement_office_date;
"""


class Migration(migrations.Migration):
    dependencies = [
        ("progress", "0001_summaries"),
        ("visits", "0002_dates_in_bounds"),
    ]

    operations = [migrations.RunSQL(SQL, REVERSE_SQL)]
