from django.contrib import admin

from .models import Clarification, Cohort, CompetenceArea, Cover, Enrolment, Offer, Substitute


@admin.register(CompetenceArea)
class CompetenceAreaAdmin(admin.ModelAdmin):
    list_display = ["name", "programme", "position", "competence"]
    list_filter = ["programme"]
    search_fields = ["name"]


class CohortInline(admin.TabularInline):
    model = Cohort
    extra = 0


@admin.register(Offer)
class OfferAdmin(admin.ModelAdmin):
    list_display = ["title", "programme", "provider", "kind", "ects", "weeks"]
    list_filter = ["programme", "kind"]
    search_fields = ["title", "provider"]
    filter_horizontal = ["areas"]
    inlines = [CohortInline]


@admin.register(Clarification)
class ClarificationAdmin(admin.ModelAdmin):
    list_display = ["participant", "status", "leader", "dialogue_on"]
    list_filter = ["status", "participant__programme"]
    search_fields = ["participant__person__full_name"]
    raw_id_fields = ["participant", "leader", "dialogue_by"]


@admin.register(Enrolment)
class EnrolmentAdmin(admin.ModelAdmin):
    list_display = ["participant", "cohort", "status", "created_at"]
    list_filter = ["status", "cohort"]
    raw_id_fields = ["participant"]


class CoverInline(admin.TabularInline):
    model = Cover
    extra = 0
    raw_id_fields = ["participant"]


@admin.register(Substitute)
class SubstituteAdmin(admin.ModelAdmin):
    list_display = ["name", "programme", "employed_on", "employed_at"]
    list_filter = ["programme"]
    search_fields = ["name"]
    raw_id_fields = ["person"]
    inlines = [CoverInline]
