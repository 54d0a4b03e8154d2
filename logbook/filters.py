import django_filters
from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank
from django.db.models import F
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from slf.forms import SaneDateValidator
from slf.widgets import FastSelect

from .models import AgreementStatus, Entry, EntryKind

#: Markers PostgreSQL puts around matches; the template escapes the text, then turns them into <mark>.
MARK_START, MARK_STOP = "\u2063[[", "]]\u2063"


class EntryFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="search")
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=EntryKind.choices)
    heading = django_filters.ModelChoiceFilter(label=_("Heading"), queryset=None)
    status = django_filters.ChoiceFilter(label=_("Status"), choices=AgreementStatus.choices)
    responsible = django_filters.ModelChoiceFilter(label=_("Responsible"), queryset=None, widget=FastSelect)
    date_from = django_filters.DateFilter(label=_("From"), field_name="date", lookup_expr="gte")
    date_to = django_filters.DateFilter(label=_("To"), field_name="date", lookup_expr="lte")

    class Meta:
        model = Entry
        fields = ["q", "kind", "heading", "status", "responsible", "date_from", "date_to"]

    def __init__(self, *args, office, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["heading"].queryset = office.headings.all()
        self.filters["responsible"].queryset = User.objects.filter(memberships__office=office).order_by("full_name")
        for name in ("date_from", "date_to"):
            self.form.fields[name].widget.input_type = "date"
            # A filter date outside the years the logbook can hold is refused next to the field (and ignored).
            self.form.fields[name].validators.append(SaneDateValidator(years_back=25, years_ahead=10))

    def search(self, queryset, name, value):
        value = value.strip()[:200]
        if not value:
            return queryset
        query = SearchQuery(value, config="danish", search_type="websearch")
        return (
            queryset.filter(search=query)
            .annotate(
                rank=SearchRank(F("search"), query),
                snippet=SearchHeadline(
                    "text",
                    query,
                    config="danish",
                    start_sel=MARK_START,
                    stop_sel=MARK_STOP,
                    max_words=30,
                    min_words=10,
                ),
            )
            .order_by("-rank", "-date", "-pk")
        )
