"""Agreements and decisions made at one agenda item, added in place while its minutes are written.

Every agenda item of the meeting page (and of the "in the meeting" room view) shows what was agreed and decided
there, with a small form to add more: ``logbook/_item_agreements.html#item-agreements``, a named partial that
takes ``meeting`` and ``item`` only. ``attach(request, meeting, access, items)`` puts what it needs on each item
(one query for the entries of all items, one for the people, one for the headings, whatever the number of items):

- ``item.made_here``: the office's entries (agreements and decisions) recorded at the item, oldest first;
- ``item.agreement_form``: an ``ItemAgreementForm`` for leaders (None for the rest);
- ``item.agreement_url``: where it posts (``meetings:item-agreement-create``).

How nothing is lost while minutes are being written:

- with htmx the form posts on its own and only ``#agreements-item-N`` is swapped; the minutes textarea is in
  another element and never touched (the request does not even carry it: ``hx-params``);
- without JavaScript the minutes are written on the item's minutes page, where the agreement fields sit in the
  same ``<form>`` as the minutes with two buttons ("Save minutes", "Add"): "Add" posts both, the minutes are
  saved first through the usual version check (a conflict shows both texts and adds nothing), then the
  agreement is added and the person comes back to the same place.
"""

from django import forms
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from offices.access import LEADING_ROLES
from offices.models import Heading
from slf.forms import SaneDateField
from slf.limits import VisibleLimitsMixin
from slf.widgets import FastSelectMultiple

from .models import AgreementStatus, Entry, EntryKind

#: A longer list of people than this becomes a compact multi-select instead of checkboxes.
CHECKBOX_LIMIT = 12


def responsible_people(meeting, office) -> list[User]:
    """Who can be made responsible: the meeting's participants from ``office``, or everyone in the office when
    the series names nobody from it. From the meeting's participants (one query, shared with the agenda form's
    presenters), kept on the meeting for the rest of the request (every item's form and the Follow-up's form
    offer the same people)."""
    from meetings.services import participant_list

    cache = meeting.__dict__.setdefault("_responsible_people", {})
    if office.pk not in cache:
        people = [person for person in participant_list(meeting) if office.pk in person.office_ids]
        cache[office.pk] = people or list(
            User.objects.filter(memberships__office=office).distinct().order_by("full_name")
        )
    return cache[office.pk]


def active_headings(meeting, office) -> list[Heading]:
    """The office's active SLF headings: from the meeting when it came with
    ``Meeting.objects.with_office_headings()`` and ``office`` is the series' office (no query), else one query."""
    if hasattr(meeting, "office_headings_json") and office.pk == meeting.series.office_id:
        return [Heading(pk=h["pk"], office=office, name=h["name"]) for h in meeting.office_headings_json]
    return list(office.headings.filter(is_active=True))


def agreements_office(meeting, access):
    """The office whose logbook the meeting's agreements go to: the series' office, or for a cross-office series
    the person's own (strongest) office; None for a head of administration without a membership."""
    return meeting.series.office if meeting.series.office_id else access.office


def may_add(meeting, access) -> bool:
    return access.has_role(LEADING_ROLES) and meeting.status != "cancelled"


