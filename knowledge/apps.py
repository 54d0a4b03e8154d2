from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class KnowledgeConfig(AppConfig):
    name = "knowledge"
    verbose_name = _("Knowledge")

    def ready(self):
        from slf.registry import register_competences, register_demo_seeder, register_nav_item

        from . import demo, directory, drafts

        drafts.register()
        register_nav_item("directory", _("Who knows what"), "directory:people", order=65)
        register_nav_item("glossary", _("Glossary"), "knowledge:glossary-home", order=70)
        register_demo_seeder("knowledge", demo.seed, order=80)
        register_competences("knowledge", directory.competence_names)  # the visits' suggestions
