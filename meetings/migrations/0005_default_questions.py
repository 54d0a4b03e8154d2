from django.db import migrations


def fill(apps, schema_editor):
    from meetings.models import default_questions

    before, after = default_questions()
    apps.get_model("meetings", "MeetingSeries").objects.filter(before_questions=[], after_questions=[]).update(
        before_questions=before, after_questions=after
    )


class Migration(migrations.Migration):
    dependencies = [("meetings", "0004_comments_proposals_minutes")]
    operations = [migrations.RunPython(fill, migrations.RunPython.noop)]