class ItemAgreementForm(VisibleLimitsMixin, forms.Form):
    kind = forms.ChoiceField(
        label=_("What"),
        choices=[(EntryKind.AGREEMENT, _("Agreement")), (EntryKind.DECISION, _("Decision"))],
        initial=EntryKind.AGREEMENT,
        widget=forms.RadioSelect(attrs={"class": "form-check-input"}),
    )
    title = forms.CharField(label=_("Text"), max_length=200)
    responsible = forms.ModelMultipleChoiceField(
        label=_("Responsible"), queryset=User.objects.none(), required=False, widget=forms.CheckboxSelectMultiple
    )
    due_date = SaneDateField(
        label=_("Due date"), required=False, widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    heading = forms.ModelChoiceField(label=_("SLF heading"), queryset=Heading.objects.none(), required=False)

    def __init__(self, *args, meeting, item, people, headings, **kwargs):
        kwargs.setdefault("prefix", f"item-{item.pk}")
        super().__init__(*args, **kwargs)
        self.meeting, self.item = meeting, item
        field = self.fields["responsible"]
        field.queryset = User.objects.filter(pk__in=[person.pk for person in people])
        if len(people) > CHECKBOX_LIMIT:
            field.widget = FastSelectMultiple(attrs={"size": 6})
        field.choices = [(person.pk, person.full_name) for person in people]
        field.help_text = _("Agreements only: who keeps it.")
        heading = self.fields["heading"]
        heading.queryset = Heading.objects.filter(pk__in=[h.pk for h in headings])
        heading.choices = [("", "—")] + [(h.pk, h.name) for h in headings]

    @property
    def meeting_date(self):
        return timezone.localtime(self.meeting.starts_at).date()

    def clean_title(self):
        title = " ".join(self.cleaned_data["title"].split())
        if not title:
            raise forms.ValidationError(_("Write what was agreed or decided."))
        return title

    def clean(self):
        data = super().clean()
        if data.get("kind") == EntryKind.AGREEMENT:
            due = data.get("due_date")
            if not due and "due_date" not in self.errors:
                self.add_error("due_date", _("An agreement needs a due date."))
            elif due and due < self.meeting_date:
                self.add_error("due_date", _("The due date can't be before the meeting."))
            if not data.get("responsible") and "responsible" not in self.errors:
                self.add_error("responsible", _("Choose who is responsible for the agreement."))
        else:
            data["due_date"] = None
            data["responsible"] = []
        return data

    def save(self, *, office, author) -> Entry:
        data = self.cleaned_data
        is_agreement = data["kind"] == EntryKind.AGREEMENT
        with transaction.atomic():
            entry = Entry.objects.create(
                office=office,
                kind=data["kind"],
                title=data["title"],
                heading=data["heading"],
                author=author,
                date=self.meeting_date,
                meeting=self.meeting,
                agenda_item=self.item,
                due_date=data["due_date"] if is_agreement else None,
                status=AgreementStatus.OPEN if is_agreement else "",
            )
            if is_agreement:
                entry.responsible.set(data["responsible"])
        return entry


def added_message(entry) -> str:
    """What was added, said in the page and to screen readers."""
    if not entry.is_agreement:
        return _("Decision added: “%(title)s”.") % {"title": entry.title}
    return _("Agreement added: “%(title)s”, responsible %(people)s, due %(due)s.") % {
        "title": entry.title,
        "people": ", ".join(p.full_name for p in entry.responsible.order_by("full_name")),
        "due": date_format(entry.due_date),
    }


def attach(request, meeting, access, items, *, bound=None, focus=False) -> None:
    """Put ``made_here``, ``agreement_form`` and ``agreement_url`` on each of ``items`` (see the module text).

    ``bound`` is a form already filled (a refused post): it replaces the empty one of its item. ``focus``: the
    fresh form's text field takes the focus after the swap, ready for the next agreement."""
    office = agreements_office(meeting, access)
    for item in items:
        item.made_here, item.agreement_form, item.agreement_url = [], None, ""
    if office is None or not items:
        return
    made = (
        Entry.objects.filter(office=office, meeting=meeting, agenda_item__in=items)
        .select_related("heading", "office")
        .with_responsible_names()
        .order_by("pk")
    )
    by_item = {}
    for entry in made:
        by_item.setdefault(entry.agenda_item_id, []).append(entry)
    adding = may_add(meeting, access)
    people = responsible_people(meeting, office) if adding else []
    headings = active_headings(meeting, office) if adding else []
    for item in items:
        item.made_here = by_item.get(item.pk, [])
        item.agreement_url = reverse("meetings:item-agreement-create", args=[meeting.pk, item.pk])
        if bound is not None and bound.item.pk == item.pk:
            item.agreement_form = bound
        elif adding:
            item.agreement_form = ItemAgreementForm(meeting=meeting, item=item, people=people, headings=headings)
            if focus:
                item.agreement_form.fields["title"].widget.attrs["data-focus"] = ""


def bind(request, meeting, access, item) -> ItemAgreementForm:
    """The posted form of one item, with the same people and headings as the page offered."""
    office = agreements_office(meeting, access)
    return ItemAgreementForm(
        request.POST,
        meeting=meeting,
        item=item,
        people=responsible_people(meeting, office),
        headings=active_headings(meeting, office),
    )
