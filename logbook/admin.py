from django.contrib import admin

from .models import CirclePhase, CircleStep, Entry, LearningCircle, PhaseCard


@admin.register(Entry)
class EntryAdmin(admin.ModelAdmin):
    list_display = ["title", "office", "kind", "date", "status", "due_date"]
    list_filter = ["kind", "status", "office"]
    search_fields = ["title", "text"]
    date_hierarchy = "date"
    list_select_related = ["office"]
    autocomplete_fields = ["responsible"]
    raw_id_fields = ["meeting", "agenda_item"]
    exclude = ["search"]


@admin.register(CirclePhase)
class CirclePhaseAdmin(admin.ModelAdmin):
    list_display = ["office", "position", "name", "question"]
    list_filter = ["office"]


class CircleStepInline(admin.TabularInline):
    model = CircleStep
    extra = 0
    readonly_fields = ["kind", "from_phase", "to_phase", "loop", "reason", "author", "created_at"]

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(LearningCircle)
class LearningCircleAdmin(admin.ModelAdmin):
    list_display = ["title", "office", "phase", "loop", "status"]
    list_filter = ["status", "office"]
    search_fields = ["title", "challenge"]
    inlines = [CircleStepInline]


@admin.register(PhaseCard)
class PhaseCardAdmin(admin.ModelAdmin):
    list_display = ["circle", "phase", "loop", "version", "updated_at"]
