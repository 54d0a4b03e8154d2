from django.db.models import Exists, OuterRef
from django.utils import timezone

from .models import Reflection, Visit


def my_visits_context(request):
    """My page: my next visits and how many reflections I owe (two queries)."""
    now = timezone.now()
    mine = Visit.objects.active().involving(request.user)
    coming = list(mine.filter(during__startswith__gte=now).select_related("host", "visitor").order_by("during")[:5])
    due_count = (
        mine.filter(during__endswith__lte=now)
        .exclude(Exists(Reflection.objects.filter(visit=OuterRef("pk"), author=request.user)))
        .count()
    )
    return {"coming": coming, "due_count": due_count, "user": request.user}
