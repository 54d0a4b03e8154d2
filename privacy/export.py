"""Everything about one person, for a request under GDPR art. 15: one ZIP with a readable summary and JSON.

``person_data`` gathers the sections (profile, memberships, entries and agreements, minutes naming them,
visits and their own reflections, questions, competences, case procedures, templates, drafts, e-mails, the
access log about them); ``export_zip`` writes ``oversigt.html`` (the same sections as tables) and
``data.json``. The other person's reflections on a shared visit are left out: they are that person's data.
"""

import io
import json
import zipfile
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Q
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from bootcamps.models import Barrier, Evaluation
from cafe.models import Registration, RegistrationStatus
from changeagents.models import Project, ProjectStatus, SparringNote
from development.models import (
    Clarification,
    ClarificationStatus,
    Enrolment,
    EnrolmentStatus,
    Recommendation,
    SelfAssessment,
    Substitute,
)
from drafts.models import Draft
from knowledge.models import (
    PersonCompetence,
    Procedure,
    Question,
    QuestionStatus,
    QuestionStep,
    SharedTemplate,
    TemplateKind,
)
from logbook.models import AgreementStatus, Entry, EntryKind
from meetings.models import AgendaComment, AgendaItem, Attendance, AttendanceStatus, TopicProposal
from notifications.choices import Kind
from notifications.models import Delivery, DeliveryStatus
from offices.models import AdministrationLeader, Membership, Role, UnitContact
from programmes.models import Initiative, InitiativeStatus, Level, Participant
from visits.models import Reflection, Visit, VisitStatus

from .models import AccessLogEntry, AccessPage, Departure


@dataclass
class Section:
    key: str
    title: str
    columns: list
    rows: list


def _value(value):
    """Dates as YYYY-MM-DD, moments as local YYYY-MM-DD HH:MM: readable, and sorted right as text."""
    if hasattr(value, "hour"):
        return timezone.localtime(value).strftime("%Y-%m-%d %H:%M") if value.tzinfo else value.isoformat()
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value


#: Coded values shown by their label (in the reader's language), per column name.
CHOICES = {
    "role": {**dict(Role.choices), "head_of_administration": _("head of administration")},
    "kind": {**dict(EntryKind.choices), **dict(Kind.choices), **dict(TemplateKind.choices)},
    "status": {
        **dict(AgreementStatus.choices),
        **dict(AttendanceStatus.choices),
        **dict(VisitStatus.choices),
        **dict(QuestionStatus.choices),
        **dict(DeliveryStatus.choices),
    },
    "page": dict(AccessPage.choices),
    "level": dict(Level.choices),
    "preferred_language": dict(settings.LANGUAGES),
}


def _shown(name, value):
    label = CHOICES.get(name, {}).get(value) if isinstance(value, str) else None
    return str(label) if label is not None else _value(value)


def _section(key, title, columns, rows):
    return Section(
        key, title, [label for _name, label in columns], [[_shown(n, r[n]) for n, _l in columns] for r in rows]
    )


