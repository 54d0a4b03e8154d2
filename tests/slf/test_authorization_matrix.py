"""Every URL of the project, for every kind of person, GET and POST: who may, who is refused, who sees nothing.

The table below is the product's authorization rule written out. A new URL without a row fails
``test_every_url_has_a_row``; a changed outcome fails ``test_each_person_gets_the_expected_answer``.

Every URL that takes an object is asked again with one identifying argument at a time swapped for the
same kind of object of another office (office B; for the administration's glossary and template library,
another administration): "own office, other office's object" and "other office, own object". Such a
mix is a 404 (or a 403 for a missing role) to office A's people who may act on the own object and to
everyone who reaches both offices (``test_another_offices_object_is_not_found``).

Every answer is searched, whatever its status (bodies of 403/404 pages, redirects' ``Location``, headers,
cookies and the messages in them, streamed files): office A's objects carry the marker ``ZQ7A``, office B's
``ZQ7B``, the other administration's ``ZQ7C``, and a marker never reaches someone outside its office (or
administration). A refused request (and every swapped one) writes nothing.
Each request runs in a savepoint that is rolled back, so a POST by one person never changes what the
next one sees.
"""

import re
from datetime import datetime, time, timedelta
from http.cookies import SimpleCookie
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.conf import settings as django_settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.messages.storage.cookie import CookieStorage
from django.contrib.sessions.backends.db import SessionStore
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection, transaction
from django.http import HttpRequest
from django.urls import get_resolver, reverse

from knowledge.models import Procedure, Question, SharedTemplate, Term
from logbook import circles
from logbook.attachments import AttachmentForm
from logbook.models import DataPoint, Entry, LearningCircle, Measure, MeasurePart
from meetings import rhythm
from meetings.models import AgendaComment, Frequency, MeetingSeries, TopicProposal
from offices.models import Membership, Role
from tests import factories
from tests.bootcamps.matrix import matrix_objects as bootcamp_objects
from tests.bootcamps.work_matrix import work_objects as bootcamp_work_objects
from tests.cafe.objects import matrix_objects as cafe_objects
from tests.changeagents.objects import matrix_objects as change_agent_objects
from tests.development.matrix import development_objects
from tests.programmes.objects import matrix_objects as programme_objects
from tests.slf.test_login_required import _walk
from tests.taskforce.objects import matrix_objects as task_force_objects
from visits import services as visit_services
from visits.models import AvailabilityException, AvailabilityWindow, Weekday

TZ = ZoneInfo("Europe/Copenhagen")
NOW = datetime(2026, 3, 2, 8, 0, tzinfo=TZ)
MARK = "ZQ7A"
#: Whose objects each marker is on (the codes of REACH).
MARKS = {MARK: "a", "ZQ7B": "b", "ZQ7C": "c", "ZQ7X": "ab"}

#: The people, in the order of the codes in SPEC (spaces in the codes only group them).
PEOPLE = [
    "anonymous",
    # Office A, one membership each.
    "staff",
    "resource_person",
    "section_leader",
    "chief",
    # The head of A's administration (offices A and B).
    "head",
    # Outside office A: the resource person of office B (same administration) and of office C (another one).
    "neighbour",
    "outsider",
    # Several memberships: staff in A and resource person in B; staff in A and resource person in C.
    # Each counts with the strongest role in the office (or administration) at hand.
    "staff_here_rp_neighbour",
    "staff_here_rp_outsider",
]
#: Whose objects each person may reach at all: office A, office B (A's administration), office C (another).
REACH = {
    "anonymous": "",
    "staff": "a",
    "resource_person": "a",
    "section_leader": "a",
    "chief": "a",
    "head": "ab",
    "neighbour": "b",
    "outsider": "c",
    "staff_here_rp_neighbour": "ab",
    "staff_here_rp_outsider": "ac",
}

#: Outcome codes: L sign-in redirect · A allowed (2xx, a redirect elsewhere, or 400/409 for an empty form)
#: F forbidden (403) · N not found (404) · M method not allowed (405)
OUTCOMES = {
    "L": lambda r: r.status_code == 302 and "/accounts/login/" in r["Location"],
    "A": lambda r: (
        r.status_code in (200, 204, 400, 409)
        or (r.status_code in (301, 302) and "/accounts/login/" not in r["Location"])
    ),
    "F": lambda r: r.status_code == 403,
    "N": lambda r: r.status_code == 404,
    "M": lambda r: r.status_code == 405,
}

