"""One exception hierarchy; every error knows where in the editor's files it comes from.

Findings are the non-fatal form of the same thing: a stage records them and goes on,
so that one run reports every problem (like bibtexparser's failed blocks), and the
pipeline stops only at the end of the stage if any finding is an error.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, order=True)
class Location:
    """A place in a file: 1-based line and column; 0 means unknown."""

    file: str
    line: int = 0
    column: int = 0

    def __str__(self) -> str:
        text = self.file
        if self.line:
            text += f":{self.line}"
            if self.column:
                text += f":{self.column}"
        return text


ERROR, WARNING, INFO = "error", "warning", "info"


@dataclass
class Finding:
    """One thing a stage noticed: a code (``notes.duplicate``), where, what, and how to fix it.

    ``decision`` holds the editor's recorded decision when the finding is resolved;
    resolved findings are reported as info and listed in the Note on the text.
    """

    code: str
    message: str
    location: Location
    severity: str = WARNING
    fix: str = ""
    decision: str = ""

    def to_dict(self) -> dict:
        return {
            "code": self.code,
            "severity": self.severity,
            "file": self.location.file,
            "line": self.location.line,
            "column": self.location.column,
            "message": self.message,
            "fix": self.fix,
            "decision": self.decision,
        }

    def __str__(self) -> str:
        text = f"{self.location}: {self.severity}: {self.message} [{self.code}]"
        if self.fix:
            text += f"\n    fix: {self.fix}"
        if self.decision:
            text += f"\n    editor: {self.decision}"
        return text


class LectioError(Exception):
    """Bad input or a failed step. The CLI prints it and exits with status 1.

    ``findings``, when given, are every error of the input (a file with five mistakes
    gives five); the error's own message, location and fix are those of the first.
    """

    code = "lectio.error"
    findings: tuple = ()

    def __init__(self, message: str, location: Location | None = None, fix: str = "", code: str = "",
                 findings: tuple = ()):
        super().__init__(message)
        self.message = message
        self.location = location
        self.fix = fix
        if code:
            self.code = code
        if findings:
            self.findings = tuple(findings)

    @classmethod
    def of(cls, findings: list[Finding]) -> "LectioError":
        """One error carrying all ``findings`` (at least one)."""
        first = findings[0]
        return cls(first.message, first.location, first.fix, first.code, findings=tuple(findings))

    def as_finding(self) -> Finding:
        return Finding(self.code, self.message, self.location or Location("-"), "error", self.fix)

    def __str__(self) -> str:
        if len(self.findings) > 1:
            files = sorted({f.location.file for f in self.findings})
            return "\n".join(str(f) for f in self.findings) + f"\n{len(self.findings)} errors in {', '.join(files)}"
        where = f"{self.location}: " if self.location else ""
        text = f"{where}error: {self.message} [{self.code}]"
        return text + (f"\n    fix: {self.fix}" if self.fix else "")


class ConfigError(LectioError):
    code = "config.invalid"


class SourceError(LectioError):
    code = "sources.unreadable"


class NotesError(LectioError):
    code = "notes.invalid"


class CitationError(LectioError):
    code = "citations.invalid"


class ApparatusError(LectioError):
    code = "apparatus.invalid"


class VariantsError(LectioError):
    code = "variants.invalid"


class RenderError(LectioError):
    code = "render.failed"


class VerifyError(LectioError):
    code = "verify.failed"


class RequirementMissing(LectioError):
    """A system requirement (Pango, Java) is not installed."""

    code = "system.missing"


@dataclass
class StageFailed(LectioError):
    """Raised at the end of a stage whose findings include errors."""

    findings: list[Finding] = field(default_factory=list)

    def __post_init__(self):
        errors = [f for f in self.findings if f.severity == ERROR]
        LectioError.__init__(self, f"{len(errors)} error(s) in the edition's files")

    def __str__(self) -> str:
        return "\n".join(str(f) for f in self.findings if f.severity == ERROR)
