from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from offices.models import Membership
from slf.forms import SaneDateField

from .models import AccessPage


class PersonChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.full_name} ({obj.email})"


class LeavingForm(forms.Form):
    """A person leaves the office: their open work goes to a colleague. Both chosen among the office's members."""

    person = PersonChoiceField(queryset=None, label=_("Who is leaving"))
    successor = PersonChoiceField(
        queryset=None,
        label=_("Hand their open work to"),
        help_text=_(
            "Open agreements, open learning circles, unanswered questions, case procedures, templates, open "
            "initiatives, programme leads and competence dialogues."
        ),
    )

    def __init__(self, *args, office, by, **kwargs):
        super().__init__(*args, **kwargs)
        User = get_user_model()
        members = User.objects.filter(
            pk__in=Membership.objects.filter(office=office).values("person"), is_active=True
        ).order_by("full_name", "pk")
        self.fields["person"].queryset = members.exclude(pk=by.pk)
        self.fields["successor"].queryset = members

    def clean(self):
        data = super().clean()
        if data.get("person") and data.get("person") == data.get("successor"):
            self.add_error("successor", _("Choose a colleague who stays, not the person who leaves."))
        return data


class PersonSearchForm(forms.Form):
    q = forms.CharField(label=_("Name or e-mail address"), max_length=100, required=False)


class AccessLogFilterForm(forms.Form):
    person = forms.CharField(label=_("About (name or e-mail)"), max_length=100, required=False)
    viewer = forms.CharField(label=_("Opened by (name or e-mail)"), max_length=100, required=False)
    kind = forms.ChoiceField(label=_("Page"), choices=[("", _("All pages")), *AccessPage.choices], required=False)
    date_from = SaneDateField(label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    date_to = SaneDateField(label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