#: name → (GET, POST), one code per person in PEOPLE order, grouped:
#: anonymous · staff, resource person, section leader, office chief · head · neighbour, outsider ·
#: staff here and RP of the neighbour, staff here and RP of the outsider's office.
SPEC = {
    # Public on purpose, or about the signed-in person only.
    "healthz": ("A AAAA A AA AA", "M MMMM M MM MM"),
    "floor": ("L AAAA A AA AA", "L MMMM M MM MM"),  # the benchmark's signed-in floor
    "set-language": ("M MMMM M MM MM", "A AAAA A AA AA"),
    "accounts:login": ("A AAAA A AA AA", "A AAAA A AA AA"),
    "accounts:logout": ("L MMMM M MM MM", "L LLLL L LL LL"),
    "accounts:password-reset": ("A AAAA A AA AA", "A AAAA A AA AA"),
    "accounts:password-reset-done": ("A AAAA A AA AA", "M MMMM M MM MM"),
    "accounts:password-reset-confirm": ("A AAAA A AA AA", "A AAAA A AA AA"),
    "accounts:password-reset-complete": ("A AAAA A AA AA", "M MMMM M MM MM"),
    "accounts:calendar-feed": ("A AAAA A AA AA", "M MMMM M MM MM"),  # the secret token is the key
    "accounts:calendar-token-regenerate": ("L MMMM M MM MM", "L AAAA A AA AA"),
    "accounts:password-change": ("L AAAA A AA AA", "L AAAA A AA AA"),
    "accounts:password-change-done": ("L AAAA A AA AA", "L MMMM M MM MM"),
    "accounts:profile": ("L AAAA A AA AA", "L AAAA A AA AA"),
    # Single sign-on: reachable without signing in; with no identity provider set up (as here) not found.
    # tests/sso/test_with_sso_configured.py asks them again with both providers set up.
    "sso:logout": ("L MMMM M MM MM", "L LLLL L LL LL"),
    "sso:oidc-login": ("N NNNN N NN NN", "M MMMM M MM MM"),
    "sso:oidc-callback": ("N NNNN N NN NN", "M MMMM M MM MM"),
    "sso:saml-login": ("N NNNN N NN NN", "M MMMM M MM MM"),
    "sso:saml-acs": ("M MMMM M MM MM", "N NNNN N NN NN"),
    "sso:saml-sls": ("N NNNN N NN NN", "N NNNN N NN NN"),
    "sso:saml-metadata": ("N NNNN N NN NN", "M MMMM M MM MM"),
    "home": ("L AAAA A AA AA", "L MMMM M MM MM"),
    "offices:office-list": ("L AAAA A AA AA", "L MMMM M MM MM"),
    "meetings:index": ("L AAAA A AA AA", "L MMMM M MM MM"),
    "logbook:index": ("L AAAA A AA AA", "L MMMM M MM MM"),
    "visits:index": ("L AAAA A AA AA", "L MMMM M MM MM"),
    "visits:availability": ("L AAAA A AA AA", "L AAAA A AA AA"),
    # Read by every member of the office and its heads of administration; nothing for other offices.
    "offices:office-detail": ("L AAAA A NN AA", "L MMMM M MM MM"),
    "meetings:office-meetings": ("L AAAA A NN AA", "L MMMM M MM MM"),
    "meetings:series-detail": ("L AAAA A NN AA", "L MMMM M MM MM"),
    "meetings:meeting-detail": ("L AAAA A NN AA", "L MMMM M MM MM"),
    "meetings:meeting-ics": ("L AAAA A NN AA", "L MMMM M MM MM"),
    "meetings:minutes-detail": ("L AAAA A NN AA", "L MMMM M MM MM"),
    "meetings:minutes-pdf": ("L AAAA A NN AA", "L MMMM M MM MM"),
    "logbook:entry-list": ("L AAAA A NN AA", "L MMMM M MM MM"),
    "logbook:entry-export": ("L AAAA A NN AA", "L MMMM M MM MM"),
    "logbook:entry-detail": ("L AAAA A NN AA", "L MMMM M MM MM"),
    "logbook:attachment-download": ("L AAAA A NN AA", "L MMMM M MM MM"),
    "logbook:circle-list": ("L AAAA A NN AA", "L MMMM M MM MM"),
    "logbook:circle-detail": ("L AAAA A NN AA", "L MMMM M MM MM"),
    "logbook:measure-detail": ("L AAAA A NN AA", "L MMMM M MM MM"),
    "logbook:phase-list": ("L AAAA A NN AA", "L FAAA F NN FF"),
    "visits:people": ("L AAAA A NN AA", "L MMMM M MM MM"),
    "visits:coverage": ("L AAAA A NN AA", "L MMMM M MM MM"),
    # Participants of the meeting comment and propose (staff included); other offices nothing.
    "meetings:comment-create": ("L MMMM M MM MM", "L AAAA F NN AA"),
    "meetings:proposal-create": ("L MMMM M MM MM", "L AAAA A NN AA"),
    "meetings:proposal-support": ("L MMMM M MM MM", "L AAAA A NN AA"),
    # The responsible person (staff here) and the leaders change an agreement's status.
    "logbook:agreement-status": ("L MMMM M MM MM", "L AAAA F NN FF"),
    # Written by resource persons, section leaders and the office chief only.
    "meetings:series-create": ("L FAAA F NN FF", "L FAAA F NN FF"),
    "meetings:series-update": ("L FAAA F NN FF", "L FAAA F NN FF"),
    "meetings:meeting-create": ("L FAAA F NN FF", "L FAAA F NN FF"),
    "meetings:proposal-accept": ("L MMMM M MM MM", "L FAAA F NN FF"),
    "meetings:proposal-decline": ("L FAAA F NN FF", "L FAAA F NN FF"),
    "meetings:meeting-move": ("L FAAA F NN FF", "L FAAA F NN FF"),
    "meetings:meeting-circulate": ("L MMMM M MM MM", "L FAAA F NN FF"),
    "meetings:meeting-cancel": ("L MMMM M MM MM", "L FAAA F NN FF"),
    "meetings:meeting-mail-retry": ("L MMMM M MM MM", "L FAAA F NN FF"),
    "meetings:attendance": ("L FAAA F NN FF", "L FAAA F NN FF"),
    "meetings:room": ("L FAAA F NN FF", "L MMMM M MM MM"),
    "meetings:room-item": ("L FAAA F NN FF", "L MMMM M MM MM"),
    "meetings:meeting-start": ("L MMMM M MM MM", "L FAAA F NN FF"),
    "meetings:meeting-finish": ("L MMMM M MM MM", "L FAAA F NN FF"),
    "meetings:agenda-item-carry": ("L MMMM M MM MM", "L FAAA F NN FF"),
    "meetings:answers-update": ("L FAAA F NN FF", "L FAAA F NN FF"),
    "meetings:agenda-item-create": ("L MMMM M MM MM", "L FAAA F NN FF"),
    "meetings:agenda-item-update": ("L FAAA F NN FF", "L FAAA F NN FF"),
    "meetings:agenda-item-delete": ("L MMMM M MM MM", "L FAAA F NN FF"),
    "meetings:agenda-item-move": ("L MMMM M MM MM", "L FAAA F NN FF"),
    "meetings:item-minutes-update": ("L FAAA F NN FF", "L FAAA F NN FF"),
    "meetings:item-agreement-create": ("L MMMM M MM MM", "L FAAA F NN FF"),
    "meetings:notes-update": ("L FAAA F NN FF", "L FAAA F NN FF"),
    "meetings:minutes-publish": ("L MMMM M MM MM", "L FAAA F NN FF"),
    "logbook:entry-create": ("L FAAA F NN FF", "L FAAA F NN FF"),
    "logbook:entry-update": ("L FAAA F NN FF", "L FAAA F NN FF"),
    "logbook:entry-attachment-create": ("L MMMM M MM MM", "L FAAA F NN FF"),
    "logbook:attachment-delete": ("L MMMM M MM MM", "L FAAA F NN FF"),
    "logbook:meeting-agreement-create": ("L MMMM M MM MM", "L FAAA F NN FF"),
    "logbook:meeting-circle-link": ("L MMMM M MM MM", "L FAAA F NN FF"),
    "logbook:circle-create": ("L FAAA F NN FF", "L FAAA F NN FF"),
    "logbook:circle-card": ("L MMMM M MM MM", "L FAAA F NN FF"),
    "logbook:circle-move": ("L MMMM M MM MM", "L FAAA F NN FF"),
    "logbook:circle-agenda-add": ("L MMMM M MM MM", "L FAAA F NN FF"),
    "logbook:card-attachment-create": ("L MMMM M MM MM", "L FAAA F NN FF"),
    "logbook:measure-create": ("L MMMM M MM MM", "L FAAA F NN FF"),
    "logbook:datapoint-create": ("L MMMM M MM MM", "L FAAA F NN FF"),
    "logbook:measure-point-create": ("L MMMM M MM MM", "L FAAA F NN FF"),
    "logbook:datapoint-update": ("L FAAA F NN FF", "L FAAA F NN FF"),
    "logbook:datapoint-delete": ("L MMMM M MM MM", "L FAAA F NN FF"),
    "logbook:measure-baseline": ("L MMMM M MM MM", "L FAAA F NN FF"),
    "logbook:measure-part-create": ("L MMMM M MM MM", "L FAAA F NN FF"),
    "logbook:measure-part-delete": ("L MMMM M MM MM", "L FAAA F NN FF"),
    # One's own draft of a text one may edit (here an item's minutes): the edit view's rule, nothing for others.
    "drafts:save": ("L MMMM M MM MM", "L FAAA F NN FF"),
    "drafts:discard": ("L MMMM M MM MM", "L FAAA F NN FF"),
    # SLF headings: the resource person and the office chief (and heads of administration) keep them.
    "offices:heading-list": ("L FAFA A NN FF", "L FAFA A NN FF"),
    "offices:heading-update": ("L FAFA A NN FF", "L FAFA A NN FF"),
    # Visit rules per office: resource person and office chief.
    "visits:settings": ("L FAFA F NN FF", "L FAFA F NN FF"),
    # A visit between staff (visitor) and the section leader (host): only the two see it.
    "visits:visit-detail": ("L ANAN N NN NN", "L MMMM M MM MM"),
    "visits:visit-ics": ("L ANAN N NN NN", "L MMMM M MM MM"),
    "visits:visit-reschedule": ("L ANAN N NN NN", "L ANAN N NN NN"),
    "visits:visit-cancel": ("L MMMM M MM MM", "L ANAN N NN NN"),
    "visits:visit-held": ("L MMMM M MM MM", "L ANAN N NN NN"),  # host or visitor says it was (not) held
    "visits:reflection-update": ("L MMMM M MM MM", "L ANAN N NN NN"),
    "visits:visit-decline": ("L MMMM M MM MM", "L FNAN N NN NN"),  # only the host declines
    # The section leader's own availability: nobody else may remove it.
    "visits:availability-delete": ("L MMMM M MM MM", "L NNAN N NN NN"),
    "visits:exception-delete": ("L MMMM M MM MM", "L NNAN N NN NN"),
    # Booking the section leader: colleagues of the office yes, the host themself and outsiders no.
    "visits:book": ("L AANA N NN AA", "L AANA N NN AA"),
    # The glossary: public terms for everyone, internal ones inside the administration, edited by leaders.
    "knowledge:glossary-home": ("A AAAA A AA AA", "M MMMM M MM MM"),
    "knowledge:glossary": ("A AAAA A AA AA", "M MMMM M MM MM"),
    "knowledge:term-detail": ("N AAAA A AN AA", "M MMMM M MM MM"),
    "knowledge:term-create": ("L FAAA A AN AF", "L FAAA A AN AF"),
    # A term is edited, removed and handed over only by its owner office's editors (A's) and the head.
    "knowledge:term-update": ("L FAAA A FN FF", "L FAAA A FN FF"),
    "knowledge:term-delete": ("L MMMM M MM MM", "L FAAA A FN FF"),
    "knowledge:term-handover": ("L MMMM M MM MM", "L FAAA A FN FF"),
    # Who knows what: everyone searches their own administration; leaders see single holders; RPs merge tags.
    "directory:people": ("L AAAA A AA AA", "L MMMM M MM MM"),
    "directory:profile": ("L AAAA A AA AA", "L AAAA A AA AA"),
    "directory:merge": ("L MMMM M MM MM", "L FAFF F AA AA"),
    "directory:single-holders": ("L FAAA F NN FF", "L MMMM M MM MM"),
    # Questions from decentral units: the office registers and reads, leaders route and close, the assignee
    # answers (nobody here: the question is unassigned).
    "questions:list": ("L AAAA A NN AA", "L MMMM M MM MM"),
    "questions:create": ("L AAAA A NN AA", "L AAAA A NN AA"),
    "questions:detail": ("L AAAA A NN AA", "L MMMM M MM MM"),
    "questions:assign": ("L MMMM M MM MM", "L FAAA F NN FF"),
    "questions:answer": ("L MMMM M MM MM", "L FFFF F NN FF"),
    "questions:close": ("L MMMM M MM MM", "L FAAA F NN FF"),
    # Case procedures: the office reads, leaders write (and the owner edits; here the staff member owns it).
    "procedures:list": ("L AAAA A NN AA", "L MMMM M MM MM"),
    "procedures:create": ("L FAAA F NN FF", "L FAAA F NN FF"),
    "procedures:detail": ("L AAAA A NN AA", "L MMMM M MM MM"),
    "procedures:update": ("L AAAA F NN FF", "L AAAA F NN FF"),
    "directory:suggestion": ("L MMMM M MM MM", "L AAAA A AA AA"),
    # Template library: the administration browses; leading people of an office share and copy.
    "templates:list": ("L AAAA A AA AA", "L MMMM M MM MM"),
    "templates:share": ("L FAAA F AA AA", "L FAAA F AA AA"),
    "templates:detail": ("L AAAA A AN AA", "L MMMM M MM MM"),
    "templates:copy": ("L MMMM M MM MM", "L FAAA F AN AF"),
    # Progress: the office's leaders and its heads of administration; staff their own figures; outsiders nothing.
    "progress:index": ("L AAAA A AA AA", "L MMMM M MM MM"),
    "progress:office": ("L AAAA A NN AA", "L MMMM M MM MM"),
    "progress:office-export": ("L AAAA A NN AA", "L MMMM M MM MM"),  # staff: a workbook of their own figures
    "progress:administration": ("L NNNN A NN NN", "L MMMM M MM MM"),
    "progress:administration-export": ("L NNNN A NN NN", "L MMMM M MM MM"),
    # The privacy notice and the accessibility statement are public, linked from every page's footer.
    "privacy:notice": ("A AAAA A AA AA", "M MMMM M MM MM"),
    "privacy:accessibility": ("A AAAA A AA AA", "M MMMM M MM MM"),
    # Coming deletions: the office's managers and its heads of administration; a person leaves: chief and head.
    "privacy:retention": ("L FFAA A NN FF", "L MMMM M MM MM"),
    "privacy:leaving": ("L FFFA A NN FF", "L FFFA A NN FF"),
    # A person's data and the access log: the data protection officer only (a permission none of these holds).
    "privacy:person-search": ("L FFFF F FF FF", "L MMMM M MM MM"),
    "privacy:person-detail": ("L FFFF F FF FF", "L MMMM M MM MM"),
    "privacy:person-export": ("L FFFF F FF FF", "L MMMM M MM MM"),
    "privacy:access-log": ("L FFFF F FF FF", "L MMMM M MM MM"),
    # Café meetings (an open programme owned by office A): everybody with a place in the organisation reads the
    # published meetings, signs up, suggests topics and downloads the material; the leads (A's leading people, the
    # head) plan, publish, edit the programme, add material and record attendance.
    "cafe:programme": ("L AAAA A AA AA", "L MMMM M MM MM"),
    "cafe:meeting": ("L AAAA A AA AA", "L MMMM M MM MM"),
    "cafe:register": ("L MMMM M MM MM", "L AAAA A AA AA"),
    "cafe:cancel": ("L MMMM M MM MM", "L AAAA A AA AA"),
    "cafe:suggestion-create": ("L MMMM M MM MM", "L AAAA A AA AA"),
    "cafe:suggestion-support": ("L MMMM M MM MM", "L AAAA A AA AA"),
    "cafe:material-download": ("L AAAA A AA AA", "L MMMM M MM MM"),
    "cafe:meeting-create": ("L FAAA A FF FF", "L FAAA A FF FF"),
    "cafe:meeting-update": ("L FAAA A FF FF", "L FAAA A FF FF"),
    "cafe:meeting-publish": ("L MMMM M MM MM", "L FAAA A FF FF"),
    "cafe:attendance": ("L FAAA A FF FF", "L FAAA A FF FF"),
    "cafe:presentation-create": ("L MMMM M MM MM", "L FAAA A FF FF"),
    "cafe:presentation-delete": ("L MMMM M MM MM", "L FAAA A FF FF"),
    "cafe:material-create": ("L MMMM M MM MM", "L FAAA A FF FF"),
    "cafe:material-delete": ("L MMMM M MM MM", "L FAAA A FF FF"),
    "cafe:suggestion-accept": ("L MMMM M MM MM", "L FAAA A FF FF"),
    # Programmes (owned by office A): the leads (A's leading people, the head; the section leader also by name)
    # do everything; the participant (A's staff member) reads and edits the initiative they own; others: 404.
    # A participant outside a group creates no initiative; a measure needs a leading role in the office too.
    "programmes:index": ("L AAAA A AA AA", "L MMMM M MM MM"),
    "programmes:programme-detail": ("L AAAA A NN NN", "L MMMM M MM MM"),
    "programmes:participants": ("L FAAA A NN NN", "L FAAA A NN NN"),
    "programmes:participant-remove": ("L MMMM M MM MM", "L FAAA A NN NN"),
    "programmes:leads": ("L FAAA A NN NN", "L FAAA A NN NN"),
    "programmes:lead-remove": ("L MMMM M MM MM", "L FAAA A NN NN"),
    "programmes:themes": ("L FAAA A NN NN", "L FAAA A NN NN"),
    "programmes:theme-edit": ("L FAAA A NN NN", "L FAAA A NN NN"),
    "programmes:theme-move": ("L MMMM M MM MM", "L FAAA A NN NN"),
    "programmes:initiative-list": ("L AAAA A NN NN", "L MMMM M MM MM"),
    "programmes:initiative-create": ("L FAAA A NN NN", "L FAAA A NN NN"),
    "programmes:initiative-detail": ("L AAAA A NN NN", "L MMMM M MM MM"),
    "programmes:initiative-edit": ("L AAAA A NN NN", "L AAAA A NN NN"),
    "programmes:initiative-status": ("L MMMM M MM MM", "L AAAA A NN NN"),
    "programmes:initiative-step-add": ("L AAAA A NN NN", "L AAAA A NN NN"),
    "programmes:initiative-measure": ("L MMMM M MM MM", "L FAAA F NN NN"),
    # Decentral units (of office A): its members read, its leading people edit. Tasks brought home from a meeting
    # with the units: every member (a consultant); the guests' attendance: the leading people.
    "taskforce:units": ("L AAAA A NN AA", "L MMMM M MM MM"),
    "taskforce:unit-create": ("L FAAA F NN FF", "L FAAA F NN FF"),
    "taskforce:unit-detail": ("L AAAA A NN AA", "L MMMM M MM MM"),
    "taskforce:unit-update": ("L FAAA F NN FF", "L FAAA F NN FF"),
    "taskforce:contact-create": ("L FAAA F NN FF", "L FAAA F NN FF"),
    "taskforce:contact-update": ("L FAAA F NN FF", "L FAAA F NN FF"),
    "taskforce:task-create": ("L AAAA A NN AA", "L AAAA A NN AA"),
    "taskforce:guest-attendance": ("L FAAA F NN FF", "L FAAA F NN FF"),
    # The task force (owned by office A): its member (A's staff) reads, the leads (A's leading people, the head)
    # choose the monthly meeting, its guests and the units of an initiative; everybody else: 404.
    "taskforce:programme": ("L AAAA A NN NN", "L MMMM M MM MM"),
    "taskforce:settings": ("L FAAA A NN NN", "L FAAA A NN NN"),
    "taskforce:initiative-units": ("L FAAA A NN NN", "L FAAA A NN NN"),
    # Change agents (owned by office A): the leads (A's leading people, the head) do everything; the change agent
    # (A's staff member) reads, reflects on their sparring notes, proposes a status and presents; others: 404.
    "changeagents:programme": ("L AAAA A NN NN", "L MMMM M MM MM"),
    "changeagents:project-create": ("L FAAA A NN NN", "L FAAA A NN NN"),
    "changeagents:project": ("L AAAA A NN NN", "L MMMM M MM MM"),
    "changeagents:project-edit": ("L FAAA A NN NN", "L FAAA A NN NN"),
    "changeagents:project-delete": ("L MMMM M MM MM", "L FAAA A NN NN"),
    "changeagents:project-status": ("L MMMM M MM MM", "L AFFF F NN NN"),
    "changeagents:project-present": ("L MMMM M MM MM", "L AAAA A NN NN"),
    "changeagents:note-create": ("L MMMM M MM MM", "L FAAA A NN NN"),
    "changeagents:note-edit": ("L FAAA A NN NN", "L FAAA A NN NN"),
    "changeagents:note-reflection": ("L AFFF F NN NN", "L AFFF F NN NN"),
    "changeagents:rhythm-edit": ("L FAAA A NN NN", "L FAAA A NN NN"),
    # Competence development (KAMBU, owned by the office): the participant (staff) sees their own clarification and
    # cohorts and fills in their self-assessment; the leads (leading members, the head) do the rest. Others: 404.
    "development:programme": ("L AAAA A NN NN", "L MMMM M MM MM"),
    "development:self-assessment": ("L AFFF F NN NN", "L AFFF F NN NN"),
    "development:clarification": ("L AAAA A NN NN", "L MMMM M MM MM"),
    "development:dialogue": ("L FAAA A NN NN", "L FAAA A NN NN"),
    "development:recommendation-create": ("L MMMM M MM MM", "L FAAA A NN NN"),
    "development:clarified": ("L MMMM M MM MM", "L FAAA A NN NN"),
    "development:cohort": ("L AAAA A NN NN", "L MMMM M MM MM"),
    "development:enrol": ("L MMMM M MM MM", "L AAAA A NN NN"),
    "development:withdraw": ("L MMMM M MM MM", "L AAAA A NN NN"),
    "development:result": ("L MMMM M MM MM", "L FAAA A NN NN"),
    "development:unit-weeks": ("L FAAA A NN NN", "L MMMM M MM MM"),
    "development:substitutes": ("L FAAA A NN NN", "L FAAA A NN NN"),
    "development:cover-create": ("L MMMM M MM MM", "L FAAA A NN NN"),
    "development:substitute-update": ("L FAAA A NN NN", "L FAAA A NN NN"),
    "development:networks": ("L AAAA A NN NN", "L MMMM M MM MM"),
    "development:offers": ("L FAAA A NN NN", "L MMMM M MM MM"),
    "development:area-create": ("L MMMM M MM MM", "L FAAA A NN NN"),
    "development:offer-create": ("L MMMM M MM MM", "L FAAA A NN NN"),
    "development:cohort-create": ("L MMMM M MM MM", "L FAAA A NN NN"),
    # A bootcamp group's work (owned by office A): the leads (A's leading people, the head) and the group's member
    # (A's staff member) edit the problem, barriers and journey map; outside the programme: 404.
    "bootcamps:barriers": ("L AAAA A NN NN", "L MMMM M MM MM"),
    "bootcamps:group-problem": ("L AAAA A NN NN", "L AAAA A NN NN"),
    "bootcamps:barrier-create": ("L AAAA A NN NN", "L AAAA A NN NN"),
    "bootcamps:barrier-update": ("L AAAA A NN NN", "L AAAA A NN NN"),
    "bootcamps:barrier-sort": ("L MMMM M MM MM", "L AAAA A NN NN"),
    "bootcamps:barrier-delete": ("L MMMM M MM MM", "L AAAA A NN NN"),
    "bootcamps:journey": ("L AAAA A NN NN", "L MMMM M MM MM"),
    "bootcamps:journey-update": ("L AAAA A NN NN", "L AAAA A NN NN"),
    "bootcamps:step-create": ("L AAAA A NN NN", "L AAAA A NN NN"),
    "bootcamps:step-update": ("L AAAA A NN NN", "L AAAA A NN NN"),
    "bootcamps:step-move": ("L MMMM M MM MM", "L AAAA A NN NN"),
    "bootcamps:step-delete": ("L MMMM M MM MM", "L AAAA A NN NN"),
    # A bootcamp (owned by office A): the participant (A's staff member) reads the programme, its days and groups
    # and evaluates a held day; the leads (A's leading people, the head) plan the days and build the groups (and do
    # not evaluate: they are not participants). Outside the programme: 404.
    "bootcamps:programme": ("L AAAA A NN NN", "L MMMM M MM MM"),
    "bootcamps:day-create": ("L FAAA A NN NN", "L FAAA A NN NN"),
    "bootcamps:day": ("L AAAA A NN NN", "L MMMM M MM MM"),
    "bootcamps:day-update": ("L FAAA A NN NN", "L FAAA A NN NN"),
    "bootcamps:day-evaluate": ("L AFFF F NN NN", "L AFFF F NN NN"),
    "bootcamps:group-builder": ("L FAAA A NN NN", "L FAAA A NN NN"),
    "bootcamps:group": ("L AAAA A NN NN", "L MMMM M MM MM"),
}


