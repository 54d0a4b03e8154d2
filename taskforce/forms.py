from django import forms
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from knowledge.directory import people_in
from knowledge.models import Question
from meetings.models import AttendanceStatus, MeetingKind, MeetingSeries
from offices.models import Unit, UnitContact
from slf.forms import SaneDatesMixin
from slf.widgets import FastSelect

from .models import InitiativeUnits, TaskForce


class UnitForm(forms.ModelForm):
    class Meta:
        model = Unit
        fields = ["name", "kind", "address", "is_active"]

    def __init__(self, *args, office, **kwargs):
        super().__init__(*args, **kwargs)
        self.office = office

    def clean_name(self):
        name = " ".join(self.cleaned_data["name"].split())
        if not name:
            raise forms.ValidationError(_("Write the unit's name."))
        taken = Unit.objects.filter(office=self.office).annotate(lower=Lower("name")).filter(lower=name.lower())
        if self.instance.pk:
            taken = taken.exclude(pk=self.instance.pk)
        if taken.exists():
            raise forms.ValidationError(_("The office already has a unit of that name."))
        return name


class ContactForm(forms.ModelForm):
    class Meta:
        model = UnitContact
        fields = ["name", "title", "email", "phone"]

    def clean_name(self):
        name = " ".join(self.cleaned_data["name"].split())
        if not name:
            raise forms.ValidationError(_("Write the contact's name."))
        return name

    def clean_phone(self):
        phone = self.cleaned_data["phone"].strip()
        if phone and not all(char.isdigit() or char in " +-()" for char in phone):
            raise forms.ValidationError(_("Write the phone number with digits (and + or spaces)."))
        return phone


class TaskForm(SaneDatesMixin, forms.ModelForm):
    """A task an administrative leader brought up at the meeting: it becomes the office's question."""

    assignee = forms.ModelChoiceField(
        label=_("Give it to"),
        queryset=None,
        required=False,
        widget=FastSelect,
        help_text=_("Leave empty to give it to the colleague whose competences match it best."),
    )

    class Meta:
        model = Question
        fields = ["from_unit", "contact", "title", "description", "urgency", "due_date"]
        labels = {"from_unit": _("Unit"), "contact": _("Brought up by"), "title": _("The task in one line")}
        widgets = {
            "description": forms.Textarea(attrs={"rows": 3}),
            "due_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }

    def __init__(self, *args, office, units=None, **kwargs):
        """``units``: the office's active units with their ``contact_list`` (meeting_section.form_units), so the two
        lists are shown from one query; posted values are still checked against the office's units and contacts."""
        super().__init__(*args, **kwargs)
        self.fields["from_unit"].required = True
        self.fields["from_unit"].queryset = Unit.objects.filter(office=office, is_active=True).order_by("name")
        self.fields["from_unit"].error_messages["invalid_choice"] = _("Choose one of the office's units.")
        self.fields["contact"].queryset = UnitContact.objects.filter(unit__office=office).select_related("unit")
        self.fields["contact"].label_from_instance = lambda contact: f"{contact.name} ({contact.unit.name})"
        self.fields["contact"].error_messages["invalid_choice"] = _("Choose a contact of the office's units.")
        self.fields["assignee"].queryset = people_in(office.administration).order_by("full_name")
        self.fields["assignee"].error_messages["invalid_choice"] = _("Choose someone in the administration.")
        if units is not None:
            empty = [("", "---------")]
            self.fields["from_unit"].choices = empty + [(unit.pk, unit.name) for unit in units]
            self.fields["contact"].choices = empty + [
                (contact["pk"], f"{contact['name']} ({unit.name})") for unit in units for contact in unit.contact_list
            ]

    def clean_due_date(self):
        due = self.cleaned_data.get("due_date")
        if due and due < timezone.localdate():
            raise forms.ValidationError(_("The date has passed."))
        return due

    def clean(self):
        cleaned = super().clean()
        unit, contact = cleaned.get("from_unit"), cleaned.get("contact")
        if unit and contact and contact.unit_id != unit.pk:
            self.add_error("contact", _("The contact is not at that unit."))
        return cleaned


class GuestAttendanceForm(forms.Form):
    """One choice per invited guest: present, absent or excused (or not recorded)."""

    def __init__(self, *args, guests, **kwargs):
        super().__init__(*args, **kwargs)
        self.guests = guests
        choices = [("", _("not recorded")), *AttendanceStatus.choices]
        for guest in guests:
            self.fields[f"guest_{guest.contact.pk}"] = forms.ChoiceField(
                label=f"{guest.contact.name} ({guest.contact.unit.name})",
                choices=choices,
                required=False,
                initial=guest.status,
            )

    def statuses(self):
        """``{contact: status}`` for every guest."""
        return {guest.contact: self.cleaned_data.get(f"guest_{guest.contact.pk}", "") for guest in self.guests}


class TaskForceSettingsForm(forms.ModelForm):
    class Meta:
        model = TaskForce
        fields = ["series", "guests"]
        widgets = {"guests": forms.CheckboxSelectMultiple}

    def __init__(self, *args, office, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["series"].queryset = MeetingSeries.objects.filter(office=office, kind=MeetingKind.UNITS).order_by(
            "title"
        )
        self.fields["series"].error_messages["invalid_choice"] = _("Choose a meeting series of the office.")
        self.fields["guests"].queryset = (
            UnitContact.objects.filter(unit__office=office, unit__is_active=True)
            .select_related("unit")
            .order_by("unit__name", "name")
        )
        self.fields["guests"].label_from_instance = lambda contact: (
            f"{contact.name}, {contact.title} ({contact.unit.name})"
            if contact.title
            else f"{contact.name} ({contact.unit.name})"
        )
        self.fields["guests"].error_messages["invalid_choice"] = _("Choose contacts of the office's units.")

    def clean_series(self):
        series = self.cleaned_data.get("series")
        if series is not None:
            other = TaskForce.objects.filter(series=series).exclude(pk=self.instance.pk).exists()
            if other:
                raise forms.ValidationError(_("That series is the monthly meeting of another task force."))
        return series


class InitiativeUnitsForm(forms.ModelForm):
    class Meta:
        model = InitiativeUnits
        fields = ["units"]
        widgets = {"units": forms.CheckboxSelectMultiple}

    def __init__(self, *args, office, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["units"].queryset = Unit.objects.filter(office=office, is_active=True).order_by("name")
        self.fields["units"].error_messages["invalid_choice"] = _("Choose units of the office.")
