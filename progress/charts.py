"""The progress pages' charts: their geometry lives in ``slf/charts.py``, shared with the run charts."""

from slf.charts import Bar, BarChart, BarGroup, Line, LineChart, Sparkline, bar_chart, line_chart, sparkline

__all__ = ["Bar", "BarChart", "BarGroup", "Line", "LineChart", "Sparkline", "bar_chart", "line_chart", "sparkline"]
