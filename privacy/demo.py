"""Demo data that shows the duties working in Budget og Regnskab. Idempotent; fictional people only.

* Records near their retention deadline, dated from the office's own rules, so the office chief and the head
  of administration find "N poster slettes den …" on the deadlines page: old entries (anonymised) and the
  reflections of an old visit (deleted).
* Two colleagues who left through the real leaving flow (``leaving.hand_over``): one still in the grace
  period ("efter <dato>"), one already anonymised as "Tidligere medarbejder".

Each piece is found again by a fixed title, so a second run adds nothing (and a day later still adds nothing:
the dates are set when a piece is made).
"""

from datetime import datetime, time, timedelta

from django.conf import settings
from django.db import transaction
from django.db.backends.postgresql.psycopg_any import DateTimeTZRange
from django.utils import timezone

from accounts.models import User
from logbook.models import AgreementStatus, Entry, EntryKind
from offices.demo import _person, email_for
from offices.models import Membership, Office, Role
from visits.models import Reflection, Visit, VisitParticipant

from . import leaving, retention
from .models import Action

OFFICE = "budget-og-regnskab"
#: Entries from five years ago that the entries rule reaches within the coming weeks: (title, text, days left).
OLD_ENTRIES = [
    ("Budgetseminar for sektionerne", "Vi gennemgik budgetprocessen og aftalte faste frister.", 6),
    ("Fælles kalender for regnskabsafslutning", "Alle frister for årsafslutningen samles i én kalender.", 6),
    ("Evaluering af budgetopfølgningen", "Tre ting virkede, to skal vi gøre anderledes.", 19),
]
OLD_VISIT_TOPIC = "Hvordan afstemmer I mellemregningerne i årsafslutningen?"
#: Days until the old visit's reflections reach the reflections rule.
OLD_VISIT_DAYS_LEFT = 12
#: (local part, name, the agreement they hand over, past the grace period): one still in it, one anonymised.
LEAVERS = [
    ("birthe.krogh.damgaard", "Birthe Krogh Damgaard", "Afstemning af mellemregninger hver måned", False),
    ("ole.vinther.juhl", "Ole Vinther Juhl", "Ny model for prognoser på anlæg", True),
]


def _login(local):
    return User.objects.get(email=email_for(local))  # made by the organisation's seeder


@transaction.atomic
def seed(stdout=None) -> None:
    office = Office.objects.filter(slug=OFFICE).select_related("administration").first()
    if office is None:
        return
    chief, leader, staff = _login("kontorchef"), _login("sektionsleder"), _login("medarbejder")
    rules = retention.rules_for(office.administration_id)
    today = timezone.localdate()
    _old_entries(office, leader, rules["entries"], today)
    _old_visit(office, host=leader, visitor=staff, rule=rules["reflections"], today=today)
    for local, name, agreement, past_grace in LEAVERS:
        days_ago = settings.LEAVER_GRACE_DAYS + 14 if past_grace else 9
        _leaver(office, local, name, agreement, days_ago, successor=leader, by=chief)
    if stdout:
        stdout.write(f"Privacy: {len(retention.upcoming(office))} coming deadlines in {office.name}.")


def _old_entries(office, author, rule, today):
    action, days = rule
    if action == Action.KEEP:
        return
    for title, text, days_left in OLD_ENTRIES:
        if not Entry.objects.filter(office=office, title=title).exists():
            day = today - timedelta(days=days - days_left)
            entry = Entry.objects.create(
                office=office, kind=EntryKind.DECISION, title=title, text=text, author=author, date=day
            )
            entry.responsible.add(author)


def _old_visit(office, *, host, visitor, rule, today):
    action, days = rule
    if action == Action.KEEP or Visit.objects.filter(office=office, topic=OLD_VISIT_TOPIC).exists():
        return
    day = today - timedelta(days=days - OLD_VISIT_DAYS_LEFT)
    start = timezone.make_aware(datetime.combine(day, time(10)))
    during = DateTimeTZRange(start, start + timedelta(minutes=30))
    visit = Visit.objects.create(office=office, host=host, visitor=visitor, during=during, topic=OLD_VISIT_TOPIC)
    VisitParticipant.objects.bulk_create(
        [VisitParticipant(visit=visit, person=p, during=during) for p in (host, visitor)]
    )
    written = start + timedelta(hours=2)
    for author, learned in [
        (visitor, "Mellemregningerne afstemmes hver måned, ikke kun ved årsafslutningen."),
        (host, "Et spørgsmål udefra fik mig til at beskrive min egen arbejdsgang."),
    ]:
        reflection = Reflection.objects.create(visit=visit, author=author, learned=learned)
        Reflection.objects.filter(pk=reflection.pk).update(created_at=written, updated_at=written)


def _leaver(office, local, name, agreement, days_ago, *, successor, by):
    """A colleague with open work, who left ``days_ago`` days ago through the leaving flow."""
    if Entry.objects.filter(office=office, title=agreement).exists():
        return
    person = _person(email_for(local), name)
    section = Membership.objects.filter(person=successor, office=office).values_list("section", flat=True).first()
    Membership.objects.get_or_create(person=person, office=office, defaults={"role": Role.STAFF, "section_id": section})
    left = timezone.now() - timedelta(days=days_ago)
    entry = Entry.objects.create(
        office=office,
        kind=EntryKind.AGREEMENT,
        title=agreement,
        text=f"{name} sætter det i gang og følger op på kontormødet.",
        author=person,
        date=timezone.localdate(left) - timedelta(days=30),
        due_date=timezone.localdate() + timedelta(days=60),
        status=AgreementStatus.OPEN,
    )
    entry.responsible.add(person)
    departure = leaving.hand_over(person=person, office=office, successor=successor, by=by, now=left)
    if departure.anonymise_after and departure.anonymise_after < timezone.localdate():
        leaving.anonymise_person(person)
