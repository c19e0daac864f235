"""A measured figure with the ceiling it is compared to, and the statistics that make one."""

from dataclasses import asdict, dataclass, field


@dataclass
class Figure:
    name: str
    value: float
    unit: str
    ceiling: float | None  # measured in the same run; None where no ceiling applies
    ceiling_name: str
    details: dict = field(default_factory=dict)

    @property
    def ratio(self) -> float | None:
        return self.value / self.ceiling if self.ceiling else None

    def as_dict(self) -> dict:
        return {**asdict(self), "ratio": self.ratio}


def percentile(values: list[float], share: float) -> float:
    """The nearest-rank percentile (share 0.99 → p99) of a non-empty list."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(share * len(ordered)) - 1))]
