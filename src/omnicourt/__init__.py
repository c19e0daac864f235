"""OmniCourt: one digital court platform for every court of a province."""

__version__ = "0.1.0"
