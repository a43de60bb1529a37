"""followup: never miss the follow-ups after a job interview."""

__version__ = "0.1.0"
