import django_filters
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from slf.forms import SaneDateValidator
from slf.widgets import FastSelect

from .models import AgreementStatus, Entry, EntryKind
from .search import MARK_START, MARK_STOP, Search

__all__ = ["MARK_START", "MARK_STOP", "EntryFilter"]


class EntryFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="search")
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=EntryKind.choices, empty_label=_("All"))
    heading = django_filters.ModelChoiceFilter(label=_("Heading"), queryset=None, empty_label=_("All"))
    status = django_filters.ChoiceFilter(label=_("Status"), choices=AgreementStatus.choices, empty_label=_("All"))
    responsible = django_filters.ModelChoiceFilter(
        label=_("Responsible"), queryset=None, widget=FastSelect, empty_label=_("Everyone")
    )
    date_from = django_filters.DateFilter(label=_("From"), field_name="date", lookup_expr="gte")
    date_to = django_filters.DateFilter(label=_("To"), field_name="date", lookup_expr="lte")

    class Meta:
        model = Entry
        fields = ["q", "kind", "heading", "status", "responsible", "date_from", "date_to"]

    def __init__(self, *args, office, **kwargs):
        super().__init__(*args, **kwargs)
        #: How many a search found (at most ``search.RANKED``); None when not searching.
        self.found = None
        self.filters["heading"].queryset = office.headings.all()
        self.filters["responsible"].queryset = User.objects.filter(memberships__office=office).order_by("full_name")
        self.form.fields["q"].widget.input_type = "search"
        for name in ("date_from", "date_to"):
            self.form.fields[name].widget.input_type = "date"
            # A filter date outside the years the logbook can hold is refused next to the field (and ignored).
            self.form.fields[name].validators.append(SaneDateValidator(years_back=25, years_ahead=10))

    def search(self, queryset, name, value):
        """The search itself comes last, in ``filter_queryset``: it ranks what the other filters leave."""
        return queryset

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        value = " ".join((self.form.cleaned_data.get("q") or "").split())[:200]
        if not value:
            return queryset
        search = Search(value)
        queryset = search.apply(queryset)
        self.found = search.found
        return queryset
