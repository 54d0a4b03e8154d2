"""Demo: Budget og Regnskab's change agents (Billund's practice), with fortnightly sparring and presentations at
the office meeting. Idempotent: a second run adds nothing."""

from datetime import time, timedelta

from django.db import transaction
from django.utils import timezone

from meetings.models import AgendaItem, AgendaItemKind, Meeting, MeetingKind, MeetingSeries
from offices.demo import email_for
from offices.models import Membership, Office, Role
from programmes.models import Level, Participant, Programme, ProgrammeKind

from .models import Project, ProjectPresentation, ProjectStatus, SparringNote, SparringRhythm
from .services import PRESENTATION_MINUTES

SLUG = "forandringsagenter-budget-og-regnskab"

PROJECTS = [
    (
        "Borgerrettet tænkning i fakturahåndtering",
        "Fakturaer og rykkere skal kunne læses af den skoleleder eller borger, der får dem: korte sætninger, "
        "ingen fagord, og hvad modtageren skal gøre. Målet er færre opkald og mails med spørgsmål.",
        [
            (
                "Gennemgang af de ti mest brugte brevskabeloner. Rasmus har talt opkald i to uger.",
                "Omskriv de tre skabeloner med flest opkald",
                ProjectStatus.IN_PROGRESS,
            ),
            (
                "De tre skabeloner er skrevet om. Vi talte om at teste dem på to skolesekretærer.",
                "Test med to skolesekretærer",
                ProjectStatus.IN_PROGRESS,
            ),
            (
                "Skolesekretærerne forstod de nye breve uden hjælp. Ordbogen bruges til de sidste fagord.",
                "Fremlæg på kontormødet",
                ProjectStatus.IN_PROGRESS,
            ),
            (
                "Forberedelse af fremlæggelsen: før/efter-eksempler og tallene for opkald.",
                "Rul de nye skabeloner ud i hele kontoret",
                ProjectStatus.IN_PROGRESS,
            ),
        ],
    ),
    (
        "Fælles indbakke uden dobbeltarbejde",
        "Kontorets fælles postkasse besvares i dag af flere på én gang. En enkel fordeling efter emne og en "
        "markering af, hvem der har taget en mail, skal fjerne dobbeltarbejdet.",
        [
            (
                "Kortlægning: hvor mange mails besvares to gange? Cirka hver tiende i stikprøven.",
                "Forslag til emnefordeling",
                ProjectStatus.IDEA,
            ),
            (
                "Forslaget til emnefordeling er klar; teamlederne skal høres.",
                "Høring hos teamlederne",
                ProjectStatus.IN_PROGRESS,
            ),
            (
                "Travl periode med regnskabsafslutning: projektet sættes på pause i to uger.",
                "Genoptag efter afslutningen",
                ProjectStatus.PAUSED,
            ),
        ],
    ),
    (
        "Bedre overblik for skolernes administration",
        "Skolernes administrative ledere skal have ét overblik over budget og forbrug, som de kan bruge i "
        "samtalen med skolelederen, i stedet for tre regneark.",
        [
            (
                "Interview med to administrative ledere om, hvad de savner.",
                "Skitse af overblikket",
                ProjectStatus.IN_PROGRESS,
            ),
            (
                "Skitsen vist for lederne; de vil have forbrug pr. måned og en kort forklaring.",
                "Første udgave af overblikket",
                ProjectStatus.IN_PROGRESS,
            ),
            (
                "Første udgave i brug på én skole. Forklaringerne skal være kortere.",
                "Udvid til fem skoler",
                ProjectStatus.IN_PROGRESS,
            ),
            (
                "Fem skoler bruger overblikket. Lederne spørger mindre, og samtalerne bliver kortere.",
                "Evaluér med lederne",
                ProjectStatus.IN_PROGRESS,
            ),
            ("Evalueringen er positiv; overblikket bliver en fast del af månedsafslutningen.", "", ProjectStatus.DONE),
        ],
    ),
]


@transaction.atomic
def seed(stdout=None) -> None:
    office = Office.objects.filter(slug="budget-og-regnskab").first()
    manager = Membership.objects.filter(person__email=email_for("kontorchef"), office=office).select_related("person")
    manager = manager.first()
    rasmus = Membership.objects.filter(person__email=email_for("medarbejder"), office=office).first()
    if office is None or manager is None or rasmus is None:
        return
    programme, created = Programme.objects.get_or_create(
        slug=SLUG,
        defaults={
            "kind": ProgrammeKind.CHANGE_AGENTS,
            "name": "Forandringsagenter i Budget og Regnskab",
            "owner_office": office,
            "description": "Hver fjortende dag mødes forandringsagenterne med kontorchefen til sparring om deres "
            "projekter, og på kontormøderne får de ordet, så alle i kontoret ved, hvad der sker og hvorfor.",
        },
    )
    if not created:
        return
    manager = manager.person
    programme.leads.add(manager)
    others = list(
        Membership.objects.filter(office=office, role=Role.STAFF)
        .exclude(person=rasmus.person)
        .select_related("person")
        .order_by("person__full_name")[:2]
    )
    today = timezone.localdate()
    start = today - timedelta(days=60)
    agents = []
    for n, membership in enumerate([rasmus, *others]):
        agent = Participant.objects.create(
            programme=programme, person=membership.person, office=office, level=Level.STAFF, joined_on=start
        )
        # Tuesday, Wednesday and Thursday sparring in turn, every fourteen days.
        first = start + timedelta(days=(1 + n - start.weekday()) % 7)
        SparringRhythm.objects.create(
            participant=agent, first_on=first, at=time(13 + n), location="Kontorchefens kontor"
        )
        agents.append((agent, first))
    projects = []
    for (agent, first), (title, description, notes) in zip(agents, PROJECTS, strict=True):
        project = Project.objects.create(
            programme=programme,
            agent=agent,
            title=title,
            description=description,
            started_on=start,
            created_by=manager,
        )
        for index, (discussed, next_step, status) in enumerate(notes):
            held_on = first + timedelta(days=14 * index)
            if held_on > today:
                break
            reflection = "Godt at få sat ord på, hvad næste skridt er." if index % 2 else ""
            SparringNote.objects.create(
                project=project,
                held_on=held_on,
                discussed=discussed,
                next_step=next_step,
                status=status,
                reflection=reflection,
                written_by=manager,
            )
            project.status, project.next_step = status, next_step or project.next_step
        project.save()
        projects.append(project)
    series = MeetingSeries.objects.filter(office=office, kind=MeetingKind.OFFICE).order_by("title").first()
    if series is None:
        return
    now = timezone.now()
    past = Meeting.objects.filter(series=series, starts_at__lt=now).order_by("-starts_at").first()
    coming = Meeting.objects.filter(series=series, starts_at__gt=now, status__in=["planned", "agenda_circulated"])
    coming = coming.order_by("starts_at").first()
    for meeting, project in ((past, projects[2]), (coming, projects[0])):
        if meeting is None:
            continue
        item = AgendaItem.objects.create(
            meeting=meeting,
            position=meeting.next_agenda_position(),
            title=f"Forandringsagent: {project.title}",
            description=f"Næste skridt: {project.next_step}" if project.next_step else "",
            kind=AgendaItemKind.TALK,
            presenter=project.agent.person,
            duration_minutes=PRESENTATION_MINUTES,
        )
        ProjectPresentation.objects.create(project=project, agenda_item=item, added_by=manager)
    if stdout:
        stdout.write(f"Change agents: {len(agents)} agents, {len(projects)} projects in {programme.name}.")
