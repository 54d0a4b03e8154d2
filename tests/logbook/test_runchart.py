from logbook.runchart import analyse, chart, longest_run_limit, min_crossings


def test_limits_match_anhoj_tables():
    # Anhøj's table: n=10 -> run > 6, crossings < 2; n=20 -> run > 7, crossings < 6; n=30 -> 8 and 10.
    assert (longest_run_limit(10), min_crossings(10)) == (6, 2)
    assert (longest_run_limit(20), min_crossings(20)) == (7, 6)
    assert (longest_run_limit(30), min_crossings(30)) == (8, 10)


def test_random_looking_series_gives_no_signal():
    values = [5, 7, 4, 8, 5, 7, 3, 8, 6, 4, 7, 5, 8, 4, 6, 7]
    result = analyse(values)
    assert not result.signal


def test_shift_gives_a_long_run_and_few_crossings():
    values = [3, 4, 3, 4, 3, 4, 3, 4, 9, 10, 9, 10, 9, 10, 9, 10, 9, 10, 9, 10]
    result = analyse(values)
    assert result.long_run
    assert result.few_crossings
    assert result.crossings == 1


def test_points_on_the_median_are_ignored():
    result = analyse([1, 2, 3, 2, 1, 2, 3])
    assert result.median == 2
    assert result.useful == 4


def test_too_few_points_never_signal():
    assert not analyse([1, 1, 1, 5, 5, 5]).signal


def test_chart_coordinates_stay_inside_the_box():
    c = chart([1, 5, 3])
    assert all(30 <= x <= 570 and 30 <= y <= 190 for x, y in c.points)
    assert c.polyline.count(",") == 3
