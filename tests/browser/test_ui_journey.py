"""A Danish UI that reads well at 1366 px and on a phone: the menu on one line in both languages with a long
name (what does not fit under "Mere", opened with the keyboard), the logbook's filter bar with each label over
its own field, and a wide table that scrolls inside its box (focusable, so the keyboard can scroll it)."""

import os

import pytest

from logbook.models import Entry

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOTS = os.environ.get("SLF_SHOTS", "/tmp/shots")  # noqa: S108 - screenshots to look at, nothing secret
LONG_NAME = "Anne-Mette Kristiansen-Bækgaard Østergaard Holm"
DESKTOP = {"width": 1366, "height": 768}
PHONE = {"width": 390, "height": 844}


def _shot(page, name):
    os.makedirs(SHOTS, exist_ok=True)
    page.screenshot(path=f"{SHOTS}/{name}.png", caret="initial", full_page=True)


def _assert_menu_on_one_line(page):
    """Brand, sections, "Mere", name and sign-out all sit on the same line of the header, within its column."""
    boxes = page.locator("header .navbar-brand, header .nav-link").evaluate_all(
        "els => els.filter(e => e.offsetParent !== null).map(e => e.getBoundingClientRect())"
        ".map(r => ({top: r.top, bottom: r.bottom, right: r.right}))"
    )
    assert len(boxes) >= 8
    middles = [(b["top"] + b["bottom"]) / 2 for b in boxes]
    assert max(middles) - min(middles) < 8, boxes
    # ... and inside the page's column: nothing pushed past the container's edge.
    edge = page.locator("header .container").evaluate(
        "e => e.getBoundingClientRect().right - parseFloat(getComputedStyle(e).paddingRight)"
    )
    assert max(b["right"] for b in boxes) <= edge + 1, (boxes, edge)


def _assert_labels_over_their_fields(page):
    form = page.get_by_role("search", name="Filtrér logbogen")
    pairs = form.locator("label[for]").evaluate_all(
        """els => els.map(l => {
            const f = document.getElementById(l.htmlFor), a = l.getBoundingClientRect(), b = f.getBoundingClientRect();
            return {label: l.textContent.trim(), lx: a.left, lbottom: a.bottom,
                    fx: b.left, fright: b.right, ftop: b.top};
        })"""
    )
    assert [p["label"] for p in pairs] == ["Søg", "Type", "Overskrift", "Status", "Ansvarlige", "Fra", "Til"]
    for p in pairs:
        assert p["lbottom"] <= p["ftop"] + 1, p  # above its field
        assert p["fx"] - 1 <= p["lx"] <= p["fright"], p  # over it, not over its neighbour
    classes = form.locator("select").evaluate_all("els => els.map(e => e.className)")
    assert len(classes) == 4 and all("form-select" in c for c in classes), classes


def test_menu_filter_bar_and_wide_tables_at_desktop_and_phone_widths(page, world, axe, sign_in):
    head = world.head
    head.full_name = LONG_NAME
    head.save(update_fields=["full_name"])
    Entry.objects.create(
        office=world.a.office,
        author=world.a.resource_person,
        kind="agreement",
        title="Budgetopfølgning",
        text="Hver måned.",
        date="2026-03-02",
        due_date="2026-04-01",
        status="open",
    )
    page.set_viewport_size(DESKTOP)
    # Signed out, /glossary/ lists the public glossaries (none public yet here) and says how to read more.
    page.goto("/glossary/")
    page.get_by_role("heading", name="Ordbøger", level=1).wait_for()
    axe(page)
    sign_in(head)

    # The logbook's filter bar at 1366 px: labels over their own fields, styled selects.
    page.goto(f"/logbook/{world.a.office.slug}/")
    _assert_menu_on_one_line(page)
    _assert_labels_over_their_fields(page)
    axe(page)
    _shot(page, "ui-logbook-1366")

    # "Mere" opens with the keyboard and holds the sections that did not fit.
    more = page.get_by_role("button", name="Mere")
    more.focus()
    page.keyboard.press("Enter")
    page.keyboard.press("ArrowDown")
    assert page.evaluate("document.activeElement.textContent").strip() == "Hvem ved hvad"
    page.keyboard.press("ArrowDown")
    assert page.evaluate("document.activeElement.textContent").strip() == "Ordbog"
    _shot(page, "ui-menu-more-1366")
    page.keyboard.press("Enter")
    page.wait_for_url("**/glossary/**")
    _assert_menu_on_one_line(page)
    assert page.get_by_role("button", name="Mere").get_attribute("class").count("active") == 1
    axe(page)

    # English at 1366 px with the same long name: still one line.
    page.get_by_label("Sprog").select_option("en")
    page.get_by_role("button", name="Skift sprog").click()
    page.get_by_role("button", name="More").wait_for()
    _assert_menu_on_one_line(page)
    _shot(page, "ui-menu-en-1366")
    page.get_by_label("Language").select_option("da")
    page.get_by_role("button", name="Change language").click()
    page.get_by_role("button", name="Mere").wait_for()

    # On a phone: the menu behind its button, the filter bar stacked, labels still over their fields.
    page.set_viewport_size(PHONE)
    page.goto(f"/logbook/{world.a.office.slug}/")
    assert page.get_by_role("button", name="Mere").is_hidden()
    _assert_labels_over_their_fields(page)
    axe(page)
    _shot(page, "ui-logbook-390")
    page.get_by_role("button", name="Vis menu").click()
    page.get_by_role("button", name="Mere").click()
    page.get_by_role("link", name="Kontorer").wait_for()
    page.locator("#main-nav.show").wait_for()  # the collapse has finished opening
    _shot(page, "ui-menu-390")

    # A wide table scrolls inside its box, which the keyboard can reach and scroll.
    page.goto(f"/progress/administrations/{world.administration.slug}/")
    region = page.get_by_role("region", name="Alle kontorer")
    _shot(page, "ui-wide-table-390")
    sizes = region.evaluate("e => ({scroll: e.scrollWidth, client: e.clientWidth})")
    assert sizes["scroll"] > sizes["client"], sizes  # it is wider than the phone ...
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]  # ... the page is not
    region.focus()
    page.keyboard.press("ArrowRight")
    page.wait_for_function("e => e.scrollLeft > 0", arg=region.element_handle())
    axe(page)
    assert page.console_errors == []
