from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = _("People")

    def ready(self):
        from slf.registry import register_nav_item

        register_nav_item("home", _("My page"), "home", order=0)
