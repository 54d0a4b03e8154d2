from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PrivacyConfig(AppConfig):
    """Public-sector duties: retention and deletion, a person leaving, data on request, the access log.

    In the layer above the domain apps (beside home and progress): it reaches every app holding personal data.
    """

    name = "privacy"
    verbose_name = _("Privacy and retention")

    def ready(self):
        from slf.registry import register_demo_seeder

        from . import demo

        register_demo_seeder("privacy", demo.seed, order=95)  # after the organisation, logbook and visits
