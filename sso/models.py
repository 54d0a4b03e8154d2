"""Single sign-on: who a person is at the identity provider, and the rules that turn the provider's groups and roles
into offices and roles here.

A rule matches a *grant*: one value the provider sends (an Entra ID group id or app role, an FKA user system role
with its data scope, a SAML attribute value) with an optional scope. ``sso.services.sign_in`` applies the rules.
"""

import pghistory
from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from offices.models import Administration, Office, Role


class Protocol(models.TextChoices):
    OIDC = "oidc", _("OpenID Connect")
    SAML = "saml", _("SAML 2.0")


@pghistory.track()
class MappingRule(models.Model):
    """Who the identity provider says someone is → an office and role here, or head of an administration."""

    value = models.CharField(
        _("group or role at the identity provider"),
        max_length=400,
        help_text=_(
            "An Entra ID group's object id or an app role, an FKA user system role (its URI), or the value of a "
            "SAML attribute, exactly as the identity provider sends it."
        ),
    )
    scope = models.CharField(
        _("data scope (organisation unit)"),
        max_length=400,
        blank=True,
        help_text=_(
            "FKA: the organisation unit (its UUID) or other data scope the role must be given for. "
            "Empty: the role counts whatever its scope."
        ),
    )
    office = models.ForeignKey(
        Office,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="sso_rules",
        verbose_name=_("office"),
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, blank=True)
    administration = models.ForeignKey(
        Administration,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="sso_rules",
        verbose_name=_("head of administration"),
        help_text=_("Instead of an office and role: the person becomes head of this administration."),
    )
    note = models.CharField(_("note"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("sign-in rule")
        verbose_name_plural = _("sign-in rules")
        ordering = ["value", "scope"]
        constraints = [
            # Either an office with a role, or an administration to head: never both, never neither.
            models.CheckConstraint(
                condition=(
                    models.Q(office__isnull=False, administration__isnull=True, role__in=Role.values)
                    | models.Q(office__isnull=True, administration__isnull=False, role="")
                ),
                name="mappingrule_office_and_role_or_administration",
            ),
            models.CheckConstraint(condition=~models.Q(value=""), name="mappingrule_value_not_empty"),
        ]

    def __str__(self):
        target = self.office or self.administration
        return f"{self.value}{' / ' + self.scope if self.scope else ''} → {target}"

    def clean(self):
        from django.core.exceptions import ValidationError

        if self.office_id and self.administration_id:
            raise ValidationError(_("Choose an office and role, or an administration to head, not both."))
        if not self.office_id and not self.administration_id:
            raise ValidationError(_("Choose an office and role, or an administration to head."))
        if self.office_id and not self.role:
            raise ValidationError({"role": _("Choose the role in the office.")})
        if self.administration_id and self.role:
            raise ValidationError({"role": _("A head of administration has no role in an office.")})

    def matches(self, grant) -> bool:
        return self.value == grant.value and (not self.scope or self.scope == grant.scope)


class ExternalIdentity(models.Model):
    """A person as the identity provider knows them: the issuer and the subject (``sub``, SAML NameID)."""

    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="external_identities",
        verbose_name=_("person"),
    )
    protocol = models.CharField(_("protocol"), max_length=8, choices=Protocol.choices)
    issuer = models.CharField(_("issuer"), max_length=400)
    subject = models.CharField(_("subject"), max_length=400)
    first_sign_in = models.DateTimeField(_("first sign-in"), auto_now_add=True)
    last_sign_in = models.DateTimeField(_("last sign-in"), null=True, blank=True)

    class Meta:
        verbose_name = _("sign-in identity")
        verbose_name_plural = _("sign-in identities")
        ordering = ["-last_sign_in"]
        constraints = [
            models.UniqueConstraint(fields=["issuer", "subject"], name="externalidentity_unique_subject"),
        ]

    def __str__(self):
        return f"{self.person} · {self.get_protocol_display()}"

    @property
    def provider_name(self) -> str:
        """The provider's name as the sign-in page shows it ("Log ind med …")."""
        return settings.OIDC_NAME if self.protocol == Protocol.OIDC else settings.SAML_NAME