#: A cross-office series of A's administration: every office of the administration reads it; the leading
#: roles of any of its offices edit it. A person of several memberships counts with the strongest role they
#: hold in the administration: staff here and resource person of the neighbour office edits, staff here and
#: resource person in another administration does not.
CROSS_OFFICE = {
    "meetings:series-detail": ("L AAAA A AN AA", "L MMMM M MM MM"),
    "meetings:series-update": ("L FAAA F AN AF", "L FAAA F AN AF"),
    "meetings:meeting-create": ("L FAAA F AN AF", "L FAAA F AN AF"),
    "meetings:meeting-detail": ("L AAAA A AN AA", "L MMMM M MM MM"),
    "meetings:meeting-move": ("L FAAA F AN AF", "L FAAA F AN AF"),
    "meetings:agenda-item-create": ("L MMMM M MM MM", "L FAAA F AN AF"),
    "meetings:agenda-item-update": ("L FAAA F AN AF", "L FAAA F AN AF"),
    "meetings:notes-update": ("L FAAA F AN AF", "L FAAA F AN AF"),
    "meetings:item-minutes-update": ("L FAAA F AN AF", "L FAAA F AN AF"),
    "meetings:proposal-accept": ("L MMMM M MM MM", "L FAAA F AN AF"),
    "meetings:proposal-decline": ("L FAAA F AN AF", "L FAAA F AN AF"),
    "meetings:room-item": ("L FAAA F AN AF", "L MMMM M MM MM"),
}

