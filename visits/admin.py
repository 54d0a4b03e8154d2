from django.contrib import admin

from .models import AvailabilityException, AvailabilityWindow, Reflection, Visit, VisitProfile, VisitSettings


@admin.register(VisitSettings)
class VisitSettingsAdmin(admin.ModelAdmin):
    list_display = ["office", "length_minutes", "min_notice_minutes", "horizon_days", "monthly_cap"]


@admin.register(VisitProfile)
class VisitProfileAdmin(admin.ModelAdmin):
    list_display = ["person", "allow_cross_office", "about"]
    search_fields = ["person__full_name", "person__email"]
    autocomplete_fields = ["person"]


@admin.register(AvailabilityWindow)
class AvailabilityWindowAdmin(admin.ModelAdmin):
    list_display = ["person", "weekday", "start", "end"]
    list_filter = ["weekday"]
    search_fields = ["person__full_name"]
    autocomplete_fields = ["person"]


@admin.register(AvailabilityException)
class AvailabilityExceptionAdmin(admin.ModelAdmin):
    list_display = ["person", "date", "kind", "start", "end"]
    list_filter = ["kind"]
    search_fields = ["person__full_name"]
    autocomplete_fields = ["person"]


class ReflectionInline(admin.StackedInline):
    model = Reflection
    extra = 0


@admin.register(Visit)
class VisitAdmin(admin.ModelAdmin):
    list_display = ["during", "visitor", "host", "office", "status"]
    list_filter = ["status", "office"]
    search_fields = ["host__full_name", "visitor__full_name", "topic"]
    list_select_related = ["host", "visitor", "office"]
    readonly_fields = ["uid", "sequence"]
    inlines = [ReflectionInline]

    def has_add_permission(self, request):
        return False  # bookings go through the booking rules
