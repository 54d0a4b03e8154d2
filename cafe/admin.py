from django.contrib import admin

from .models import CafeMeeting, CafeSeries, Material, Registration


@admin.register(CafeSeries)
class CafeSeriesAdmin(admin.ModelAdmin):
    list_display = ["programme", "series"]
    raw_id_fields = ["programme", "series"]


class RegistrationInline(admin.TabularInline):
    model = Registration
    raw_id_fields = ["person", "office"]
    extra = 0


@admin.register(CafeMeeting)
class CafeMeetingAdmin(admin.ModelAdmin):
    list_display = ["meeting", "programme", "capacity", "published_at"]
    list_filter = ["programme"]
    raw_id_fields = ["programme", "meeting"]
    inlines = [RegistrationInline]


@admin.register(Material)
class MaterialAdmin(admin.ModelAdmin):
    list_display = ["title", "cafe_meeting", "agenda_item", "uploaded_at"]
    raw_id_fields = ["cafe_meeting", "agenda_item", "uploaded_by"]
