from django.conf import settings


def gezinsplan(request):
    return {"DEMO_MODE": settings.DEMO_MODE}
