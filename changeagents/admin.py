from django.contrib import admin

from .models import Project, ProjectPresentation, SparringNote, SparringRhythm


class SparringNoteInline(admin.TabularInline):
    model = SparringNote
    extra = 0
    fields = ["held_on", "status", "discussed", "next_step", "written_by"]
    raw_id_fields = ["written_by"]


@admin.register(Project)
class ProjectAdmin(admin.ModelAdmin):
    list_display = ["title", "programme", "agent", "status", "started_on"]
    list_filter = ["programme", "status"]
    search_fields = ["title"]
    raw_id_fields = ["agent", "created_by"]
    inlines = [SparringNoteInline]


@admin.register(SparringRhythm)
class SparringRhythmAdmin(admin.ModelAdmin):
    list_display = ["participant", "first_on", "at"]
    raw_id_fields = ["participant"]


@admin.register(ProjectPresentation)
class ProjectPresentationAdmin(admin.ModelAdmin):
    list_display = ["project", "agenda_item", "created_at"]
    raw_id_fields = ["project", "agenda_item", "added_by"]
