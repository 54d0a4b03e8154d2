from django.utils.functional import SimpleLazyObject


def glossary(request):
    """``glossary_terms``: the (term, explanation) pairs of the person's administrations, fetched only if used."""

    def load():
        from offices.access import visible_administrations

        from .models import Term

        user = getattr(request, "user", None)
        if not user or not user.is_authenticated:
            return []
        mine = visible_administrations(user)
        return list(Term.objects.filter(administration__in=mine.values("pk")).values_list("term", "explanation"))

    return {"glossary_terms": SimpleLazyObject(load)}
