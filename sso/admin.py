from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from .models import ExternalIdentity, MappingRule


@admin.register(MappingRule)
class MappingRuleAdmin(admin.ModelAdmin):
    """The sign-in rules: a group or role at the identity provider (with its data scope) → an office and role, or
    head of an administration. Applied at every sign-in; memberships from them are marked 'from the identity
    provider' and removed when the provider stops sending the group or role."""

    list_display = ["value", "scope", "office", "role", "administration", "note"]
    list_filter = ["role", "office__administration", "office", "administration"]
    search_fields = ["value", "scope", "note", "office__name", "administration__name"]
    list_select_related = ["office", "administration"]
    autocomplete_fields = ["office"]
    fieldsets = [
        (_("At the identity provider"), {"fields": ["value", "scope"]}),
        (_("Here"), {"fields": ["office", "role", "administration"]}),
        (None, {"fields": ["note"]}),
    ]


@admin.register(ExternalIdentity)
class ExternalIdentityAdmin(admin.ModelAdmin):
    list_display = ["person", "protocol", "issuer", "subject", "last_sign_in"]
    list_filter = ["protocol", "issuer"]
    search_fields = ["person__full_name", "person__email", "subject"]
    list_select_related = ["person"]
    autocomplete_fields = ["person"]
    readonly_fields = ["first_sign_in", "last_sign_in"]
