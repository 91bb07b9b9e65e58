"""A block's inline content as TEI, from :func:`lectio.render.inline.events`.

Spans become phrase-level elements, kept open across consecutive runs that share them:
emphasis ``hi rend="italic"``, links ``ref target``, the editorial signs as the TEI
Guidelines (11.3.3.1, 3.4.1) describe them: text the editor supplied ⟨ ⟩ ``supplied``,
text present in the source that the editor deletes [ ] ``surplus``, text reproduced
though corrupt † † ``sic``. A lemma of the apparatus criticus is an ``app`` with its
``lem`` and one ``rdg`` per reading of the other witnesses (an empty ``rdg`` for an
omission); a passage of a "Readings compared" entry is marked by two ``anchor``
milestones, ``<siglum>-from-<entry>`` and ``<siglum>-app-<entry>`` (the ids the print
HTML gives its start and its marker), which the entry's commentary note points to.
A note is a ``note place="foot"`` at its call; a line break of verse starts a new ``l``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from lectio.model import Block, Note, Span, Variant
from lectio.render.inline import Call, Run, SpanEnd, events
from lectio.render.sanitize import safe_url
from lectio.render.teixml import Ids, element, html_into, append_text

SIGNS = {"supplied": ("supplied", {}), "deleted": ("surplus", {}), "corrupt": ("sic", {})}
HI = {"emph": "italic", "strong": "bold", "sup": "superscript", "sub": "subscript", "strike": "strikethrough",
      "smallcaps": "small-caps", "code": "code"}  # code: TEI's <code> holds text only, a span may hold more
MILESTONES = ("anchor",)  # spans written as points, not as containers


@dataclass
class Context:
    """What the inline writer needs of the whole document."""

    ids: Ids
    variants: dict[str, Variant] = field(default_factory=dict)
    witnesses: dict[str, str] = field(default_factory=dict)  # siglum → xml:id
    bibliography: dict[str, str] = field(default_factory=dict)  # citation key → xml:id
    passages: dict[str, list[tuple[str, str]]] = field(default_factory=dict)  # entry → (start id, end id)

    def wit(self, sigla) -> str:
        return " ".join(f"#{self.witnesses.get(s, s)}" for s in sigla)


@dataclass
class _Frame:
    span: Span | None
    node: object
    app: object = None


class _Writer:
    """One block's inline content written into ``root``; ``lines`` opens a new ``l`` per line."""

    def __init__(self, root, block: Block, prefix: str, ctx: Context, lines=None):
        self.block, self.prefix, self.ctx, self.lines = block, prefix, ctx, lines
        self.stack = [_Frame(None, root)]
        self.position = 0
        self.started: set[int] = set()
        self.additions = sorted((s for s in block.spans if s.kind == "lemma" and s.start == s.end),
                                key=lambda s: (s.start, s.target))

    def write(self) -> None:
        for event in events(self.block):
            if isinstance(event, Run):
                self._run(event)
            elif isinstance(event, Call):
                self._open(event.spans)
                note(self.top, event.note, self.prefix, self.ctx)
            elif isinstance(event, SpanEnd) and event.span.kind == "anchor":
                self._passage_end(event.span)
        self._open(())
        self._added(len(self.block.text) + 1)

    @property
    def top(self):
        return self.stack[-1].node

    def _run(self, run: Run) -> None:
        self._open(run.spans)
        self._added(self.position + 1)
        for span in run.spans:
            if span.kind == "anchor" and id(span) not in self.started:
                self.started.add(id(span))
                self._passage_start(span)
        for index, part in enumerate(run.text.split("\n")):
            if index:
                self._line_break()
            append_text(self.top, part)
        self.position += len(run.text)

    def _open(self, spans) -> None:
        """Close the frames not among ``spans`` (innermost first), open the new ones."""
        wanted = [s for s in spans if s.kind not in MILESTONES]
        keep = 0
        while keep + 1 < len(self.stack) and keep < len(wanted) and self.stack[keep + 1].span is wanted[keep]:
            keep += 1
        while len(self.stack) > keep + 1:
            self._close(self.stack.pop())
        for span in wanted[keep:]:
            self.stack.append(self._frame(span))

    def _frame(self, span: Span) -> _Frame:
        parent = self.top
        if span.kind == "lemma" and span.target in self.ctx.variants:
            variant = self.ctx.variants[span.target]
            app = element(parent, "app", xml_id=self.ctx.ids.new(variant.anchor))
            return _Frame(span, element(app, "lem", wit=self.ctx.wit(variant.lemma_sigla)), app)
        if span.kind in SIGNS:
            name, attrs = SIGNS[span.kind]
            return _Frame(span, element(parent, name, **attrs))
        if span.kind in HI:
            return _Frame(span, element(parent, "hi", rend=HI[span.kind]))
        if span.kind == "link" and safe_url(span.target):
            return _Frame(span, element(parent, "ref", target=span.target.strip()))
        return _Frame(span, parent)  # a kind TEI gets no element for: its text only

    def _close(self, frame: _Frame) -> None:
        if frame.app is not None and self.position >= frame.span.end:
            readings(frame.app, self.ctx.variants[frame.span.target], self.ctx)

    def _added(self, before: int) -> None:
        """The additions (empty lemmata) at positions before ``before``, each an ``app`` of its own."""
        while self.additions and self.additions[0].start < before:
            span = self.additions.pop(0)
            variant = self.ctx.variants.get(span.target)
            if variant is not None:
                app = element(self.top, "app", xml_id=self.ctx.ids.new(variant.anchor))
                element(app, "lem", wit=self.ctx.wit(variant.lemma_sigla))
                readings(app, variant, self.ctx)

    def _passage_start(self, span: Span) -> None:
        name = self.ctx.ids.new(f"{self.prefix}-from-{span.target}")
        element(self.top, "anchor", xml_id=name)
        self.ctx.passages.setdefault(span.target, []).append((name, ""))

    def _passage_end(self, span: Span) -> None:
        name = self.ctx.ids.new(f"{self.prefix}-app-{span.target}")
        element(self.top, "anchor", xml_id=name)
        marks = self.ctx.passages.setdefault(span.target, [])
        open_marks = [i for i, (_, end) in enumerate(marks) if not end]
        if open_marks:
            marks[open_marks[0]] = (marks[open_marks[0]][0], name)

    def _line_break(self) -> None:
        if self.lines is None:
            element(self.top, "lb")
            return
        spans = [frame.span for frame in self.stack[1:]]
        self._open(())
        self.stack[0].node = self.lines()
        self._open(spans)


def fill(root, block: Block, prefix: str, ctx: Context, lines=None) -> None:
    """Write ``block``'s text, spans and note calls into ``root``; ``lines`` (verse) makes each new ``l``."""
    _Writer(root, block, prefix, ctx, lines).write()


def readings(app, variant: Variant, ctx: Context) -> None:
    """The other witnesses' readings of ``variant`` (an empty ``rdg`` where they omit the lemma)."""
    for reading in variant.readings:
        element(app, "rdg", reading.text, wit=ctx.wit(reading.sigla))
    if variant.note:
        element(app, "note", variant.note)


def note(parent, item: Note, prefix: str, ctx: Context) -> None:
    """A footnote at its call: ``note n place="foot"`` with the formatted note as TEI."""
    made = element(parent, "note", n=str(item.number), place="foot", xml_id=ctx.ids.new(item.anchor(prefix)))
    if item.html:
        html_into(made, item.html, ctx.bibliography)
    else:
        append_text(made, item.markdown)
