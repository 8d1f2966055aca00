"""Log in and out with Django's views and our templates."""

from django.contrib.auth import views as auth_views
from django.urls import reverse

from tadamon.accounts.forms import LoginForm
from tadamon.accounts.models import Role


class LoginView(auth_views.LoginView):
    """After logging in, an exhibitor lands on their organization, others on the registry."""

    template_name = "accounts/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True

    def get_default_redirect_url(self) -> str:
        user = self.request.user
        if user.role == Role.EXHIBITOR and user.organization_id:
            return reverse("registry:my_organization")
        return reverse("registry:organization_list")


class LogoutView(auth_views.LogoutView):
    """POST only (Django's rule); then back to the public home page."""
