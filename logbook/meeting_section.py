"""The logbook's part of the meeting page: Follow-up (open agreements from earlier meetings) and quick add."""

from django import forms
from django.db.models import BooleanField, Case, Count, Exists, OuterRef, Q, When, Window
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from meetings.models import AgendaItem
from offices.access import LEADING_ROLES
from slf.forms import SaneDateField
from slf.limits import VisibleLimitsMixin
from slf.widgets import FastSelect, FastSelectMultiple

from .models import OPEN_STATUSES, AgreementStatus, CircleStatus, Entry, EntryKind, LearningCircle, PhaseCard

#: At most this many open agreements are listed under Follow-up; the rest are a link away.
FOLLOWUP_LIMIT = 30


class QuickAgreementForm(VisibleLimitsMixin, forms.Form):
    title = forms.CharField(label=_("Agreement"), max_length=200)
    responsible = forms.ModelMultipleChoiceField(
        label=_("Responsible"), queryset=User.objects.none(), widget=forms.CheckboxSelectMultiple
    )
    due_date = SaneDateField(label=_("Due date"), widget=forms.DateInput(attrs={"type": "date"}))
    agenda_item = forms.TypedChoiceField(label=_("Agenda item"), required=False, coerce=int, empty_value=None)

    def __init__(self, *args, office, meeting, **kwargs):
        super().__init__(*args, **kwargs)
        # The meeting's participants from this office (everyone in the office when the series names nobody),
        # fetched once for the page; a long list becomes a compact multi-select instead of hundreds of checkboxes.
        from .item_agreements import responsible_people

        people = responsible_people(meeting, office)
        field = self.fields["responsible"]
        field.queryset = User.objects.filter(pk__in=[person.pk for person in people])
        if len(people) > 30:
            field.widget = FastSelectMultiple(attrs={"size": 8})
        field.choices = [(person.pk, person.full_name) for person in people]
        self.fields["agenda_item"].choices = [("", "—")] + [
            (item.pk, item.title) for item in meeting.agenda_items.all()
        ]
        self.meeting = meeting

    def clean_due_date(self):
        due = self.cleaned_data["due_date"]
        if due < self.meeting.starts_at.date():
            raise forms.ValidationError(_("The date can't be before the entry's date."))
        return due


class CircleLinkForm(forms.Form):
    """Point an agenda item of the meeting to one of the office's learning circles (not completed ones)."""

    agenda_item = forms.TypedChoiceField(label=_("Agenda item"), coerce=int)
    circle = forms.TypedChoiceField(label=_("Learning circle"), coerce=int)

    def __init__(self, *args, meeting, circles, **kwargs):
        super().__init__(*args, **kwargs)
        self.items = {item.pk: item for item in meeting.agenda_items.all()}
        self.circles = {c.pk: c for c in circles if c.status != CircleStatus.COMPLETED}
        self.fields["agenda_item"].choices = [(pk, item.title) for pk, item in self.items.items()]
        self.fields["circle"].choices = [("", "—")] + [(pk, c.title) for pk, c in self.circles.items()]

    def clean_agenda_item(self):
        return self.items[self.cleaned_data["agenda_item"]]

    def clean_circle(self):
        return self.circles[self.cleaned_data["circle"]]


def office_circles(meeting, office) -> list[LearningCircle]:
    """One query: the office's circles, each marked ``at_meeting`` when it was on this meeting's agenda
    or had a phase discussed there; completed circles only when they were."""
    at_meeting = Exists(
        AgendaItem.circles.through.objects.filter(learningcircle=OuterRef("pk"), agendaitem__meeting=meeting)
    ) | Exists(PhaseCard.objects.filter(circle=OuterRef("pk"), meeting=meeting))
    return list(
        LearningCircle.objects.filter(office=office)
        .annotate(at_meeting=at_meeting)
        .filter(Q(at_meeting=True) | ~Q(status=CircleStatus.COMPLETED))
        .select_related("phase")
        .order_by("title")
    )


def _office(meeting, access):
    """The series' office; for a cross-office series the person's own (strongest) office, None for a head."""
    return meeting.series.office if meeting.series.office_id else access.office


