from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "gezinsplan.accounts"
    label = "accounts"
    verbose_name = _("Organisaties en mensen")

    def ready(self):
        from gezinsplan.accounts import sections  # noqa: F401  (registers the case page section)
