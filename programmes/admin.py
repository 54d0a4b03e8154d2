from django.contrib import admin

from .models import Group, GroupMember, Initiative, InitiativeStep, Participant, Programme, Theme


class ThemeInline(admin.TabularInline):
    model = Theme
    extra = 0
    fields = ["position", "name", "description"]


@admin.register(Programme)
class ProgrammeAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "owner_office", "is_open", "starts_on", "ends_on"]
    list_filter = ["kind", "is_open", "owner_office"]
    search_fields = ["name", "slug", "description"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["owner_office", "leads"]
    list_select_related = ["owner_office"]
    inlines = [ThemeInline]


@admin.register(Participant)
class ParticipantAdmin(admin.ModelAdmin):
    list_display = ["person", "programme", "office", "unit", "level", "joined_on"]
    list_filter = ["programme", "level", "office"]
    search_fields = ["person__full_name", "person__email", "programme__name"]
    autocomplete_fields = ["programme", "person", "office"]
    raw_id_fields = ["unit"]
    list_select_related = ["person", "programme", "office", "unit"]


@admin.register(Theme)
class ThemeAdmin(admin.ModelAdmin):
    list_display = ["name", "programme", "position"]
    list_filter = ["programme"]
    search_fields = ["name", "description", "programme__name"]
    autocomplete_fields = ["programme"]
    list_select_related = ["programme"]


class GroupMemberInline(admin.TabularInline):
    model = GroupMember
    extra = 0
    autocomplete_fields = ["participant"]


@admin.register(Group)
class GroupAdmin(admin.ModelAdmin):
    list_display = ["name", "programme", "theme"]
    list_filter = ["programme"]
    search_fields = ["name", "problem", "programme__name"]
    autocomplete_fields = ["programme", "theme"]
    list_select_related = ["programme", "theme"]
    inlines = [GroupMemberInline]


class InitiativeStepInline(admin.TabularInline):
    model = InitiativeStep
    extra = 0
    raw_id_fields = ["agreement"]


@admin.register(Initiative)
class InitiativeAdmin(admin.ModelAdmin):
    list_display = ["title", "programme", "status", "owner", "office", "theme", "group"]
    list_filter = ["status", "programme", "office"]
    search_fields = ["title", "goal", "owner__full_name", "programme__name"]
    autocomplete_fields = ["programme", "office", "theme", "group", "owner", "created_by"]
    raw_id_fields = ["measure"]
    list_select_related = ["programme", "owner", "office", "theme", "group"]
    readonly_fields = ["version", "created_at", "updated_at"]
    inlines = [InitiativeStepInline]
