from django.apps import AppConfig


class PrivacyConfig(AppConfig):
    name = "gezinsplan.privacy"
    label = "privacy"