def person_data(person) -> list[Section]:
    """The sections of the export, each a table (a bounded number of queries, whatever the amount of data)."""
    sections = []
    profile = {
        "full_name": person.full_name,
        "email": person.email,
        "initials": person.initials,
        "preferred_language": person.preferred_language,
        "date_joined": person.date_joined,
        "last_login": person.last_login,
        "is_active": person.is_active,
        "tasks": getattr(getattr(person, "knowledge_profile", None), "tasks", ""),
        "about": getattr(getattr(person, "visit_profile", None), "about", ""),
    }
    sections.append(
        _section(
            "profile",
            _("Profile"),
            [
                ("full_name", _("full name")),
                ("email", _("e-mail address")),
                ("initials", _("initials")),
                ("preferred_language", _("preferred language")),
                ("date_joined", _("date joined")),
                ("last_login", _("last sign-in")),
                ("is_active", _("active")),
                ("tasks", _("my tasks")),
                ("about", _("ask me about")),
            ],
            [profile],
        )
    )
    memberships = Membership.objects.filter(person=person).values("office__name", "role", "section__name", "title")
    heads = AdministrationLeader.objects.filter(person=person).values("administration__name")
    sections.append(
        _section(
            "memberships",
            _("Memberships"),
            [
                ("office__name", _("office")),
                ("role", _("role")),
                ("section__name", _("section")),
                ("title", _("job title")),
            ],
            [
                *memberships,
                *(
                    {
                        "office__name": h["administration__name"],
                        "role": "head_of_administration",
                        "section__name": "",
                        "title": "",
                    }
                    for h in heads
                ),
            ],
        )
    )
    entries = (
        Entry.objects.filter(Q(author=person) | Q(responsible=person))
        .distinct()
        .values("pk", "office__name", "kind", "date", "title", "text", "status", "due_date", "author_id")
        .order_by("date", "pk")
    )
    rows = [{**e, "role": _("author") if e["author_id"] == person.pk else _("responsible")} for e in entries]
    for row in rows:
        row["role"] = str(row["role"])
    sections.append(
        _section(
            "entries",
            _("Logbook entries and agreements they wrote or are responsible for"),
            [
                ("office__name", _("office")),
                ("kind", _("kind")),
                ("date", _("date")),
                ("title", _("title")),
                ("text", _("text")),
                ("status", _("status")),
                ("due_date", _("due date")),
                ("role", _("as")),
            ],
            rows,
        )
    )
    attendance = Attendance.objects.filter(person=person).values(
        "meeting__starts_at", "meeting__series__title", "status"
    )
    sections.append(
        _section(
            "attendance",
            _("Meetings they were registered at"),
            [
                ("meeting__starts_at", _("meeting")),
                ("meeting__series__title", _("series")),
                ("status", _("attendance")),
            ],
            attendance.order_by("meeting__starts_at"),
        )
    )
    items = (
        AgendaItem.objects.filter(Q(presenter=person) | Q(minutes__icontains=person.full_name))
        .values("meeting__starts_at", "meeting__series__title", "title", "minutes")
        .order_by("meeting__starts_at", "position")
    )
    sections.append(
        _section(
            "minutes",
            _("Agenda items and minutes naming them or presented by them"),
            [
                ("meeting__starts_at", _("meeting")),
                ("meeting__series__title", _("series")),
                ("title", _("agenda item")),
                ("minutes", _("minutes")),
            ],
            items,
        )
    )
    comments = AgendaComment.objects.filter(author=person).values("item__title", "text", "created_at")
    proposals = TopicProposal.objects.filter(proposed_by=person).values("title", "description", "created_at")
    sections.append(
        _section(
            "comments",
            _("Comments and proposed topics"),
            [("item__title", _("about")), ("text", _("text")), ("created_at", _("written"))],
            [
                *comments,
                *(
                    {
                        "item__title": _("proposed topic"),
                        "text": f"{p['title']}: {p['description']}",
                        "created_at": p["created_at"],
                    }
                    for p in proposals
                ),
            ],
        )
    )
    visits = (
        Visit.objects.filter(Q(host=person) | Q(visitor=person))
        .values("during", "host__full_name", "visitor__full_name", "topic", "status")
        .order_by("during")
    )
    sections.append(
        _section(
            "visits",
            _("Practice visits"),
            [
                ("starts", _("time")),
                ("host__full_name", _("host")),
                ("visitor__full_name", _("visitor")),
                ("topic", _("topic")),
                ("status", _("status")),
            ],
            [{**v, "starts": v["during"].lower} for v in visits],
        )
    )
    reflections = Reflection.objects.filter(author=person).values(
        "visit__during", "learned", "interfaces", "competences", "shared"
    )
    sections.append(
        _section(
            "reflections",
            _("Their own visit reflections"),
            [
                ("starts", _("visit")),
                ("learned", _("what I learned")),
                ("interfaces", _("interfaces between our tasks")),
                ("competences", _("competences noticed")),
                ("shared", _("shared with the office")),
            ],
            [{**r, "starts": r["visit__during"].lower} for r in reflections],
        )
    )
    questions = (
        Question.objects.filter(
            Q(created_by=person)
            | Q(assignee=person)
            | Q(pk__in=QuestionStep.objects.filter(person=person).values("question"))
        )
        .distinct()
        .values("office__name", "title", "description", "status", "answer", "created_at")
        .order_by("created_at")
    )
    sections.append(
        _section(
            "questions",
            _("Questions they registered, were given or worked on"),
            [
                ("office__name", _("office")),
                ("title", _("question")),
                ("description", _("description")),
                ("status", _("status")),
                ("answer", _("answer")),
                ("created_at", _("registered")),
            ],
            questions,
        )
    )
    competences = PersonCompetence.objects.filter(person=person).values("competence__name")
    sections.append(_section("competences", _("Competences"), [("competence__name", _("competence"))], competences))
    procedures = Procedure.objects.filter(owner=person).values("office__name", "title", "review_date")
    templates = SharedTemplate.objects.filter(made_by=person).values("title", "kind", "created_at")
    sections.append(
        _section(
            "owned",
            _("Case procedures and templates they own"),
            [("what", _("what")), ("title", _("title")), ("date", _("date"))],
            [
                *(
                    {"what": str(_("case procedure")), "title": p["title"], "date": p["review_date"]}
                    for p in procedures
                ),
                *({"what": str(_("template")), "title": t["title"], "date": t["created_at"]} for t in templates),
            ],
        )
    )
    drafts = Draft.objects.filter(person=person).values("key", "text", "updated_at")
    sections.append(
        _section(
            "drafts",
            _("Unsaved drafts"),
            [("key", _("field")), ("text", _("text")), ("updated_at", _("saved at"))],
            drafts,
        )
    )
    mails = Delivery.objects.filter(recipient=person).values("created_at", "kind", "subject", "status")
    sections.append(
        _section(
            "mails",
            _("E-mails sent to them"),
            [("created_at", _("queued")), ("kind", _("kind")), ("subject", _("subject")), ("status", _("status"))],
            mails.order_by("created_at"),
        )
    )
    sections.extend(programme_sections(person))
    departures = Departure.objects.filter(person=person).values("office__name", "ended_at", "successor__full_name")
    sections.append(
        _section(
            "departures",
            _("Departures"),
            [("office__name", _("office")), ("ended_at", _("ended")), ("successor__full_name", _("handed over to"))],
            departures,
        )
    )
    log = AccessLogEntry.objects.filter(person=person).values("at", "viewer__full_name", "page", "path")
    sections.append(
        _section(
            "access_log",
            _("Who opened pages about them"),
            [("at", _("when")), ("viewer__full_name", _("opened by")), ("page", _("page")), ("path", _("address"))],
            log.order_by("-at"),
        )
    )
    return sections


