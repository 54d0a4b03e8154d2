from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProgrammesConfig(AppConfig):
    """Programmes across the organisation: bootcamps, a task force, competence development, café meetings and change
    agents. This app holds what they share (the programme, its leads and participants, themes, groups and
    initiatives) and its access rule; each practice is an app in the layer above it."""

    name = "programmes"
    verbose_name = _("Programmes")

    def ready(self):
        from slf.registry import register_nav_item

        from . import drafts

        drafts.register()
        register_nav_item("programmes", _("Programmes"), "programmes:index", order=55)
