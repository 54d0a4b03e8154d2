from django.apps import AppConfig


class ScaleConfig(AppConfig):
    """Municipal-scale data for benchmarks: ``manage.py seed_scale`` (no models of its own)."""

    name = "scale"
    verbose_name = "Scale data"
