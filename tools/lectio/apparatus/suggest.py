"""``lectio apparatus suggest``: candidate pairs of passages for new apparatus entries.

Every reading is cut into sentences; for every pair of readings (all of them: with
three readings A, B, C the pairs A–B, A–C and B–C), every sentence of one is
compared with every sentence of the other on three signals:

- **tf-idf cosine** over the sentences' content words (lowercased, British and
  American spellings folded: *organisation* = *organization*, light suffix
  stripping), idf taken over the sentences of all the readings;
- **shared key terms**: words frequent in both readings of the pair and rare
  elsewhere in them (the vocabulary the two readings argue over);
- **shared quotations**: both sentences quote the same words (five or more words
  in common inside quotation marks), as when two readings quote the same source.

The score is ``cosine + 0.05 per shared key term (at most 0.25) + 0.5 if a quotation
is shared``; pairs of every pair of readings are ranked together. Nothing is
written: the editor decides. Output is deterministic: ties are broken by reading,
paragraph and sentence order.
"""

from __future__ import annotations

import itertools
import math
import re
from collections import Counter
from dataclasses import dataclass, field

from lectio.errors import ConfigError, Location
from lectio.fsutil import display_path
from lectio.model import ApparatusEntry, Block, Reading

STOPWORDS = set("""
a about above after again against all also am an and any are as at be because been before being below between both
but by can cannot could did do does doing down during each even few for from further had has have having he her here
hers him his how however i if in into is it its itself just may me might more most must my no nor not now of off on
once one only or other our out over own same shall she should so some such than that the their them then there these
they this those through thus to too under until up upon very was we were what when where whether which while who whom
why will with within without would you your instead hence therefore because means being way terms order also itself
new real result results require required requires direct directly make made take given give first second point fact
view case part place time use used well rather still already many much another number great possible necessary actual
actually effectively said say says argue argues argued suggest suggests suggested outline outlined consider considered
""".split())  # with generic words that would pair any two sentences
KEY_TERMS = 40
MIN_WORDS = 10  # shorter sentences pair on chance words
TERM_WEIGHT, TERM_CAP, QUOTE_BONUS = 0.05, 0.25, 0.5
SENTENCE_END = re.compile(r"(?<=[.?!…])[\"'”’)]*\s+(?=[\"'“‘(]?[A-Z])")
QUOTED = re.compile(r"“([^“”]{20,}?)”|‘(.{20,}?)’(?!\w)")


@dataclass
class Sentence:
    siglum: str
    block: Block
    index: int  # order within the reading
    reading: int  # the reading's place in the edition
    start: int
    end: int
    terms: Counter = field(default_factory=Counter)
    quoted: set = field(default_factory=set)  # 5-word shingles inside quotation marks
    vector: dict = field(default_factory=dict)  # tf-idf weights, normalized (set by ``suggest``)
    covers: frozenset = frozenset()  # ids of the entries with a passage on this sentence

    @property
    def text(self) -> str:
        return self.block.text[self.start:self.end]

    @property
    def reference(self) -> str:
        return f"{self.siglum} {self.block.number}"


@dataclass
class Candidate:
    left: Sentence
    right: Sentence
    score: float
    cosine: float
    terms: list[str]
    quotation: str = ""
    covered: list[str] = field(default_factory=list)  # entries already anchored on either sentence

    def to_dict(self) -> dict:
        return {"score": self.score, "cosine": self.cosine, "terms": self.terms, "quotation": self.quotation,
                "covered": self.covered,
                "passages": [{"reference": s.reference, "text": s.text} for s in (self.left, self.right)]}


