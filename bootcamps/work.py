"""The groups' work as the group page (bootcamps/views.py ``group_detail``) takes it: ``group_context(request, access,
group)`` is the context of ``bootcamps/_group_work.html`` (see bootcamps/work_views.py)."""

from .work_views import group_work_context as group_context

__all__ = ["group_context"]
