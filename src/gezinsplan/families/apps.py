from django.apps import AppConfig


class FamiliesConfig(AppConfig):
    name = "gezinsplan.families"
    label = "families"
