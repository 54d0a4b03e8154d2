# Words inside Danish compounds: a trigram index for UPPER(title || ' ' || text) LIKE '%BUDGET%'
# (logbook/search.py). Built concurrently, so a large logbook stays writable while it is made (about two
# minutes per 500,000 entries on two busy cores).

import django.contrib.postgres.indexes
import django.db.models.functions.text
from django.contrib.postgres.operations import AddIndexConcurrently, TrigramExtension
from django.db import migrations, models


class Migration(migrations.Migration):
    atomic = False

    dependencies = [
        ("logbook", "0009_entry_follow_up_meeting"),
    ]

    operations = [
        TrigramExtension(),
        AddIndexConcurrently(
            model_name="entry",
            index=django.contrib.postgres.indexes.GinIndex(
                django.contrib.postgres.indexes.OpClass(
                    django.db.models.functions.text.Upper(
                        django.db.models.functions.text.Concat(
                            "title", models.Value(" "), "text", output_field=models.TextField()
                        )
                    ),
                    name="gin_trgm_ops",
                ),
                name="entry_words_trigram",
            ),
        ),
    ]
