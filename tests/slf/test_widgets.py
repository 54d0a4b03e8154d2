from django import forms

from slf.widgets import FastSelect, FastSelectMultiple


def test_fast_selects_write_the_options_django_would_with_values_escaped():
    choices = [("", "everyone"), (1, "Anne <Andersen>"), (2, 'Bo "B" & co')]
    fast = FastSelectMultiple(choices=choices, attrs={"size": 6}).render("people", [2], {"id": "id_people"})
    assert fast == (
        '<select name="people" id="id_people" size="6" multiple>'
        '<option value="">everyone</option>'
        '<option value="1">Anne &lt;Andersen&gt;</option>'
        '<option value="2" selected>Bo &quot;B&quot; &amp; co</option></select>'
    )
    single = FastSelect(choices=choices).render("person", 1)
    assert '<option value="1" selected>' in single and "multiple" not in single
    grouped = [("Team", [(1, "Anne")]), (2, "Bo")]
    assert '<option value="1">Anne</option>' in FastSelect(choices=grouped).render("person", None)
    assert forms.Select(choices=choices).render("person", 1).count("selected") == single.count("selected")
