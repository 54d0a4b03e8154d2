from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from accounts import urls as account_urls
from accounts import views as account_views
from home import urls as home_urls
from home import views as home_views

from . import views

admin.site.site_header = _("SLF Logbook administration")
admin.site.site_title = _("SLF Logbook")
admin.site.index_title = _("Administration")

urlpatterns = [
    path("", home_views.my_page, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("healthz/signed-in", views.floor, name="floor"),
    path("language/", account_views.language_update, name="set-language"),
    # The calendar feed lives in home/ but keeps its address and name under accounts/ (people subscribe to it).
    path("accounts/", include((account_urls.urlpatterns + home_urls.account_urlpatterns, "accounts"))),
    path("offices/", include("offices.urls")),
    path("meetings/", include("meetings.urls")),
    path("logbook/", include("logbook.urls")),
    path("visits/", include("visits.urls")),
    path("glossary/", include("knowledge.urls")),
    path("people/", include("knowledge.directory_urls")),
    path("questions/", include("knowledge.question_urls")),
    path("procedures/", include("knowledge.procedure_urls")),
    path("templates/", include("knowledge.library_urls")),
    path("programmes/", include("programmes.urls")),
    path("bootcamps/", include("bootcamps.urls")),
    path("taskforce/", include("taskforce.urls")),
    path("development/", include("development.urls")),
    path("cafe/", include("cafe.urls")),
    path("change-agents/", include("changeagents.urls")),
    path("progress/", include("progress.urls")),
    path("drafts/", include("drafts.urls")),
    path("sso/", include("sso.urls")),  # single sign-on: OpenID Connect and SAML 2.0
    path("privacy/", include("privacy.urls")),
    path("admin/", admin.site.urls),
]

handler403 = "django.views.defaults.permission_denied"
handler404 = "django.views.defaults.page_not_found"
handler500 = "slf.views.server_error"