def stem(word: str) -> str:
    """Fold spelling variants and common suffixes: a light stemmer, enough to pair sentences."""
    word = word.lower().replace("’", "'").split("'")[0]
    word = re.sub(r"is(ation|e|ed|es|ing)$", r"iz\1", word)
    word = re.sub(r"our$", "or", word) if len(word) > 5 else word
    for suffix in ("ations", "ation", "ings", "ing", "ness", "ment", "ies", "ied", "es", "ed", "ly", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 4 and not word.endswith(("ss", "us", "is")):
            return word[: -len(suffix)] + ("y" if suffix in ("ies", "ied") else "")
    return word


def content_words(text: str) -> list[str]:
    return [w for w in re.findall(r"[A-Za-zÀ-ÿ’']+", text) if w.lower() not in STOPWORDS and len(w) > 2]


def terms_of(text: str) -> Counter:
    return Counter(stem(w) for w in content_words(text))


def surface_forms(all_sentences: list[Sentence]) -> dict[str, str]:
    """For each stem, the word most often written for it (what the editor is shown)."""
    forms: dict[str, Counter] = {}
    for sentence in all_sentences:
        for word in content_words(sentence.text):
            forms.setdefault(stem(word), Counter())[word.lower()] += 1
    return {term: min(c, key=lambda w: (-c[w], w)) for term, c in forms.items()}


def sentences(reading: Reading, order: int = 0) -> list[Sentence]:
    out: list[Sentence] = []
    for block in reading.text.paragraphs():
        quotations = [m.span(m.lastindex) for m in QUOTED.finditer(block.text)]
        start = 0
        for match in [*SENTENCE_END.finditer(block.text), None]:
            end = match.start() + len(match.group().rstrip()) if match else len(block.text)
            piece = block.text[start:end]
            if len(piece.split()) >= MIN_WORDS:
                quoted = _shingles(block.text, start, end, quotations)
                out.append(Sentence(reading.siglum, block, len(out), order, start, end, terms_of(piece), quoted))
            start = match.end() if match else end
    return out


def _shingles(text: str, start: int, end: int, quotations: list[tuple[int, int]]) -> set:
    """Runs of five words quoted in text[start:end] (a quotation may run over several sentences)."""
    found = set()
    for first, last in quotations:
        words = [w.lower() for w in re.findall(r"\w+", text[max(start, first):min(end, last)])]
        found.update(" ".join(words[i:i + 5]) for i in range(len(words) - 4))
    return found


def suggest(readings: list[Reading], entries: list[ApparatusEntry] = (), top: int = 15,
            include_covered: bool = False, per_sentence: int = 2) -> list[Candidate]:
    """The best ``top`` pairs of sentences from two different readings (any two), best first."""
    split = [sentences(reading, order) for order, reading in enumerate(readings)]
    everything = [s for group in split for s in group]
    idf = _idf(everything)
    for sentence in everything:
        sentence.vector = _vector(sentence.terms, idf)
        sentence.covers = frozenset(e.id for e in entries for p in e.passages if _overlaps(p, sentence))
    found = []
    for ours, theirs in itertools.combinations(split, 2):
        keys = key_terms(ours, theirs, idf)
        found += [c for a in ours for b in theirs if (c := _pair(a, b, keys)) and (include_covered or not c.covered)]
    found.sort(key=lambda c: (-c.score, c.left.reading, c.left.index, c.right.reading, c.right.index))
    chosen = _diverse(found, top, per_sentence)
    words = surface_forms(everything)
    for candidate in chosen:
        candidate.terms = [words.get(t, t) for t in candidate.terms]
    return chosen


def project_readings(project) -> tuple[list[Reading], list[ApparatusEntry]]:
    """The project's readings, and the entries of its apparatus file when edition.toml names one
    (without one, suggest still runs: no pair is then marked as covered)."""
    from lectio import config as config_stage, pipeline
    from lectio.apparatus.load import load_apparatus

    config = config_stage.load(project)
    if len(config.readings) < 2:
        raise ConfigError("suggest compares readings, and the edition has only one",
                          Location(display_path(config.path)), code="apparatus.one-reading",
                          fix="add another [[readings]] table to edition.toml")
    readings = pipeline.read_readings(config, [])
    if not config.apparatus.file:
        return readings, []
    return readings, load_apparatus(config.resolve(config.apparatus.file), readings)[0]


def _pair(a: Sentence, b: Sentence, keys: set) -> Candidate | None:
    common = a.vector.keys() & b.vector.keys()
    quotation = min(a.quoted & b.quoted, default="") if a.quoted and b.quoted else ""
    if not common and not quotation:
        return None
    cosine = sum(a.vector[term] * b.vector[term] for term in common)
    shared = sorted(common & keys)
    score = cosine + min(TERM_CAP, TERM_WEIGHT * len(shared)) + (QUOTE_BONUS if quotation else 0.0)
    return Candidate(a, b, round(score, 3), round(cosine, 3), shared, quotation, sorted(a.covers | b.covers))


def _overlaps(passage, sentence: Sentence) -> bool:
    return passage.block is sentence.block and passage.start < sentence.end and sentence.start < passage.end


def _diverse(found: list[Candidate], top: int, per_sentence: int) -> list[Candidate]:
    """The best pairs, no sentence in more than ``per_sentence`` of them."""
    uses: Counter = Counter()
    out = []
    for candidate in found:
        if uses[id(candidate.left)] >= per_sentence or uses[id(candidate.right)] >= per_sentence:
            continue
        uses[id(candidate.left)] += 1
        uses[id(candidate.right)] += 1
        out.append(candidate)
        if len(out) == top:
            break
    return out


def _idf(all_sentences: list[Sentence]) -> dict[str, float]:
    frequency: Counter = Counter()
    for sentence in all_sentences:
        frequency.update(set(sentence.terms))
    count = len(all_sentences)
    return {term: math.log((1 + count) / (1 + df)) + 1 for term, df in frequency.items()}


def _vector(terms: Counter, idf: dict[str, float]) -> dict[str, float]:
    weights = {term: (1 + math.log(n)) * idf[term] for term, n in terms.items()}
    norm = math.sqrt(sum(w * w for w in weights.values())) or 1.0
    return {term: w / norm for term, w in weights.items()}


def key_terms(ours: list[Sentence], theirs: list[Sentence], idf: dict[str, float]) -> set[str]:
    """Words both readings use at least twice, weighted by how rare they are: the shared vocabulary of the dispute."""
    left, right = Counter(), Counter()
    for sentence in ours:
        left.update(set(sentence.terms))
    for sentence in theirs:
        right.update(set(sentence.terms))
    shared = [t for t in left if left[t] >= 2 and right[t] >= 2]
    ranked = sorted(shared, key=lambda t: (-idf[t], t))
    return set(ranked[:KEY_TERMS])


def format_candidates(candidates: list[Candidate], width: int = 100) -> list[str]:
    """The text report: rank, score, references, signals, then both sentences shortened."""
    lines = []
    for rank, c in enumerate(candidates, start=1):
        signals = [f"cosine {c.cosine:.2f}"]
        if c.terms:
            signals.append("terms: " + ", ".join(c.terms))
        if c.quotation:
            signals.append(f"shared quotation: “{c.quotation}…”")
        if c.covered:
            signals.append("already in: " + ", ".join(c.covered))
        lines.append(f"{rank:>2}. {c.score:.2f}  {c.left.reference} ~ {c.right.reference}  ({'; '.join(signals)})")
        for sentence in (c.left, c.right):
            lines.append(f"    {sentence.siglum}: {_short(sentence.text, width)}")
    return lines


def _short(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1].rsplit(" ", 1)[0] + " …"
