"""Cross-cutting knowledge: the new working relations a bootcamp programme made.

A new working relation is a pair of the programme's participants from **different offices** (the office they
took part for) who, since the programme started,

- worked in the same group, or
- visited each other (a confirmed practice visit between them that has begun since the start), or
- met (both recorded present at the same meeting since the start),

and who did **not** work together before it: neither members of one office (any of their memberships), nor both
present at meetings of one series before the start, nor both named on one meeting series.

The programme starts on ``Programme.starts_on`` (or, without it, the day it was created). ``new_relations`` counts
them for any number of programmes in one SQL query (CTEs over the participants, group members, visits and
attendance;
wrapped in a SELECT, so pghistory adds no context query before it), with the breakdown by where the pair met (a pair
may have met in several ways).
"""

from dataclasses import dataclass

from django.db import connection
from django.utils import timezone


@dataclass(frozen=True)
class Relations:
    total: int = 0
    by_group: int = 0
    by_visit: int = 0
    by_meeting: int = 0


SQL = """
SELECT * FROM (
WITH p AS (
    SELECT pa.id, pa.programme_id, pa.person_id, pa.office_id,
           (COALESCE(pr.starts_on, (pr.created_at AT TIME ZONE %(tz)s)::date)::timestamp AT TIME ZONE %(tz)s)
               AS started
    FROM programmes_participant pa JOIN programmes_programme pr ON pr.id = pa.programme_id
    WHERE pa.programme_id = ANY(%(programmes)s) AND pa.office_id IS NOT NULL
),
pairs AS (
    SELECT a.programme_id, a.person_id AS a, b.person_id AS b, a.started
    FROM p a JOIN p b ON a.programme_id = b.programme_id AND a.person_id < b.person_id AND a.office_id <> b.office_id
),
grouped AS (
    SELECT ga.group_id, pa.person_id FROM programmes_groupmember ga JOIN p pa ON pa.id = ga.participant_id
),
met_in_group AS (
    SELECT DISTINCT pairs.programme_id, pairs.a, pairs.b
    FROM pairs
    JOIN grouped x ON x.person_id = pairs.a
    JOIN grouped y ON y.person_id = pairs.b AND y.group_id = x.group_id
),
met_on_visit AS (
    SELECT DISTINCT pairs.programme_id, pairs.a, pairs.b
    FROM pairs JOIN visits_visit v
      ON LEAST(v.host_id, v.visitor_id) = pairs.a AND GREATEST(v.host_id, v.visitor_id) = pairs.b
    WHERE v.status = 'confirmed' AND lower(v.during) >= pairs.started AND lower(v.during) <= %(now)s
),
present AS (
    SELECT at.person_id, m.series_id, m.starts_at
    FROM meetings_attendance at JOIN meetings_meeting m ON m.id = at.meeting_id
    WHERE at.status = 'present' AND m.status <> 'cancelled' AND at.person_id IN (SELECT person_id FROM p)
),
met_at_meeting AS (
    SELECT DISTINCT pairs.programme_id, pairs.a, pairs.b
    FROM pairs
    JOIN meetings_attendance x ON x.person_id = pairs.a AND x.status = 'present'
    JOIN meetings_attendance y ON y.person_id = pairs.b AND y.status = 'present' AND y.meeting_id = x.meeting_id
    JOIN meetings_meeting m ON m.id = x.meeting_id
    WHERE m.status <> 'cancelled' AND m.starts_at >= pairs.started AND m.starts_at <= %(now)s
),
knew_before AS (
    SELECT pairs.programme_id, pairs.a, pairs.b FROM pairs
    WHERE EXISTS (
        SELECT 1 FROM offices_membership x JOIN offices_membership y ON y.office_id = x.office_id
        WHERE x.person_id = pairs.a AND y.person_id = pairs.b
    ) OR EXISTS (
        SELECT 1 FROM present x JOIN present y ON y.series_id = x.series_id
        WHERE x.person_id = pairs.a AND y.person_id = pairs.b
          AND x.starts_at < pairs.started AND y.starts_at < pairs.started
    ) OR EXISTS (
        SELECT 1 FROM meetings_meetingseries_participant_people x
        JOIN meetings_meetingseries_participant_people y ON y.meetingseries_id = x.meetingseries_id
        WHERE x.user_id = pairs.a AND y.user_id = pairs.b
    )
),
met AS (
    SELECT programme_id, a, b, 'group' AS how FROM met_in_group
    UNION ALL SELECT programme_id, a, b, 'visit' FROM met_on_visit
    UNION ALL SELECT programme_id, a, b, 'meeting' FROM met_at_meeting
),
new AS (
    SELECT met.* FROM met
    WHERE NOT EXISTS (
        SELECT 1 FROM knew_before k WHERE k.programme_id = met.programme_id AND k.a = met.a AND k.b = met.b
    )
)
SELECT programme_id,
       COUNT(DISTINCT (a, b)),
       COUNT(DISTINCT (a, b)) FILTER (WHERE how = 'group'),
       COUNT(DISTINCT (a, b)) FILTER (WHERE how = 'visit'),
       COUNT(DISTINCT (a, b)) FILTER (WHERE how = 'meeting')
FROM new GROUP BY programme_id
) AS relations
"""


def new_relations(programmes, now=None) -> dict[int, Relations]:
    """``{programme id: Relations}`` for every programme given (zeros where none): one query."""
    ids = [p.pk if hasattr(p, "pk") else int(p) for p in programmes]
    found = dict.fromkeys(ids, Relations())
    if not ids:
        return found
    params = {"programmes": ids, "now": now or timezone.now(), "tz": timezone.get_current_timezone_name()}
    with connection.cursor() as cursor:
        cursor.execute(SQL, params)
        for programme_id, total, by_group, by_visit, by_meeting in cursor.fetchall():
            found[programme_id] = Relations(total, by_group, by_visit, by_meeting)
    return found
