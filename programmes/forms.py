from django import forms
from django.core.validators import MaxValueValidator
from django.db.models import Max, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from logbook.forms import EntryForm
from logbook.models import EntryKind, Measure
from offices.access import visible_offices
from offices.models import LEADING_ROLES, Membership, Office, Unit
from slf.conflicts import VersionedFormMixin
from slf.forms import save_unique
from slf.widgets import FastSelect

from .models import Initiative, InitiativeStatus, Participant, Theme


def programme_people(programme):
    """The people an initiative's owner is chosen among: the programme's participants and its leads (named
    leads, the leading people of the owner office, the heads of its administration)."""
    return (
        User.objects.filter(
            Q(programme_places__programme=programme)
            | Q(led_programmes=programme)
            | Q(memberships__office=programme.owner_office_id, memberships__role__in=LEADING_ROLES)
            | Q(administration_roles__administration=programme.owner_office.administration_id)
        )
        .distinct()
        .order_by("full_name")
    )


def initiative_offices(programme):
    """The offices whose logbook may keep an initiative's next steps: the owner office and the participants'."""
    participant_offices = Participant.objects.filter(programme=programme, office__isnull=False).values("office")
    return Office.objects.filter(Q(pk=programme.owner_office_id) | Q(pk__in=participant_offices)).order_by("name")


def default_office(programme, *people):
    """The office an initiative's next steps go to when none is chosen: the first of ``people``'s offices (the
    owner's, then the creator's) where they lead, else the programme's owner office."""
    offices = initiative_offices(programme)
    for person in people:
        if person is None:
            continue
        led = (
            Membership.objects.filter(person=person, role__in=LEADING_ROLES, office__in=offices)
            .select_related("office")
            .order_by("office__name")
            .first()
        )
        if led is not None:
            return led.office
    return programme.owner_office


class InitiativeForm(VersionedFormMixin, forms.ModelForm):
    """A new initiative or an edit of one. ``groups`` limits the groups (a group member creates for their own
    group); an empty office means the default (``default_office``)."""

    class Meta:
        model = Initiative
        fields = ["title", "goal", "theme", "group", "owner", "office"]
        widgets = {"goal": forms.Textarea(attrs={"rows": 5}), "owner": FastSelect, "office": FastSelect}

    def __init__(self, *args, programme, by, groups=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.programme, self.by = programme, by
        self.fields["theme"].queryset = programme.themes.all()
        self.fields["group"].queryset = groups if groups is not None else programme.groups.all()
        if groups is not None:
            self.fields["group"].required = True
            self.fields["group"].empty_label = None
        self.fields["owner"].queryset = programme_people(programme)
        self.fields["owner"].label_from_instance = lambda person: person.full_name
        self.fields["office"].queryset = initiative_offices(programme)
        self.fields["office"].required = False
        self.fields["office"].empty_label = _("Automatic: the owner's office where they lead, else the owner office")
        self.fields["office"].help_text = _("The office whose logbook keeps the next steps (as agreements).")

    def clean_title(self):
        title = " ".join(self.cleaned_data["title"].split())
        if not title:
            raise forms.ValidationError(_("Give the initiative a title."))
        return title

    def clean(self):
        data = super().clean()
        if not data.get("office") and "office" not in self.errors:
            data["office"] = default_office(self.programme, data.get("owner"), self.by)
        office = data.get("office")
        if self.instance.pk and office and office.pk != self.instance.office_id and self.instance.steps.exists():
            self.add_error("office", _("The next steps are kept in the office's logbook: the office can't change."))
        return data

    def save(self, commit=True):
        initiative = super().save(commit=False)
        initiative.programme = self.programme
        initiative.office = self.cleaned_data["office"]
        if not initiative.pk:
            initiative.created_by = self.by
        if commit:
            initiative.save()
        return initiative


class InitiativeStatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=InitiativeStatus.choices)


