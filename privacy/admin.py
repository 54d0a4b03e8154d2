from django.contrib import admin

from .models import AccessLogEntry, Departure, RetentionRule


@admin.register(RetentionRule)
class RetentionRuleAdmin(admin.ModelAdmin):
    """An administration's own retention rule for one kind of record (the settings' RETENTION otherwise)."""

    list_display = ["administration", "kind", "action", "days"]
    list_filter = ["administration", "kind", "action"]


@admin.register(AccessLogEntry)
class AccessLogEntryAdmin(admin.ModelAdmin):
    list_display = ["at", "viewer", "person", "page", "path"]
    list_filter = ["page"]
    search_fields = ["person__full_name", "person__email", "viewer__full_name", "viewer__email"]
    list_select_related = ["viewer", "person"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Departure)
class DepartureAdmin(admin.ModelAdmin):
    list_display = ["person", "office", "successor", "ended_at", "anonymise_after", "anonymised_at"]
    list_select_related = ["person", "office", "successor"]
    readonly_fields = ["person", "office", "successor", "ended_by", "ended_at", "handed_over", "anonymised_at"]

    def has_add_permission(self, request):
        return False
