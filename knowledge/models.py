"""The administration's glossary (økonomisk ordbog): plain-language explanations of the words of the trade."""

import pghistory
from django.conf import settings
from django.contrib.postgres.indexes import GinIndex
from django.db import models
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from offices.models import Administration, Office


class TermQuerySet(models.QuerySet):
    def visible_to(self, user, administration):
        """Everything for people of the administration; only public terms for everyone else."""
        from .access import is_inside

        return self if is_inside(user, administration) else self.filter(public=True)


@pghistory.track()
class Term(models.Model):
    administration = models.ForeignKey(
        Administration, on_delete=models.CASCADE, related_name="terms", verbose_name=_("administration")
    )
    term = models.CharField(_("term"), max_length=100)
    slug = models.SlugField(_("short name in addresses"), max_length=120)
    explanation = models.TextField(_("explanation in plain language"), max_length=2000)
    example = models.TextField(_("example"), max_length=1000, blank=True)
    related = models.ManyToManyField("self", blank=True, verbose_name=_("related terms"))
    owner = models.ForeignKey(
        Office, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("owner office")
    )
    public = models.BooleanField(
        _("public"), default=False, help_text=_("Public terms can be read by anyone, without signing in.")
    )
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")

    objects = TermQuerySet.as_manager()

    class Meta:
        verbose_name = _("glossary term")
        verbose_name_plural = _("glossary terms")
        ordering = [Lower("term")]
        constraints = [
            models.UniqueConstraint(Lower("term"), "administration", name="term_unique_per_administration"),
            models.UniqueConstraint(fields=["administration", "slug"], name="term_slug_unique_per_administration"),
        ]
        indexes = [GinIndex(fields=["term"], name="term_trigram", opclasses=["gin_trgm_ops"])]

    def __str__(self):
        return self.term

    def save(self, *args, **kwargs):
        self.slug = slugify(self.term.replace("æ", "ae").replace("ø", "oe").replace("å", "aa"))[:120] or "term"
        if self.slug == "new":  # the address of the "new term" form
            self.slug = "new-term"
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("knowledge:term-detail", args=[self.administration.slug, self.slug])


class Competence(models.Model):
    """A tag in the administration's shared vocabulary of tasks and competences."""

    administration = models.ForeignKey(
        Administration, on_delete=models.CASCADE, related_name="competences", verbose_name=_("administration")
    )
    name = models.CharField(_("competence"), max_length=80)

    class Meta:
        verbose_name = _("competence")
        verbose_name_plural = _("competences")
        ordering = [Lower("name")]
        constraints = [
            models.UniqueConstraint(Lower("name"), "administration", name="competence_unique_per_administration")
        ]
        indexes = [GinIndex(fields=["name"], name="competence_trigram", opclasses=["gin_trgm_ops"])]

    def __str__(self):
        return self.name


class PersonCompetence(models.Model):
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="competences")
    competence = models.ForeignKey(Competence, on_delete=models.CASCADE, related_name="holders")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["person", "competence"], name="person_competence_unique")]

    def __str__(self):
        return f"{self.person} – {self.competence}"


class KnowledgeProfile(models.Model):
    """What a person works with (their tasks), for "who knows what"; "ask me about" lives on the visit profile."""

    person = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="knowledge_profile")
    tasks = models.TextField(_("my tasks"), max_length=1000, blank=True)

    def __str__(self):
        return str(self.person)