class FollowupFilterForm(forms.Form):
    """The Follow-up's filters (GET, ``fu-`` prefix): this series or the whole office, only overdue, one person."""

    scope = forms.ChoiceField(
        label=_("From"),
        required=False,
        choices=[("office", _("the whole office")), ("series", _("this series"))],
    )
    overdue = forms.BooleanField(label=_("Only overdue"), required=False)
    person = forms.TypedChoiceField(
        label=_("Responsible"), required=False, coerce=int, empty_value=None, widget=FastSelect
    )

    def __init__(self, *args, people, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].choices = [("", _("everyone"))] + [(p.pk, p.full_name) for p in people]

    def filters(self) -> dict:
        """The valid filters; a tampered value counts as not chosen."""
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        return {
            "scope": data.get("scope") or "office",
            "overdue": bool(data.get("overdue")),
            "person": data.get("person"),
        }


def comes_back(meeting, *, scope="office", overdue=False, person=None, today=None):
    """Which open agreements of the office come back to ``meeting``'s Follow-up: those due by the meeting's day
    (overdue ones too), those marked for this meeting, and every open one from earlier meetings of the series;
    from any meeting of the office and from the logbook. Not those recorded at this meeting (listed apart)."""
    day = timezone.localtime(meeting.starts_at).date()
    marked = Q(follow_up_meeting=meeting)
    earlier_in_series = Q(meeting__series=meeting.series, meeting__starts_at__lt=meeting.starts_at)
    where = Q(kind=EntryKind.AGREEMENT, status__in=OPEN_STATUSES) & (Q(due_date__lte=day) | marked | earlier_in_series)
    where &= ~Q(meeting=meeting) | Q(meeting__isnull=True)
    if scope == "series":
        where &= Q(meeting__series=meeting.series) | marked
    if overdue:
        where &= Q(due_date__lt=today or timezone.localdate())
    if person is not None:
        where &= Exists(Entry.responsible.through.objects.filter(entry=OuterRef("pk"), user_id=person))
    return where


def followup_context(request, meeting, access, form=None, circle_form=None):
    if access is None:
        return None
    office = _office(meeting, access)
    if office is None:  # a head of administration without a membership: no office's logbook to follow up in
        return None
    from .item_agreements import responsible_people

    today = timezone.localdate()
    filter_form = FollowupFilterForm(request.GET or None, people=responsible_people(meeting, office), prefix="fu")
    chosen = filter_form.filters()
    back = comes_back(meeting, today=today, **chosen)
    here = Q(meeting=meeting)
    # One query for both lists (what was recorded here first, then open agreements by due date), bounded
    # so that an office with years of unkept agreements still gives a quick page; the window counts say
    # how many there are in all and how many of them are overdue.
    rows = list(
        Entry.objects.filter(office=office)
        .filter(back | here)
        .annotate(
            recorded_here=Case(When(here, then=True), default=False, output_field=BooleanField()),
            matching=Window(Count("pk")),
            matching_overdue=Window(Count("pk", filter=~here & Q(due_date__lt=today, status__in=OPEN_STATUSES))),
        )
        .select_related("office", "heading", "author")
        .with_responsible_names()
        .order_by("-recorded_here", "due_date", "pk")[: FOLLOWUP_LIMIT + 100]
    )
    recorded = sorted((entry for entry in rows if entry.recorded_here), key=lambda entry: entry.pk)
    open_agreements = [entry for entry in rows if not entry.recorded_here][:FOLLOWUP_LIMIT]
    open_total = (rows[0].matching - len(recorded)) if rows else 0
    query = request.GET.urlencode()
    base = meeting.get_absolute_url()
    circles = office_circles(meeting, office)
    can_edit = access.has_role(LEADING_ROLES)
    return {
        "meeting": meeting,
        "office": office,
        "access": access,
        "open_agreements": open_agreements,
        "open_total": open_total,
        "open_more": max(0, open_total - len(open_agreements)),
        "open_overdue": rows[0].matching_overdue if rows else 0,
        "filter_form": filter_form,
        "filters": chosen,
        "filtered": chosen != {"scope": "office", "overdue": False, "person": None},
        "page_url": f"{base}?{query}" if query else base,
        "today": today,
        "recorded": recorded,
        "status_choices": AgreementStatus.choices,
        "circles": [circle for circle in circles if circle.at_meeting],
        "circle_form": (circle_form or CircleLinkForm(meeting=meeting, circles=circles, prefix="circle"))
        if can_edit and meeting.agenda_items.all()
        else None,
        "quick_form": (form or QuickAgreementForm(office=office, meeting=meeting, prefix="agreement"))
        if can_edit
        else None,
        "next": f"{base}?{query}#followup" if query else base,
    }
