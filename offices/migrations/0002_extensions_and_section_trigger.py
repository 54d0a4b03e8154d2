"""Postgres extensions the later apps use, and the section-in-office rule in the database."""

from django.contrib.postgres.operations import BtreeGistExtension, TrigramExtension
from django.db import migrations

SECTION_RULE = """
CREATE FUNCTION offices_membership_section_in_office() RETURNS trigger AS $$
BEGIN
    IF NEW.section_id IS NOT NULL AND NOT EXISTS (
        SELECT 1 FROM offices_section s WHERE s.id = NEW.section_id AND s.office_id = NEW.office_id
    ) THEN
        RAISE EXCEPTION 'membership section % is not in office %', NEW.section_id, NEW.office_id
            USING ERRCODE = 'check_violation';
    END IF;
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER membership_section_in_office
    BEFORE INSERT OR UPDATE OF section_id, office_id ON offices_membership
    FOR EACH ROW EXECUTE FUNCTION offices_membership_section_in_office();
"""

DROP_SECTION_RULE = """
DROP TRIGGER IF EXISTS membership_section_in_office ON offices_membership;
DROP FUNCTION IF EXISTS offices_membership_section_in_office();
"""


class Migration(migrations.Migration):
    dependencies = [("offices", "0001_initial")]

    operations = [
        BtreeGistExtension(),
        TrigramExtension(),
        migrations.RunSQL(SECTION_RULE, DROP_SECTION_RULE),
    ]