#: The answers to someone from office B may show A's objects on these pages: they belong to the
#: administration (the internal glossary and the template library), not to the office.
SHARED_WITH_THE_ADMINISTRATION = {
    "knowledge:glossary-home",
    "knowledge:glossary",
    "knowledge:term-create",
    "knowledge:term-detail",
    "knowledge:term-update",
    "templates:list",
    "templates:detail",
}
#: Open café programmes are for everybody with a place in the organisation: answers to anyone who may act on
#: these pages may show their objects, whichever office holds them (the programme index lists open programmes).
OPEN_TO_THE_ORGANISATION = {
    "programmes:index",
    "cafe:programme",
    "cafe:meeting",
    "cafe:register",
    "cafe:cancel",
    "cafe:suggestion-create",
    "cafe:suggestion-support",
    "cafe:material-download",
}
#: The calendar feed's token is the key: whoever holds it reads its owner's calendar.
KEYED = {"accounts:calendar-feed"}
#: URL arguments that do not name an object (a format, a form part, a secret token).
NOT_OBJECTS = {"fmt", "part", "token", "uidb64"}


@pytest.fixture
def frozen():
    with time_machine.travel(NOW, tick=False):
        yield


def _objects(world, here, library_administration, library_office, mark, library_mark):
    """One of every object of the office ``here``, each carrying ``mark``; the kwargs of every URL.

    The glossary term and the shared template belong to ``library_administration`` (made in
    ``library_office``) and carry ``library_mark``, so that the other set can put them in another
    administration.
    """
    entry = Entry.objects.create(
        office=here.office,
        author=here.resource_person,
        kind="agreement",
        title=f"{mark} aftale",
        text=f"{mark} tekst",
        date=NOW.date(),
        due_date=NOW.date() + timedelta(days=30),
        status="open",
    )
    entry.responsible.set([here.staff])
    circle = circles.start_circle(
        LearningCircle(office=here.office, title=f"{mark} cirkel", challenge=f"{mark} udfordring"),
        here.resource_person,
    )
    measure = Measure.objects.create(circle=circle, name=f"{mark} mål", unit="dage")
    point = DataPoint.objects.create(measure=measure, date=NOW.date(), value=3, author=here.resource_person)
    part = MeasurePart.objects.create(
        measure=measure, starts_on=NOW.date(), label=f"{mark} ny del", author=here.resource_person
    )
    form = AttachmentForm(files={"file": SimpleUploadedFile(f"{mark}.txt", f"{mark} data".encode())})
    assert form.is_valid()
    attachment = form.save(office=here.office, uploaded_by=here.resource_person, entry=entry)
    series = MeetingSeries.objects.create(
        office=here.office,
        title=f"{mark} SLF-møde",
        frequency=Frequency.MONTHLY_WEEKDAY,
        weekday=3,
        start_date=NOW.date(),
        start_time=time(9),
        duration_minutes=60,
    )
    rhythm.generate(series)
    meeting = series.meetings.order_by("starts_at").first()
    item = meeting.agenda_items.create(title=f"{mark} punkt", duration_minutes=20, position=1)
    AgendaComment.objects.create(item=item, author=here.staff, text=f"{mark} kommentar")
    proposal = TopicProposal.objects.create(series=series, proposed_by=here.staff, title=f"{mark} forslag")
    window = AvailabilityWindow.objects.create(
        person=here.section_leader, weekday=Weekday.TUESDAY, start=time(10), end=time(12)
    )
    exception = AvailabilityException.objects.create(
        person=here.section_leader, date=NOW.date() + timedelta(days=8), kind="blocked"
    )
    visit = visit_services.book_visit(
        here.section_leader, here.staff, datetime(2026, 3, 3, 10, tzinfo=TZ), f"{mark} besøg", now=NOW
    )
    slug = here.office.slug
    heading = here.office.headings.first()
    question = Question.objects.create(
        office=here.office,
        unit=f"{mark} skole",
        asked_by="Skoleleder",
        title=f"{mark} spørgsmål",
        description=f"{mark} beskrivelse",
        created_by=here.staff,
    )
    procedure = Procedure.objects.create(
        office=here.office, title=f"{mark} sagsgang", body=f"{mark} trin", owner=here.staff, review_date=NOW.date()
    )
    template = SharedTemplate.objects.create(
        administration=library_administration,
        kind="visit_guide",
        title=f"{library_mark} guide",
        content={"text": f"{library_mark} tekst"},
        made_by=library_office.resource_person,
        made_in=library_office.office,
    )
    term = Term.objects.create(
        administration=library_administration,
        term=f"{library_mark} begreb",
        explanation=f"{library_mark} forklaring",
        owner=library_office.office,
    )
    administration = library_administration.slug
    development = development_objects(here, mark)
    return {
        "home": {},
        "healthz": {},
        "floor": {},
        "set-language": {},
        "accounts:login": {},
        "accounts:logout": {},
        "accounts:profile": {},
        "sso:logout": {},
        "sso:oidc-login": {},
        "sso:oidc-callback": {},
        "sso:saml-login": {},
        "sso:saml-acs": {},
        "sso:saml-sls": {},
        "sso:saml-metadata": {},
        "accounts:calendar-feed": {"token": here.staff.calendar_token},
        "accounts:calendar-token-regenerate": {},
        "accounts:password-change": {},
        "accounts:password-change-done": {},
        "accounts:password-reset": {},
        "accounts:password-reset-done": {},
        "accounts:password-reset-confirm": {"uidb64": "MQ", "token": "set-password"},
        "accounts:password-reset-complete": {},
        "offices:office-list": {},
        "offices:office-detail": {"slug": slug},
        "offices:heading-list": {"slug": slug},
        "offices:heading-update": {"slug": slug, "pk": heading.pk},
        "meetings:index": {},
        "meetings:office-meetings": {"slug": slug},
        "meetings:series-create": {"slug": slug},
        "meetings:series-detail": {"pk": series.pk},
        "meetings:series-update": {"pk": series.pk},
        "meetings:meeting-create": {"pk": series.pk},
        "meetings:proposal-create": {"pk": series.pk},
        "meetings:proposal-support": {"proposal_pk": proposal.pk},
        "meetings:proposal-accept": {"proposal_pk": proposal.pk},
        "meetings:proposal-decline": {"proposal_pk": proposal.pk},
        "meetings:meeting-detail": {"pk": meeting.pk},
        "meetings:meeting-ics": {"pk": meeting.pk},
        "meetings:meeting-move": {"pk": meeting.pk},
        "meetings:meeting-circulate": {"pk": meeting.pk},
        "meetings:meeting-cancel": {"pk": meeting.pk},
        "meetings:meeting-mail-retry": {"pk": meeting.pk},
        "meetings:attendance": {"pk": meeting.pk},
        "meetings:room": {"pk": meeting.pk},
        "meetings:room-item": {"pk": meeting.pk, "item_pk": item.pk},
        "meetings:meeting-start": {"pk": meeting.pk},
        "meetings:meeting-finish": {"pk": meeting.pk},
        "meetings:agenda-item-carry": {"pk": meeting.pk, "item_pk": item.pk},
        "meetings:answers-update": {"pk": meeting.pk, "part": "before"},
        "meetings:agenda-item-create": {"pk": meeting.pk},
        "meetings:agenda-item-update": {"pk": meeting.pk, "item_pk": item.pk},
        "meetings:agenda-item-delete": {"pk": meeting.pk, "item_pk": item.pk},
        "meetings:agenda-item-move": {"pk": meeting.pk, "item_pk": item.pk},
        "meetings:comment-create": {"pk": meeting.pk, "item_pk": item.pk},
        "meetings:item-minutes-update": {"pk": meeting.pk, "item_pk": item.pk},
        "meetings:item-agreement-create": {"pk": meeting.pk, "item_pk": item.pk},
        "meetings:notes-update": {"pk": meeting.pk},
        "meetings:minutes-publish": {"pk": meeting.pk},
        "meetings:minutes-detail": {"pk": meeting.pk},
        "meetings:minutes-pdf": {"pk": meeting.pk},
        "drafts:save": {"key": f"meetings.agendaitem:{item.pk}:minutes"},
        "drafts:discard": {"key": f"meetings.agendaitem:{item.pk}:minutes"},
        "logbook:index": {},
        "logbook:entry-list": {"slug": slug},
        "logbook:entry-export": {"slug": slug, "fmt": "csv"},
        "logbook:meeting-agreement-create": {"slug": slug, "meeting_pk": meeting.pk},
        "logbook:meeting-circle-link": {"slug": slug, "meeting_pk": meeting.pk},
        "logbook:circle-list": {"slug": slug},
        "logbook:circle-create": {"slug": slug},
        "logbook:phase-list": {"slug": slug},
        "logbook:circle-detail": {"slug": slug, "pk": circle.pk},
        "logbook:circle-card": {"slug": slug, "pk": circle.pk},
        "logbook:circle-move": {"slug": slug, "pk": circle.pk},
        "logbook:circle-agenda-add": {"slug": slug, "pk": circle.pk},
        "logbook:measure-create": {"slug": slug, "pk": circle.pk},
        "logbook:datapoint-create": {"slug": slug, "pk": circle.pk, "measure_pk": measure.pk},
        "logbook:measure-detail": {"slug": slug, "pk": circle.pk, "measure_pk": measure.pk},
        "logbook:measure-point-create": {"slug": slug, "pk": circle.pk, "measure_pk": measure.pk},
        "logbook:datapoint-update": {"slug": slug, "pk": circle.pk, "measure_pk": measure.pk, "point_pk": point.pk},
        "logbook:datapoint-delete": {"slug": slug, "pk": circle.pk, "measure_pk": measure.pk, "point_pk": point.pk},
        "logbook:measure-baseline": {"slug": slug, "pk": circle.pk, "measure_pk": measure.pk},
        "logbook:measure-part-create": {"slug": slug, "pk": circle.pk, "measure_pk": measure.pk},
        "logbook:measure-part-delete": {"slug": slug, "pk": circle.pk, "measure_pk": measure.pk, "part_pk": part.pk},
        "logbook:card-attachment-create": {"slug": slug, "pk": circle.pk},
        "logbook:attachment-download": {"slug": slug, "pk": attachment.pk},
        "logbook:attachment-delete": {"slug": slug, "pk": attachment.pk},
        "logbook:entry-attachment-create": {"slug": slug, "pk": entry.pk},
        "logbook:entry-create": {"slug": slug},
        "logbook:entry-detail": {"slug": slug, "pk": entry.pk},
        "logbook:entry-update": {"slug": slug, "pk": entry.pk},
        "logbook:agreement-status": {"slug": slug, "pk": entry.pk},
        "visits:index": {},
        "visits:availability": {},
        "visits:availability-delete": {"pk": window.pk},
        "visits:exception-delete": {"pk": exception.pk},
        "visits:visit-detail": {"pk": visit.pk},
        "visits:visit-cancel": {"pk": visit.pk},
        "visits:visit-held": {"pk": visit.pk},
        "visits:visit-decline": {"pk": visit.pk},
        "visits:visit-reschedule": {"pk": visit.pk},
        "visits:reflection-update": {"pk": visit.pk},
        "visits:visit-ics": {"pk": visit.pk},
        "visits:people": {"slug": slug},
        "visits:coverage": {"slug": slug},
        "visits:settings": {"slug": slug},
        "visits:book": {"person_pk": here.section_leader.pk},
        "questions:list": {"slug": slug},
        "questions:create": {"slug": slug},
        "questions:detail": {"slug": slug, "pk": question.pk},
        "questions:assign": {"slug": slug, "pk": question.pk},
        "questions:answer": {"slug": slug, "pk": question.pk},
        "questions:close": {"slug": slug, "pk": question.pk},
        "procedures:list": {"slug": slug},
        "procedures:create": {"slug": slug},
        "procedures:detail": {"slug": slug, "pk": procedure.pk},
        "procedures:update": {"slug": slug, "pk": procedure.pk},
        "directory:suggestion": {},
        "templates:list": {},
        "templates:share": {},
        "templates:detail": {"pk": template.pk},
        "templates:copy": {"pk": template.pk},
        "directory:people": {},
        "directory:profile": {},
        "directory:merge": {},
        "directory:single-holders": {"slug": slug},
        "progress:index": {},
        "progress:office": {"slug": slug},
        "progress:office-export": {"slug": slug},
        "progress:administration": {"slug": administration},
        "progress:administration-export": {"slug": administration},
        "privacy:notice": {},
        "privacy:accessibility": {},
        "privacy:retention": {"slug": slug},
        "privacy:leaving": {"slug": slug},
        "privacy:person-search": {},
        "privacy:person-detail": {"pk": here.staff.pk},
        "privacy:person-export": {"pk": here.staff.pk},
        "privacy:access-log": {},
        "knowledge:glossary-home": {},
        "knowledge:glossary": {"slug": administration},
        "knowledge:term-detail": {"slug": administration, "term_slug": term.slug},
        "knowledge:term-create": {"slug": administration},
        "knowledge:term-update": {"slug": administration, "term_slug": term.slug},
        "knowledge:term-delete": {"slug": administration, "term_slug": term.slug},
        "knowledge:term-handover": {"slug": administration, "term_slug": term.slug},
        **change_agent_objects(here, mark, NOW.date()),
        **task_force_objects(here, mark, NOW.date()),
        **programme_objects(here, mark, NOW.date()),
        **development,
        **bootcamp_objects(here, mark, NOW.date()),
        **bootcamp_work_objects(here, mark, NOW.date()),
        **cafe_objects(here, mark, NOW.date()),
    }


