from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from accounts.admin import UserAdmin

from . import outbox
from .models import Delivery, DigestItem, NotificationChoice


class NotificationChoiceInline(admin.TabularInline):
    """A person's e-mail choices; a kind without a row takes the default (notifications/choices.py)."""

    model = NotificationChoice
    extra = 0
    verbose_name_plural = _("E-mails (kinds not listed: the default)")


UserAdmin.inlines = [*UserAdmin.inlines, NotificationChoiceInline]


@admin.register(DigestItem)
class DigestItemAdmin(admin.ModelAdmin):
    """The lines waiting for, or sent in, a daily or weekly digest."""

    list_display = ["created_at", "person", "kind", "period", "summary", "sent_at"]
    list_filter = ["period", "kind", "sent_at"]
    search_fields = ["summary", "person__full_name", "person__email"]
    list_select_related = ["person"]
    readonly_fields = [f.name for f in DigestItem._meta.fields] + ["about"]
    exclude = ["content_type", "object_id"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Delivery)
class DeliveryAdmin(admin.ModelAdmin):
    """Every e-mail queued: its state, tries and last error; failed ones can be queued again. The queue's
    jobs themselves are under "Procrastinate"."""

    list_display = ["created_at", "kind", "to", "subject", "status", "attempts", "sent_at", "job_id"]
    list_filter = ["status", "kind", "created_at"]
    search_fields = ["to", "subject", "last_error"]
    date_hierarchy = "created_at"
    list_select_related = ["recipient"]
    readonly_fields = [f.name for f in Delivery._meta.fields] + ["about"]
    exclude = ["content_type", "object_id"]
    actions = ["queue_again"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    @admin.action(description=_("Queue the failed e-mails again"), permissions=["view"])
    def queue_again(self, request, queryset):
        queued = outbox.retry(queryset)
        self.message_user(
            request,
            ngettext("%(n)s e-mail queued again.", "%(n)s e-mails queued again.", queued) % {"n": queued},
            messages.SUCCESS,
        )
