from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .forms import SignInForm


def set_language_cookie(response, language):
    from django.conf import settings

    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        path=settings.LANGUAGE_COOKIE_PATH,
        domain=settings.LANGUAGE_COOKIE_DOMAIN,
        secure=settings.LANGUAGE_COOKIE_SECURE,
        httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
    )


class SignInView(auth_views.LoginView):
    """Sign in with e-mail and password; the page then speaks the person's language."""

    form_class = SignInForm
    redirect_authenticated_user = True

    def get_context_data(self, **kwargs):
        """The identity providers first ("Log ind med …", sso/), then the password form (PASSWORD_LOGIN)."""
        context = super().get_context_data(**kwargs)
        query = f"?{urlencode({'next': context['next']})}" if context.get("next") else ""
        context["providers"] = [
            {"name": name, "url": reverse(url_name) + query}
            for enabled, name, url_name in (
                (settings.OIDC_ENABLED, settings.OIDC_NAME, "sso:oidc-login"),
                (settings.SAML_ENABLED, settings.SAML_NAME, "sso:saml-login"),
            )
            if enabled
        ]
        context["password_login"] = settings.PASSWORD_LOGIN
        if context["providers"]:
            # The provider's button comes first; the cursor does not wait in the password form.
            context["form"].fields["username"].widget.attrs.pop("autofocus", None)
        return context

    def form_valid(self, form):
        response = super().form_valid(form)
        set_language_cookie(response, form.get_user().preferred_language)
        return response


@login_not_required
@require_POST
def language_update(request):
    """Switch language (da/en). Signed-in people keep the choice in their profile."""
    from django.conf import settings

    language = request.POST.get("language", "")
    next_url = request.POST.get("next") or "/"
    if not url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}):
        next_url = "/"
    if language not in dict(settings.LANGUAGES):
        messages.error(request, _("That language is not available."))
        return redirect(next_url)
    if request.user.is_authenticated and request.user.preferred_language != language:
        request.user.preferred_language = language
        request.user.save(update_fields=["preferred_language"])
    response = redirect(next_url)
    set_language_cookie(response, language)
    return response
