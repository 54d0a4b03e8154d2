"""The logbook's part of the meeting page: Follow-up (open agreements from earlier meetings) and quick add."""

from django import forms
from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from offices.access import LEADING_ROLES

from .models import AgreementStatus, Entry


class QuickAgreementForm(forms.Form):
    title = forms.CharField(label=_("Agreement"), max_length=200)
    responsible = forms.ModelMultipleChoiceField(
        label=_("Responsible"), queryset=User.objects.none(), widget=forms.CheckboxSelectMultiple
    )
    due_date = forms.DateField(label=_("Due date"), widget=forms.DateInput(attrs={"type": "date"}))
    agenda_item = forms.TypedChoiceField(label=_("Agenda item"), required=False, coerce=int, empty_value=None)

    def __init__(self, *args, office, meeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["responsible"].queryset = User.objects.filter(memberships__office=office).order_by("full_name")
        self.fields["agenda_item"].choices = [("", "—")] + [
            (item.pk, item.title) for item in meeting.agenda_items.all()
        ]
        self.meeting = meeting

    def clean_due_date(self):
        due = self.cleaned_data["due_date"]
        if due < self.meeting.starts_at.date():
            raise forms.ValidationError(_("The date can't be before the entry's date."))
        return due


def _office(meeting, access):
    return meeting.series.office if meeting.series.office_id else access.office


def followup_context(request, meeting, access, form=None):
    if access is None:
        return None
    office = _office(meeting, access)
    entries = Entry.objects.select_related("office", "heading", "author").prefetch_related(
        Prefetch("responsible", queryset=User.objects.order_by("full_name"))
    )
    open_agreements = (
        entries.open_agreements()
        .filter(office=office, meeting__series=meeting.series, meeting__starts_at__lt=meeting.starts_at)
        .order_by("due_date")
    )
    recorded = entries.filter(office=office, meeting=meeting).order_by("pk")
    can_edit = access.role in LEADING_ROLES
    return {
        "meeting": meeting,
        "office": office,
        "access": access,
        "open_agreements": open_agreements,
        "recorded": recorded,
        "status_choices": AgreementStatus.choices,
        "quick_form": (form or QuickAgreementForm(office=office, meeting=meeting, prefix="agreement"))
        if can_edit
        else None,
        "next": meeting.get_absolute_url(),
    }
