app_name = "collaboration"
urlpatterns = []
