from django import forms
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _

from .models import Term


class TermForm(forms.ModelForm):
    class Meta:
        model = Term
        fields = ["term", "explanation", "example", "related", "owner", "public"]
        widgets = {
            "explanation": forms.Textarea(attrs={"rows": 4}),
            "example": forms.Textarea(attrs={"rows": 2}),
            "related": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, administration, owners, **kwargs):
        super().__init__(*args, **kwargs)
        self.administration = administration
        others = Term.objects.filter(administration=administration)
        if self.instance.pk:
            others = others.exclude(pk=self.instance.pk)
        self.fields["related"].queryset = others
        self.fields["owner"].queryset = owners
        self.fields["owner"].required = True
        self.fields["owner"].empty_label = None
        self.fields["term"].error_messages["required"] = _("Write the term.")
        self.fields["explanation"].error_messages["required"] = _("Explain the term in plain language.")

    def clean_term(self):
        term = " ".join(self.cleaned_data["term"].split())
        if not term:
            raise forms.ValidationError(_("Write the term."))
        duplicates = Term.objects.filter(administration=self.administration).annotate(lower=Lower("term"))
        if self.instance.pk:
            duplicates = duplicates.exclude(pk=self.instance.pk)
        if duplicates.filter(lower=term.lower()).exists():
            raise forms.ValidationError(_("“%(term)s” is already in the glossary.") % {"term": term})
        return term

    def clean_explanation(self):
        explanation = self.cleaned_data["explanation"].strip()
        if not explanation:
            raise forms.ValidationError(_("Explain the term in plain language."))
        return explanation

    def save(self, commit=True):
        self.instance.administration = self.administration
        return super().save(commit)
