from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from logbook.attachments import AttachmentForm
from meetings.forms import MeetingTimeForm
from meetings.models import AgendaItem, AgendaItemKind
from slf.limits import VisibleLimitsMixin

from .models import MAX_CAPACITY


def _capacity_field():
    return forms.IntegerField(
        label=_("Places"),
        min_value=1,
        max_value=MAX_CAPACITY,
        initial=50,
        help_text=_("How many can take part; the rest go on the waiting list."),
    )


class CafeMeetingCreateForm(MeetingTimeForm):
    """When and where, and how many places."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, with_title=True, future_only=True, **kwargs)
        self.fields["title"].required = True
        self.fields["capacity"] = _capacity_field()


class CafeMeetingUpdateForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=150)
    location = forms.CharField(label=_("Location"), max_length=200, required=False)
    capacity = _capacity_field()


class PresentationForm(VisibleLimitsMixin, forms.ModelForm):
    """A presentation on the café meeting's programme: an agenda item with its presenter (from anywhere)."""

    class Meta:
        model = AgendaItem
        fields = ["title", "presenter", "duration_minutes", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, meeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.meeting = meeting
        self.fields["presenter"].queryset = (
            User.objects.filter(is_active=True, memberships__isnull=False).distinct().order_by("full_name")
        )
        self.fields["presenter"].label_from_instance = lambda user: user.full_name or user.email

    def clean_duration_minutes(self):
        minutes = self.cleaned_data["duration_minutes"]
        limit = self.meeting.duration_minutes
        if not 1 <= minutes <= limit:
            raise forms.ValidationError(_("Choose between 1 and %(limit)s minutes.") % {"limit": limit})
        return minutes

    def save(self, commit=True):
        item = super().save(commit=False)
        item.meeting = self.meeting
        item.kind = AgendaItemKind.TALK
        item.position = self.meeting.next_agenda_position()
        if commit:
            item.save()
        return item


class MaterialForm(AttachmentForm):
    """A file (the attachments' checks: type by name and content, size) or a link, for the meeting or one of
    its presentations."""

    title = forms.CharField(label=_("Title"), max_length=200)
    agenda_item = forms.ModelChoiceField(
        label=_("Presentation"), queryset=AgendaItem.objects.none(), required=False, empty_label=_("The whole meeting")
    )
    url = forms.URLField(label=_("Link"), max_length=500, required=False, assume_scheme="https")
    field_order = ["title", "agenda_item", "file", "url"]

    def __init__(self, *args, meeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].required = False
        self.fields["file"].help_text = _("PDF, PowerPoint, Word, Excel, CSV, text or an image. Or give a link.")
        self.fields["agenda_item"].queryset = AgendaItem.objects.filter(meeting=meeting)

    def clean_file(self):
        if not self.cleaned_data.get("file"):
            return None
        return super().clean_file()

    def clean(self):
        data = super().clean()
        has_file, has_link = bool(data.get("file")), bool(data.get("url"))
        if not self.errors and has_file == has_link:
            raise forms.ValidationError(_("Upload a file or give a link (one of them)."))
        return data


class AttendanceForm(forms.Form):
    """One choice per registered person: came, did not come, not recorded."""

    CHOICES = [("", _("not recorded")), ("yes", _("came")), ("no", _("did not come"))]

    def __init__(self, *args, registrations, **kwargs):
        super().__init__(*args, **kwargs)
        self.registrations = registrations
        for registration in registrations:
            initial = {True: "yes", False: "no"}.get(registration.attended, "")
            self.fields[f"r{registration.pk}"] = forms.ChoiceField(
                label=registration.person.full_name,
                choices=self.CHOICES,
                required=False,
                initial=initial,
                widget=forms.RadioSelect,
            )

    def came(self) -> dict[int, bool | None]:
        values = {"yes": True, "no": False, "": None}
        return {r.pk: values[self.cleaned_data.get(f"r{r.pk}", "")] for r in self.registrations}

    def rows(self):
        return [(registration, self[f"r{registration.pk}"]) for registration in self.registrations]