@pytest.fixture
def office_a(world, frozen, settings, tmp_path):
    """One of every object of office A, each carrying the marker: URL name → kwargs."""
    settings.MEDIA_ROOT = tmp_path
    return _objects(world, world.a, world.administration, world.a, MARK, MARK)


@pytest.fixture
def office_b(world, office_a):
    """The same objects in office B; the glossary term and the template in another administration (office C's)."""
    return _objects(world, world.b, world.other_administration, world.c, "ZQ7B", "ZQ7C")


@pytest.fixture
def cross_office(world, office_a):
    """A cross-office series of A's administration (offices A and B take part), its meeting and an item."""
    series = MeetingSeries.objects.create(
        office=None,
        administration=world.administration,
        title="ZQ7X tværgående møde",
        frequency=Frequency.MONTHLY_WEEKDAY,
        weekday=2,
        start_date=NOW.date(),
        start_time=time(13),
        duration_minutes=60,
    )
    rhythm.generate(series)
    meeting = series.meetings.order_by("starts_at").first()
    item = meeting.agenda_items.create(title="ZQ7X punkt", duration_minutes=20, position=1)
    proposal = TopicProposal.objects.create(series=series, proposed_by=world.b.staff, title="ZQ7X forslag")
    return {
        "meetings:series-detail": {"pk": series.pk},
        "meetings:series-update": {"pk": series.pk},
        "meetings:meeting-create": {"pk": series.pk},
        "meetings:meeting-detail": {"pk": meeting.pk},
        "meetings:meeting-move": {"pk": meeting.pk},
        "meetings:agenda-item-create": {"pk": meeting.pk},
        "meetings:agenda-item-update": {"pk": meeting.pk, "item_pk": item.pk},
        "meetings:notes-update": {"pk": meeting.pk},
        "meetings:item-minutes-update": {"pk": meeting.pk, "item_pk": item.pk},
        "meetings:proposal-accept": {"proposal_pk": proposal.pk},
        "meetings:proposal-decline": {"proposal_pk": proposal.pk},
        "meetings:room-item": {"pk": meeting.pk, "item_pk": item.pk},
    }


