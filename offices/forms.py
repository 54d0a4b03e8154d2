from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Heading


class HeadingForm(forms.ModelForm):
    class Meta:
        model = Heading
        fields = ["name", "description", "position", "is_active"]

    def __init__(self, *args, office=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.office = office or getattr(self.instance, "office", None)

    def clean_name(self):
        name = " ".join(self.cleaned_data["name"].split())
        if not name:
            raise forms.ValidationError(_("Please give the heading a name."))
        clash = Heading.objects.filter(office=self.office, name__iexact=name).exclude(pk=self.instance.pk)
        if clash.exists():
            raise forms.ValidationError(_("The office already has a heading with this name."))
        return name
