"""Errors claimkit raises.

Examples:
    >>> issubclass(InputError, ValueError)
    True
"""

from __future__ import annotations

__all__ = ["InputError", "ModelNotFoundError"]


class InputError(ValueError):
    """Input that claimkit cannot analyse: not text, or metadata that cannot be parsed.

    Examples:
        >>> import claimkit
        >>> try:
        ...     claimkit.analyze(b"bytes")
        ... except claimkit.InputError as e:
        ...     print(e)
        text must be str, not bytes
    """


class ModelNotFoundError(RuntimeError):
    """No English spaCy pipeline is installed; the message says how to install one.

    Examples:
        >>> import claimkit
        >>> try:
        ...     claimkit.load("no_such_pipeline")
        ... except claimkit.ModelNotFoundError as e:
        ...     print("pip install" in str(e))
        True
    """
