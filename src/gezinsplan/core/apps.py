from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "gezinsplan.core"
    label = "core"
