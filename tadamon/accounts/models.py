import hashlib
import secrets

from django.conf import settings
from django.contrib.auth.models import AbstractUser, UserManager
from django.db import models
from django.utils.translation import gettext_lazy as _
from phonenumber_field.modelfields import PhoneNumberField


class Role(models.TextChoices):
    """The roles of SPEC section 2."""

    ADMIN = "admin", _("administrator")
    ORGANIZER = "organizer", _("organizer")
    REVIEWER = "reviewer", _("reviewer / juror")
    EXHIBITOR = "exhibitor", _("exhibitor")
    TRAINER = "trainer", _("trainer")
    GATE_AGENT = "gate_agent", _("gate agent")
    OBSERVER = "observer", _("partner / observer")


class TadamonUserManager(UserManager):
    def create_superuser(self, username, email=None, password=None, **extra_fields):
        extra_fields.setdefault("role", Role.ADMIN)
        return super().create_superuser(username, email, password, **extra_fields)


class User(AbstractUser):
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.EXHIBITOR)
    organization = models.ForeignKey(
        "registry.Organization",
        verbose_name=_("organization"),
        on_delete=models.PROTECT,
        related_name="users",
        null=True,
        blank=True,
        help_text=_(
            "For organizer staff, the organizing body they work for; for an exhibitor, "
            "the organization they represent."
        ),
    )
    # E.164 (+212612345678); typed in the Moroccan way (0612345678) it is read as such.
    phone = PhoneNumberField(_("phone"), blank=True)
    phone_verified = models.BooleanField(
        _("phone verified"),
        default=False,
        help_text=_("The person typed the code sent to this number: they log in with it."),
    )
    signed_up = models.BooleanField(
        _("signed up themselves"),
        default=False,
        editable=False,
        help_text=_(
            "The account was made on the sign-up page, not by staff: its phone number or "
            "e-mail must be verified by a code before it is used."
        ),
    )

    objects = TadamonUserManager()

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(role="exhibitor") | models.Q(organization__isnull=False),
                name="exhibitor_has_organization",
            ),
            # One phone number logs in to one account: it belongs to the account that
            # verified it.
            models.UniqueConstraint(
                fields=["phone"],
                condition=models.Q(phone_verified=True),
                name="user_verified_phone_unique",
            ),
            models.CheckConstraint(
                condition=models.Q(phone_verified=False) | ~models.Q(phone=""),
                name="user_verified_phone_is_set",
            ),
        ]

    @property
    def is_platform_admin(self) -> bool:
        return self.is_superuser or self.role == Role.ADMIN


def _hash_token(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


class ApiTokenQuerySet(models.QuerySet):
    def matching(self, raw: str) -> "ApiTokenQuerySet":
        return self.filter(key_hash=_hash_token(raw), user__is_active=True)


class ApiToken(models.Model):
    """A bearer token for the API. Only its hash is stored; the token is shown once."""

    PREFIX = "tdm_"

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="api_tokens",
    )
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    hint = models.CharField(_("starts with"), max_length=12, editable=False)
    name = models.CharField(_("name"), max_length=100, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True)

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")

    def __str__(self) -> str:
        return f"{self.hint}… ({self.user})"

    @classmethod
    def generate(cls) -> tuple[str, str]:
        raw = cls.PREFIX + secrets.token_urlsafe(32)
        return raw, _hash_token(raw)