@pytest.fixture
def people(world):
    """Everyone in PEOPLE, with the two people of several memberships made here (the shared world has none)."""
    here_and_neighbour = factories.make_member(
        world.a.office, Role.STAFF, world.a.section, full_name="AB Two Offices", email="ab.two@test.example"
    )
    Membership.objects.create(
        person=here_and_neighbour, office=world.b.office, role=Role.RESOURCE_PERSON, section=world.b.section
    )
    here_and_outsider = factories.make_member(
        world.a.office, Role.STAFF, world.a.section, full_name="AC Two Administrations", email="ac.two@test.example"
    )
    Membership.objects.create(
        person=here_and_outsider, office=world.c.office, role=Role.RESOURCE_PERSON, section=world.c.section
    )
    return {
        "anonymous": None,
        "staff": world.a.staff,
        "resource_person": world.a.resource_person,
        "section_leader": world.a.section_leader,
        "chief": world.a.chief,
        "head": world.head,
        "neighbour": world.b.resource_person,
        "outsider": world.c.resource_person,
        "staff_here_rp_neighbour": here_and_neighbour,
        "staff_here_rp_outsider": here_and_outsider,
    }


@pytest.fixture
def sessions(people):
    """A signed-in session per person, made once (signing in for every request would double the run time)."""
    keys = {}
    for who, person in people.items():
        if person is not None:
            session = SessionStore()
            session[SESSION_KEY] = str(person.pk)
            session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
            session[HASH_SESSION_KEY] = person.get_session_auth_hash()
            session.save()
            keys[who] = session.session_key
    return keys