def _labelled(rows, column, choices):
    """Rows with ``column``'s code shown by its label (statuses whose codes mean different things per app)."""
    labels = dict(choices)
    return [{**row, column: str(labels.get(row[column], row[column]))} for row in rows]


def programme_sections(person) -> list[Section]:
    """Their data in the programmes across the organisation: places, their own answers, their clarification with
    the dialogue note about them, enrolments, café registrations, change-agent projects with their sparring notes,
    initiatives they own, and where they are a unit's contact or a substitute. Other participants' evaluations,
    self-assessments and notes are not theirs and are left out."""
    places = Participant.objects.filter(person=person).values(
        "programme__name", "office__name", "unit__name", "level", "joined_on", "group_membership__group__name"
    )
    evaluations = Evaluation.objects.filter(participant__person=person).values(
        "day__programme__name", "day__date", "new_knowledge", "new_colleagues", "takeaway"
    )
    barriers = Barrier.objects.filter(raised_by=person).values("group__programme__name", "group__name", "text", "kind")
    clarifications = Clarification.objects.filter(participant__person=person).values(
        "participant__programme__name",
        "status",
        "leader__full_name",
        "dialogue_on",
        "dialogue_note",
        "clarified_on",
    )
    assessments = SelfAssessment.objects.filter(clarification__participant__person=person).values(
        "clarification__participant__programme__name", "area__name", "score", "note", "is_my_task"
    )
    recommendations = Recommendation.objects.filter(clarification__participant__person=person).values(
        "offer__title", "reason", "created_at"
    )
    enrolments = Enrolment.objects.filter(participant__person=person).values(
        "cohort__offer__title", "cohort__name", "cohort__starts_on", "cohort__ends_on", "status"
    )
    registrations = Registration.objects.filter(person=person).values(
        "cafe_meeting__meeting__starts_at", "cafe_meeting__meeting__title", "status", "queued_at", "attended"
    )
    projects = Project.objects.filter(agent__person=person).values(
        "programme__name", "title", "description", "status", "next_step", "started_on"
    )
    notes = SparringNote.objects.filter(project__agent__person=person).values(
        "project__title", "held_on", "discussed", "next_step", "status", "reflection"
    )
    initiatives = Initiative.objects.filter(owner=person).values("programme__name", "title", "goal", "status")
    contacts = UnitContact.objects.filter(person=person).values("unit__name", "name", "title", "email", "phone")
    substitutes = Substitute.objects.filter(person=person).values(
        "programme__name", "name", "email", "employed_on", "employed_at"
    )
    return [
        _section(
            "programme_places",
            _("Places in programmes"),
            [
                ("programme__name", _("programme")),
                ("office__name", _("office")),
                ("unit__name", _("unit")),
                ("level", _("level")),
                ("joined_on", _("joined")),
                ("group_membership__group__name", _("group")),
            ],
            places.order_by("joined_on"),
        ),
        _section(
            "evaluations",
            _("Their own evaluations of bootcamp days"),
            [
                ("day__programme__name", _("programme")),
                ("day__date", _("day")),
                ("new_knowledge", _("new knowledge (1–5)")),
                ("new_colleagues", _("new colleagues (1–5)")),
                ("takeaway", _("what they take home")),
            ],
            evaluations.order_by("day__date"),
        ),
        _section(
            "barriers",
            _("Barriers they raised"),
            [("group__programme__name", _("programme")), ("group__name", _("group")), ("text", _("barrier"))],
            barriers.order_by("created_at"),
        ),
        _section(
            "clarifications",
            _("Competence clarifications and the dialogue notes about them"),
            [
                ("participant__programme__name", _("programme")),
                ("status", _("status")),
                ("leader__full_name", _("leader holding the dialogue")),
                ("dialogue_on", _("date of the conversation")),
                ("dialogue_note", _("dialogue note")),
                ("clarified_on", _("clarified")),
            ],
            _labelled(clarifications, "status", ClarificationStatus.choices),
        ),
        _section(
            "self_assessments",
            _("Their self-assessments"),
            [
                ("clarification__participant__programme__name", _("programme")),
                ("area__name", _("competence area")),
                ("score", _("score (1–5)")),
                ("note", _("note")),
                ("is_my_task", _("part of my daily tasks")),
            ],
            assessments.order_by("area__position", "area__name"),
        ),
        _section(
            "recommendations",
            _("Offers recommended to them"),
            [("offer__title", _("offer")), ("reason", _("reason")), ("created_at", _("recommended"))],
            recommendations.order_by("created_at"),
        ),
        _section(
            "enrolments",
            _("Enrolments in courses and modules"),
            [
                ("cohort__offer__title", _("offer")),
                ("cohort__name", _("cohort")),
                ("cohort__starts_on", _("starts")),
                ("cohort__ends_on", _("ends")),
                ("status", _("status")),
            ],
            _labelled(enrolments.order_by("cohort__starts_on"), "status", EnrolmentStatus.choices),
        ),
        _section(
            "cafe_registrations",
            _("Café meetings they signed up for"),
            [
                ("cafe_meeting__meeting__starts_at", _("meeting")),
                ("cafe_meeting__meeting__title", _("title")),
                ("status", _("status")),
                ("queued_at", _("signed up")),
                ("attended", _("came")),
            ],
            _labelled(registrations.order_by("cafe_meeting__meeting__starts_at"), "status", RegistrationStatus.choices),
        ),
        _section(
            "change_projects",
            _("Their change-agent projects"),
            [
                ("programme__name", _("programme")),
                ("title", _("title")),
                ("description", _("goal and description")),
                ("status", _("status")),
                ("next_step", _("next step")),
                ("started_on", _("started")),
            ],
            _labelled(projects.order_by("created_at"), "status", ProjectStatus.choices),
        ),
        _section(
            "sparring_notes",
            _("Sparring notes about their projects"),
            [
                ("project__title", _("project")),
                ("held_on", _("date of the sparring")),
                ("discussed", _("what was discussed")),
                ("next_step", _("agreed next step")),
                ("status", _("status")),
                ("reflection", _("their reflection")),
            ],
            _labelled(notes.order_by("held_on"), "status", ProjectStatus.choices),
        ),
        _section(
            "initiatives",
            _("Initiatives they own"),
            [
                ("programme__name", _("programme")),
                ("title", _("title")),
                ("goal", _("goal")),
                ("status", _("status")),
            ],
            _labelled(initiatives.order_by("created_at"), "status", InitiativeStatus.choices),
        ),
        _section(
            "contacts",
            _("Where they are a unit's contact or a substitute"),
            [("what", _("what")), ("name", _("name")), ("email", _("e-mail")), ("detail", _("details"))],
            [
                *(
                    {
                        "what": f"{_('unit contact')}: {c['unit__name']}",
                        "name": c["name"],
                        "email": c["email"],
                        "detail": " · ".join(v for v in (c["title"], c["phone"]) if v),
                    }
                    for c in contacts
                ),
                *(
                    {
                        "what": f"{_('substitute')}: {s['programme__name']}",
                        "name": s["name"],
                        "email": s["email"],
                        "detail": " · ".join(str(v) for v in (s["employed_on"], s["employed_at"]) if v),
                    }
                    for s in substitutes
                ),
            ],
        ),
    ]


def export_zip(person, *, by=None) -> bytes:
    """The ZIP: ``oversigt.html`` to read, ``data.json`` for machines."""
    sections = person_data(person)
    made = timezone.localtime()
    document = {
        "person": person.pk,
        "made_at": made.isoformat(timespec="seconds"),
        "sections": {
            s.key: {"title": str(s.title), "columns": [str(c) for c in s.columns], "rows": s.rows} for s in sections
        },
    }
    html = render_to_string("privacy/export_summary.html", {"person": person, "sections": sections, "made": made})
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("oversigt.html", html)
        archive.writestr("data.json", json.dumps(document, ensure_ascii=False, indent=2, default=str))
    return buffer.getvalue()
