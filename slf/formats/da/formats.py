"""Danish date and time formats (FORMAT_MODULE_PATH); Django's own da formats fill in the rest.

Month and weekday names come from Django's translations ("december", "torsdag"); the names below
ending in ``_FORMAT`` beyond Django's own are read with slf.dates.local_format (filter ``local_date``).
"""

DATE_FORMAT = "j. F Y"
DATETIME_FORMAT = "j. F Y H:i"
TIME_FORMAT = "H:i"
YEAR_MONTH_FORMAT = "F Y"
MONTH_DAY_FORMAT = "j. F"
SHORT_DATE_FORMAT = "d.m.Y"
SHORT_DATETIME_FORMAT = "d.m.Y H:i"

# Ours.
WEEKDAY_DATE_FORMAT = "l j. F Y"
WEEKDAY_DATETIME_FORMAT = "l j. F Y, H:i"
WEEKDAY_MONTH_DAY_FORMAT = "l j. F"
WEEKDAY_MONTH_DAY_TIME_FORMAT = "l j. F, H:i"
MONTH_DAY_TIME_FORMAT = "j. F H:i"
#: A month on a chart's axis: "dec 2026" (Danish month abbreviations are lower case; "maj" has no full stop).
SHORT_YEAR_MONTH_FORMAT = "b Y"
#: The time in a sentence: "kl. 9.00".
CLOCK_FORMAT = "G.i"
#: Excel's number formats for dates in the exports (XLSX): 03.12.2026, 03.12.2026 09:00.
XLSX_DATE_FORMAT = "dd.mm.yyyy"
XLSX_DATETIME_FORMAT = "dd.mm.yyyy hh:mm"
