"""Errors shared by the optimizers."""


class InstanceError(ValueError):
    """The instance is malformed; the message names the offending field."""
