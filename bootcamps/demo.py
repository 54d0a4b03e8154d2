"""Demo: Kalundborg's "Ledelse sammen" in the demo municipality (filled in below)."""


def seed(stdout=None) -> None:
    pass
