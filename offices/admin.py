from django.contrib import admin

from accounts.admin import UserAdmin

from .models import Administration, AdministrationLeader, Heading, Membership, Office, Section


class PersonMembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["office", "section"]


class PersonHeadshipInline(admin.TabularInline):
    model = AdministrationLeader
    extra = 0


# A person's page in the admin shows their memberships and headships; accounts cannot import offices.
UserAdmin.inlines = [*UserAdmin.inlines, PersonMembershipInline, PersonHeadshipInline]


class OfficeInline(admin.TabularInline):
    model = Office
    extra = 0
    fields = ["name", "slug", "address"]
    show_change_link = True


class AdministrationLeaderInline(admin.TabularInline):
    model = AdministrationLeader
    extra = 0
    autocomplete_fields = ["person"]


@admin.register(Administration)
class AdministrationAdmin(admin.ModelAdmin):
    list_display = ["name", "municipality", "slug"]
    search_fields = ["name", "municipality"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [OfficeInline, AdministrationLeaderInline]


class SectionInline(admin.TabularInline):
    model = Section
    extra = 0


class HeadingInline(admin.TabularInline):
    model = Heading
    extra = 0


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["person", "section"]


@admin.register(Office)
class OfficeAdmin(admin.ModelAdmin):
    list_display = ["name", "administration", "address", "slug"]
    list_filter = ["administration"]
    search_fields = ["name", "address", "administration__name"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [SectionInline, HeadingInline, MembershipInline]


@admin.register(Section)
class SectionAdmin(admin.ModelAdmin):
    list_display = ["name", "office"]
    list_filter = ["office__administration", "office"]
    search_fields = ["name", "office__name"]
    list_select_related = ["office"]


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["person", "office", "section", "role", "title", "source"]
    list_filter = ["role", "source", "office__administration", "office"]
    search_fields = ["person__full_name", "person__email", "office__name", "section__name"]
    autocomplete_fields = ["person", "office", "section"]
    list_select_related = ["person", "office", "section"]


@admin.register(Heading)
class HeadingAdmin(admin.ModelAdmin):
    list_display = ["name", "office", "position", "is_active"]
    list_filter = ["is_active", "office"]
    search_fields = ["name", "office__name"]
    list_select_related = ["office"]


@admin.register(AdministrationLeader)
class AdministrationLeaderAdmin(admin.ModelAdmin):
    list_display = ["person", "administration", "source"]
    list_filter = ["administration", "source"]
    search_fields = ["person__full_name", "person__email", "administration__name"]
    autocomplete_fields = ["person"]
    list_select_related = ["person", "administration"]
