"""The project's own error types. Every user-facing failure is one of these."""


class TrustQuestError(Exception):
    """Base class: anything the CLI or UI can show the user as a clear message."""


class ScenarioError(TrustQuestError):
    """A scenario could not be loaded. Carries every diagnostic found."""

    def __init__(self, diagnostics, message: str | None = None):
        self.diagnostics = list(diagnostics)
        first = next((d for d in self.diagnostics if d.severity == "error"), None)
        super().__init__(message or (first.message if first else "invalid scenario"))


class ChoiceError(TrustQuestError):
    """A choice that cannot be taken: locked, out of range, or the game is over."""


class SaveError(TrustQuestError):
    """A save that cannot be read or written."""


class UsageError(TrustQuestError):
    """Bad command-line usage (exit code 2)."""
