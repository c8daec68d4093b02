"""API tokens moved from rest_framework.authtoken (stored in plain text) to django-rest-knox (only a digest is
stored). The old table held usable credentials: drop it. Users request a new token by logging in again."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("privacy", "0005_council_investigation"),
        ("knox", "0009_extend_authtoken_field"),
    ]

    operations = [
        migrations.RunSQL("DROP TABLE IF EXISTS authtoken_token", reverse_sql=migrations.RunSQL.noop),
    ]
