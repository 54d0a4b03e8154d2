from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HomeConfig(AppConfig):
    """My page and my calendar feed: pages built from several apps, in the layer above them."""

    name = "home"
    verbose_name = _("My page")

    def ready(self):
        from slf.registry import register_nav_item

        register_nav_item("home", _("My page"), "home", order=0)
