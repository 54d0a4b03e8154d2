from django.contrib.auth.decorators import login_not_required
from django.urls import path

from . import oidc, saml, views

app_name = "sso"

urlpatterns = [
    path("logout/", views.sign_out, name="logout"),
    # OpenID Connect: the redirect URI to register at the provider is /sso/oidc/callback/.
    path("oidc/login/", login_not_required(oidc.OIDCLoginView.as_view()), name="oidc-login"),
    path("oidc/callback/", login_not_required(oidc.OIDCCallbackView.as_view()), name="oidc-callback"),
    # SAML 2.0: metadata (entity id by default), assertion consumer service, single logout service.
    path("saml/login/", login_not_required(saml.SAMLLoginView.as_view()), name="saml-login"),
    path("saml/acs/", login_not_required(saml.SAMLAssertionConsumerView.as_view()), name="saml-acs"),
    path("saml/sls/", login_not_required(saml.SAMLSingleLogoutView.as_view()), name="saml-sls"),
    path("saml/metadata/", login_not_required(saml.SAMLMetadataView.as_view()), name="saml-metadata"),
]