class _Writes:
    """Records the tables a request writes to (sessions aside)."""

    def __init__(self):
        self.tables = []

    def __call__(self, execute, sql, params, many, context):
        text = sql.decode() if isinstance(sql, bytes) else sql
        verb = text.lstrip()[:7].upper()
        if verb.startswith(("INSERT", "UPDATE", "DELETE")) and "django_session" not in text:
            self.tables.append(text.split('"')[1] if '"' in text else text[:40])
        return execute(sql, params, many, context)


class Asker:
    """Asks one URL as one person, in a savepoint that is rolled back; counts the requests."""

    def __init__(self, client, sessions):
        self.client = client
        self.sessions = sessions
        self.count = 0

    def __call__(self, who, method, url):
        """Return (outcome code, every byte of the answer, tables written)."""
        self.client.cookies = SimpleCookie()
        if who in self.sessions:
            self.client.cookies[django_settings.SESSION_COOKIE_NAME] = self.sessions[who]
        writes = _Writes()
        self.count += 1
        with transaction.atomic(), connection.execute_wrapper(writes):
            response = getattr(self.client, method.lower())(url)
            # Streamed bodies (files, exports) are read inside the savepoint: they may still query.
            # (The test client closes the response; closing it here again would close the connection.)
            body = b"".join(response.streaming_content) if response.streaming else response.content
            transaction.set_rollback(True)
        answer = b"\n".join(
            [
                str(response.status_code).encode(),
                *(f"{k}: {v}".encode() for k, v in response.items()),
                response.cookies.output().encode(),
                *(str(m).encode() for m in _messages(response)),
                body,
            ]
        )
        code = next((c for c, ok in OUTCOMES.items() if ok(response)), f"[{response.status_code}]")
        return code, answer, writes.tables