class InitiativeFilterForm(forms.Form):
    """The initiative list's filters; ids through form fields scoped to the programme."""

    theme = forms.ModelChoiceField(label=_("Theme"), queryset=None, required=False, empty_label=_("All themes"))
    group = forms.ModelChoiceField(label=_("Group"), queryset=None, required=False, empty_label=_("All groups"))
    status = forms.ChoiceField(label=_("Status"), required=False)
    owner = forms.ModelChoiceField(
        label=_("Owner"), queryset=None, required=False, empty_label=_("Everybody"), widget=FastSelect
    )

    def __init__(self, *args, programme, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["theme"].queryset = programme.themes.all()
        self.fields["group"].queryset = programme.groups.all()
        self.fields["status"].choices = [("", _("All statuses")), *InitiativeStatus.choices]
        self.fields["owner"].queryset = User.objects.filter(owned_initiatives__programme=programme).distinct()
        self.fields["owner"].label_from_instance = lambda person: person.full_name

    def filter(self, queryset):
        if not self.is_valid():
            return queryset
        data = self.cleaned_data
        for name in ("theme", "group", "owner"):
            if data.get(name):
                queryset = queryset.filter(**{name: data[name]})
        if data.get("status"):
            queryset = queryset.filter(status=data["status"])
        return queryset


class StepForm(EntryForm):
    """A next step of an initiative: the logbook's agreement form, kind fixed to agreement, in the initiative's
    office. Responsible people are chosen among the office's members and the programme's people; someone
    outside the office is refused with a message naming them (they could not see the agreement)."""

    #: The agreement form's fields a next step does not ask for (the view sets them).
    fixed = ("kind", "heading", "date", "status")

    def __init__(self, *args, initiative, **kwargs):
        super().__init__(*args, office=initiative.office, **kwargs)
        for name in self.fixed:
            del self.fields[name]
        self.initiative = initiative
        office = initiative.office
        self.fields["responsible"].queryset = (
            User.objects.filter(Q(memberships__office=office) | Q(pk__in=programme_people(initiative.programme)))
            .distinct()
            .order_by("full_name")
        )
        self.fields["responsible"].label_from_instance = lambda person: person.full_name
        self.fields["responsible"].help_text = _("Members of %(office)s: the agreement is kept in its logbook.") % {
            "office": office.name
        }
        self.fields["text"].required = False
        follow_up = _("It comes back in that meeting's Follow-up, whatever its due date.")
        self.fields["follow_up_meeting"].help_text = follow_up

    def clean(self):
        self.cleaned_data["kind"] = EntryKind.AGREEMENT
        self.cleaned_data["date"] = timezone.localdate()
        self.cleaned_data["status"] = ""
        self.cleaned_data["heading"] = None
        responsible = self.cleaned_data.get("responsible") or []
        members = set(
            Membership.objects.filter(office=self.office, person__in=responsible).values_list("person_id", flat=True)
        )
        outsiders = [person for person in responsible if person.pk not in members]
        data = super().clean()
        for name in self.fixed:  # decided by the view, not by what was posted
            data.pop(name, None)
        if outsiders:
            self.errors.pop("responsible", None)
            self.add_error(
                "responsible",
                _(
                    "%(names)s can't be responsible: only members of %(office)s see its logbook's agreements. "
                    "Choose a member, or keep the initiative's next steps in another office."
                )
                % {"names": ", ".join(p.full_name for p in outsiders), "office": self.office.name},
            )
        return data


def _strongest_membership(person):
    memberships = Membership.objects.filter(person=person).select_related("office")
    return max(memberships, key=lambda m: (m.rank, -m.pk), default=None)


class ParticipantForm(forms.ModelForm):
    """A new participant: a person with a place in the organisation; the office defaults to their strongest
    membership; the unit (optional) must be one of that office's."""

    class Meta:
        model = Participant
        fields = ["person", "office", "unit", "level"]
        widgets = {"person": FastSelect, "office": FastSelect, "unit": FastSelect}

    def __init__(self, *args, programme, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.programme = programme
        taking_part = Participant.objects.filter(programme=programme).values("person")
        self.fields["person"].queryset = (
            User.objects.filter(is_active=True, memberships__isnull=False)
            .exclude(pk__in=taking_part)
            .distinct()
            .order_by("full_name")
        )
        self.fields["person"].label_from_instance = lambda person: person.full_name
        self.fields["office"].queryset = Office.objects.order_by("name")
        self.fields["office"].empty_label = _("Their strongest membership")
        self.fields["office"].help_text = _("Where they stand in the programme; empty: their strongest membership.")
        # The units of the offices the lead sees (an office's units are its own business), and those in use here.
        used = Participant.objects.filter(programme=programme, unit__isnull=False).values("unit")
        self.fields["unit"].queryset = (
            Unit.objects.filter(Q(office__in=visible_offices(user)) | Q(pk__in=used))
            .select_related("office")
            .distinct()
            .order_by("office__name", "name")
        )
        self.fields["unit"].label_from_instance = lambda unit: f"{unit.name} · {unit.office.name}"

    def clean(self):
        data = super().clean()
        person = data.get("person")
        if person is not None and not data.get("office") and "office" not in self.errors:
            membership = _strongest_membership(person)
            data["office"] = membership.office if membership else None
        unit, office = data.get("unit"), data.get("office")
        if unit is not None and unit.office_id != getattr(office, "pk", None):
            self.add_error("unit", _("The unit must belong to the participant's office."))
        return data

    def save(self, commit=True):
        participant = super().save(commit=False)
        participant.programme = self.programme
        participant.office = self.cleaned_data.get("office")
        if commit:
            participant.save()
        return participant

    def validate_unique(self):
        """The programme is not a form field: check "once per programme" here (the constraint guards the race)."""
        super().validate_unique()
        person = self.cleaned_data.get("person")
        if person and Participant.objects.filter(programme=self.programme, person=person).exists():
            self.add_error("person", _("This person already takes part."))


class LeadForm(forms.Form):
    person = forms.ModelChoiceField(label=_("Person"), queryset=None, widget=FastSelect)

    def __init__(self, *args, programme, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = (
            User.objects.filter(is_active=True, memberships__isnull=False)
            .exclude(led_programmes=programme)
            .distinct()
            .order_by("full_name")
        )
        self.fields["person"].label_from_instance = lambda person: person.full_name


class ThemeForm(forms.ModelForm):
    class Meta:
        model = Theme
        fields = ["name", "description", "position"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}
        help_texts = {"position": _("Themes are shown in this order (lowest first).")}

    def __init__(self, *args, programme, **kwargs):
        super().__init__(*args, **kwargs)
        self.programme = programme
        self.fields["position"].widget.attrs["max"] = 1000
        self.fields["position"].validators.append(MaxValueValidator(1000))
        if not self.instance.pk:
            self.initial.setdefault("position", (programme.themes.aggregate(m=Max("position"))["m"] or 0) + 1)

    def clean_name(self):
        name = " ".join(self.cleaned_data["name"].split())
        if not name:
            raise forms.ValidationError(_("Give the theme a name."))
        clash = Theme.objects.filter(programme=self.programme, name__iexact=name).exclude(pk=self.instance.pk)
        if clash.exists():
            raise forms.ValidationError(_("The programme already has a theme with this name."))
        return name

    def save(self, commit=True):
        theme = super().save(commit=False)
        theme.programme = self.programme
        if commit:
            save_unique(self, theme.save, field="name")
        return theme


class MeasureLinkForm(forms.Form):
    measure = forms.ModelChoiceField(label=_("Measure"), queryset=None, required=False, empty_label=_("No measure"))

    def __init__(self, *args, initiative, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["measure"].queryset = (
            Measure.objects.filter(circle__office=initiative.office).select_related("circle").order_by("circle__title")
        )
        self.fields["measure"].label_from_instance = lambda m: f"{m.name} · {m.circle.title}"
        self.initial["measure"] = initiative.measure_id
        self.fields["measure"].help_text = _("A measure of a learning circle in %(office)s.") % {
            "office": initiative.office.name
        }