def _messages(response):
    """The messages a response carries in its (signed, encoded) cookie."""
    morsel = response.cookies.get(CookieStorage.cookie_name)
    if morsel is None or not morsel.value:
        return []
    return CookieStorage(HttpRequest())._decode(morsel.value) or []


@pytest.fixture
def ask(client, sessions):
    return Asker(client, sessions)


def _codes(row):
    codes = row.replace(" ", "")
    assert len(codes) == len(PEOPLE), row
    return dict(zip(PEOPLE, codes, strict=True))


def _group(name):
    return name.split(":")[0] if ":" in name else "slf"


def _routes():
    """URL name → the names of its arguments."""
    return {
        name: re.findall(r"<(?:\w+:)?(\w+)>", route)
        for route, name in _walk(get_resolver().url_patterns)
        if name and not route.startswith("admin/") and "(?P" not in route
    }


def _url_names():
    return set(_routes())


#: One test per app, so a failure names the app (and the mutation check runs only the part it needs).
GROUPS = sorted({_group(name) for name in SPEC})
#: The apps with URLs that take an object.
OBJECT_GROUPS = sorted(
    {_group(name) for name, args in _routes().items() if name in SPEC and set(args) - NOT_OBJECTS - {"slug"}}
)


def _may_see(who, name, mark, code):
    """Whether an answer to ``who`` (outcome ``code``) may show objects carrying ``mark``."""
    if name in KEYED:
        return True
    if code != "A":
        return False  # a refusal shows nothing, to anyone
    if mark == MARK and who == "neighbour" and name in SHARED_WITH_THE_ADMINISTRATION:
        return True
    if name in OPEN_TO_THE_ORGANISATION and REACH[who]:
        return True
    return bool(set(MARKS[mark]) & set(REACH[who]))


def _around(answer, mark):
    at = answer.index(mark.encode())
    return answer[max(0, at - 60) : at + 40].decode(errors="replace")


# Random tokens (CSRF tokens, 64 letters and digits, a new mask for every form; session keys; the cookie's secret)
# hold a marker such as "ZQ7C" by chance now and then: blank out every run of 32 or more letters and digits
# before looking for markers, which never stand in such a run (they sit in names and texts between spaces).
RANDOM_TOKEN = re.compile(rb"[A-Za-z0-9]{32,}")


def _problems(name, method, who, code, answer, writes, expected, marks):
    problems = []
    if code != expected:
        problems.append(f"{name} {method} {who}: got {code}, expected {expected}")
    answer = RANDOM_TOKEN.sub(b"", answer)
    for mark in marks:
        if mark.encode() in answer and not _may_see(who, name, mark, expected):
            problems.append(f"{name} {method} {who}: the {code} answer shows {mark}: …{_around(answer, mark)!r}…")
    if writes and (expected in "NFM" or who == "anonymous"):
        problems.append(f"{name} {method} {who}: refused ({code}) but wrote to {sorted(set(writes))}")
    return problems


def test_every_url_has_a_row(world, office_a, office_b):
    names = _url_names()
    assert names - set(SPEC) == set(), "new URLs need a row in SPEC (and an object in office_a)"
    assert set(SPEC) - names == set(), "SPEC lists URLs that no longer exist"
    assert set(office_a) == set(SPEC) == set(office_b)
    for get, post in SPEC.values():
        _codes(get), _codes(post)


@pytest.mark.parametrize("group", GROUPS)
def test_each_person_gets_the_expected_answer(ask, office_a, office_b, group):
    problems = []
    for name in sorted(n for n in SPEC if _group(n) == group):
        url = reverse(name, kwargs=office_a[name])
        for method, row in zip(("GET", "POST"), SPEC[name], strict=True):
            for who, expected in _codes(row).items():
                code, answer, writes = ask(who, method, url)
                problems += _problems(name, method, who, code, answer, writes, expected, MARKS)
    print(f"{group}: {ask.count} requests")
    assert not problems, "\n".join(problems)


def _swaps(name, own, other):
    """The mixed kwargs for one URL: each object argument, then the office slug, swapped for the other's."""
    objects = [k for k in own if k not in NOT_OBJECTS | {"slug"}]
    if not objects:
        return []
    return [(k, {**own, k: other[k]}) for k in objects + (["slug"] if "slug" in own else [])]


def _askers(name, method, own):
    """Who asks a swapped URL: anonymous; of office A's people, those who may act on the own object (else
    those refused it); and everyone who reaches both offices of the mix (a head, two memberships), who
    could pass a check that looks at the slug or the object but not at both.

    The only mix that is not foreign to everyone is a lone object of another office on a URL without an
    office slug (``meetings/<pk>/``): people who reach that office may see it, so they don't ask it. Nobody
    asks a method that no one may use on the own object (405, or refused to all).
    """
    codes = _codes(SPEC[name][0 if method == "GET" else 1])
    if not set(codes.values()) & {"A", "F"}:
        return []
    lone = "slug" not in own and len([k for k in own if k not in NOT_OBJECTS]) == 1
    side = "c" if name.startswith(("templates:", "knowledge:")) else "b"
    only_here = [w for w in PEOPLE if REACH[w] == "a"]
    acting = [w for w in only_here if codes[w] == "A"] or [w for w in only_here if codes[w] == "F"]
    both = [w for w in PEOPLE if {"a", side} <= set(REACH[w]) and not lone]
    return ["anonymous", *acting, *both]


@pytest.mark.parametrize("group", OBJECT_GROUPS)
def test_another_offices_object_is_not_found(ask, office_a, office_b, group):
    """Each object argument swapped (then the office slug): a 404, writing nothing and showing nothing."""
    problems = []
    for name in sorted(n for n in SPEC if _group(n) == group):
        for swapped, kwargs in _swaps(name, office_a[name], office_b[name]):
            url = reverse(name, kwargs=kwargs)
            for method, row in zip(("GET", "POST"), SPEC[name], strict=True):
                own = _codes(row)
                for who in _askers(name, method, office_a[name]):
                    code, answer, writes = ask(who, method, url)
                    expected = own[who] if who == "anonymous" else "N"
                    if code == "F" and (own[who] == "F" or swapped == "slug"):
                        # Refused for the role (in the office of the slug) before the object is looked up.
                        expected = "F"
                    label = f"{name} [{swapped} of the other office]"
                    problems += _problems(label, method, who, code, answer, writes, expected, MARKS)
    assert ask.count, "no swapped request was made"
    print(f"{group}: {ask.count} swapped requests")
    assert not problems, "\n".join(problems)


def test_cross_office_series_counts_the_strongest_role_in_the_administration(ask, office_a, cross_office):
    problems = []
    for name, kwargs in sorted(cross_office.items()):
        url = reverse(name, kwargs=kwargs)
        for method, row in zip(("GET", "POST"), CROSS_OFFICE[name], strict=True):
            for who, expected in _codes(row).items():
                code, answer, writes = ask(who, method, url)
                problems += _problems(f"{name} (cross-office)", method, who, code, answer, writes, expected, MARKS)
    assert set(cross_office) == set(CROSS_OFFICE)
    assert not problems, "\n".join(problems)
