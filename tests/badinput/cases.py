"""The corpus of bad inputs: each case is a tiny project with one file made bad, and the
exact message ``lectio check`` must give (file:line:col, code), with exit status 1.

Files are given by name (relative to the tiny project) with their new content (str is
written as UTF-8, bytes as they are, an int makes a sparse file of that size). ``edition``
replaces text of edition.toml; ``links`` makes symbolic links.
"""

from __future__ import annotations

from dataclasses import dataclass, field

SOURCE = "OPENING\nA first paragraph that makes a claim.(1)\n"
BIB = ("@book{viola1987, author = {Viola, Lynne}, title = {The Best Sons of the Fatherland},\n"
       "  publisher = {Oxford University Press}, address = {New York}, year = {1987}}\n")
APPARATUS = ('[[entry]]\nid = "one"\ntheme = "A theme"\ncommentary = """\nA claim <iframe src="file:///etc/passwd">'
             '</iframe> here.\n"""\n[entry.A]\nexact = "A first paragraph that makes a claim."\n')
NOTES_SECTION = ("OPENING\n\nOne claim.(1) Two claim.(2) Three claim.(3)\n\nNOTES\n\n1. First note [@viola1987].\n"
                 "2.\nSee [@viola1987], 7.\n3. Third note.\n")


@dataclass(frozen=True)
class Case:
    name: str
    files: dict
    expected: tuple[str, ...]
    edition: dict = field(default_factory=dict)  # old line fragment -> new one
    links: dict = field(default_factory=dict)  # symbolic link -> its target


def note(text: str) -> str:
    return f'[[note]]\nmarker = 1\ntext = "{text}"\n'


INTRO = {'notes = "a.notes.toml"': 'notes = "a.notes.toml"\n\n[introduction]\nfile = "intro.md"'}
WITH_APPARATUS = {'notes = "a.notes.toml"': 'notes = "a.notes.toml"\n\n[apparatus]\nfile = "app.toml"'}

CASES = (
    # sources: empty, control characters, encodings, size, overlong words
    Case("empty source", {"a.txt": ""}, ("a.txt: error: the file is empty [sources.empty]",
                                         "fix: put the text in the file, or remove it from edition.toml")),
    Case("whitespace-only source", {"a.txt": "  \n\n\t\n"}, ("a.txt: error: the file is empty [sources.empty]",)),
    Case("NUL byte", {"a.txt": "OPENING\nA first\x00 paragraph.(1)\n"},
         ("a.txt:2:8: error: control character U+0000 at byte offset 15 [sources.control-character]",)),
    Case("form feed", {"a.txt": "OPENING\n\x0cA first paragraph.(1)\n"},
         ("a.txt:2:1: error: control character U+000C at byte offset 8 [sources.control-character]",
          "a form feed: replace it with a blank line")),
    Case("terminal escape", {"a.txt": "OPENING\nA \x1b[31mred claim.(1)\n"},
         ("a.txt:2:3: error: control character U+001B at byte offset 10 [sources.control-character]",)),
    Case("C1 control character", {"a.txt": "OPENING\nCaf\u00e9 \u0085claim.(1)\n"},
         ("a.txt:2:6: error: control character U+0085 at byte offset 14 [sources.control-character]",)),
    Case("UTF-16 with BOM", {"a.txt": SOURCE.encode("utf-16")},
         ("a.txt:1:1: error: the file is UTF-16, not UTF-8 [sources.encoding]",
          "fix: convert it: iconv -f utf-16 -t utf-8 a.txt > converted && mv converted a.txt")),
    Case("UTF-16 without BOM", {"a.txt": SOURCE.encode("utf-16-le")},
         ("a.txt:1:1: error: the file is UTF-16, not UTF-8 [sources.encoding]",)),
    Case("UTF-32", {"a.txt": SOURCE.encode("utf-32")},
         ("a.txt:1:1: error: the file is UTF-32, not UTF-8 [sources.encoding]", "iconv -f utf-32 -t utf-8")),
    Case("Latin-1", {"a.txt": "OPENING\nCaf\u00e9 claim.(1)\n".encode("latin-1")},
         ("a.txt:2:4: error: not valid UTF-8: byte 0xe9 at byte offset 11 [sources.encoding]",
          "iconv -f windows-1252 -t utf-8")),
    Case("source over the configured limit", {"a.txt": "OPENING\n" + "word " * 250_000 + "(1)\n"},
         ("a.txt: error: the file is 1.3 MB, more than the limit of 1 MB [sources.too-large]",
          "raise output.max_source_mb"), edition={'[output]': '[output]\nmax_source_mb = 1'}),
    Case("source over the default limit of 20 MB", {"a.txt": 21_000_000},
         ("a.txt: error: the file is 21.0 MB, more than the limit of 20 MB [sources.too-large]",)),
    Case("200,000-character word", {"a.txt": "OPENING\nA " + "x" * 200_000 + " claim.(1)\n"},
         ("a.txt:2:3: error: a word of 200,000 characters without a space (at most 1,000): 'xxxxx",
          "[sources.long-word]")),
    # hostile HTML and links in sources, notes, the introduction and the commentary
    Case("script in a source", {"a.txt": "OPENING\nA claim <script>alert(1)</script>.(1)\n"},
         ("a.txt:2:9: error: raw HTML '<script>': lectio does not pass HTML from the editor's files to the outputs "
          "[sources.raw-html]", "fix: write Markdown instead")),
    Case("iframe on a local file in a source", {"a.txt": 'OPENING\nA claim.(1) <iframe src="/etc/passwd"></iframe>\n'},
         ("a.txt:2:13: error: raw HTML '<iframe src=\"/etc/passwd\">'", "[sources.raw-html]")),
    Case("SVG with a script in a source", {"a.txt": 'OPENING\nA claim.(1)\n<svg onload="alert(1)"><script>x</script>'
                                                     '</svg>\n'},
         ("a.txt:3:1: error: raw HTML '<svg onload=\"alert(1)\">'", "[sources.raw-html]")),
    Case("javascript: link in a source", {"a.txt": "OPENING\nA claim.(1) [click](javascript:alert(1))\n"},
         ("a.txt:2:19: error: link 'javascript:alert(1)': only http, https and mailto links and #anchors reach the outputs "
          "[sources.unsafe-link]",)),
    Case("HTML in a ^[...] note", {"a.txt": 'OPENING\nA claim.(1) More.^[See <object data="/etc/passwd"></object>.]\n'},
         ("a.txt:2:24: error: raw HTML '<object data=\"/etc/passwd\">'", "[sources.raw-html]")),
    Case("HTML in a [^n]: note", {"a.txt": "OPENING\nA claim.(1) More.[^2]\n\n[^2]: See <embed src=\"x.svg\">.\n"},
         ("a.txt:4:11: error: raw HTML '<embed src=\"x.svg\">'", "[sources.raw-html]")),
    Case("script in a notes file", {"a.notes.toml": note("<script>alert(1)</script> [@viola1987]")},
         ("a.notes.toml:3:9: error: raw HTML '<script>'", "[sources.raw-html]")),
    Case("onerror in a notes file", {"a.notes.toml": note("<img src=x onerror=alert(1)> [@viola1987]")},
         ("a.notes.toml:3:9: error: raw HTML '<img src=x onerror=alert(1)>'", "[sources.raw-html]")),
    Case("javascript: link in a notes file", {"a.notes.toml": note("[see](javascript:alert(1)) [@viola1987]")},
         ("a.notes.toml:3:13: error: link 'javascript:alert(1)'", "[sources.unsafe-link]")),
    Case("file: link in a notes file", {"a.notes.toml": note("[see](file:///etc/passwd) [@viola1987]")},
         ("a.notes.toml:3:13: error: link 'file:///etc/passwd'", "[sources.unsafe-link]")),
    Case("data: link in a notes file", {"a.notes.toml": note("[x](data:text/html;base64,PHNjcmlwdD4=) [@viola1987]")},
         ("a.notes.toml:3:11: error: link 'data:text/html;base64,PHNjcmlwdD4='", "[sources.unsafe-link]")),
    Case("image in a notes file", {"a.notes.toml": note("![x](evil.svg) [@viola1987]")},
         ("a.notes.toml:3:9: error: an image in the editor's text: lectio does not put images from the text into "
          "the outputs [sources.image]",)),
    Case("link to a path in a notes file", {"a.notes.toml": note("[x](../../secret.txt) [@viola1987]")},
         ("a.notes.toml:3:11: error: link '../../secret.txt'", "[sources.unsafe-link]")),
    Case("HTML in the introduction", {"intro.md": "# Introduction\n\nThe <iframe src=x></iframe> text.\n"},
         ("intro.md:3:5: error: raw HTML '<iframe src=x>'", "[sources.raw-html]"), edition=INTRO),
    Case("empty introduction", {"intro.md": "\n"}, ("intro.md: error: the file is empty [sources.empty]",),
         edition=INTRO),
    Case("HTML in the apparatus commentary", {"app.toml": APPARATUS},
         ("app.toml:5:9: error: raw HTML '<iframe src=\"file:///etc/passwd\">'", "[sources.raw-html]"),
         edition=WITH_APPARATUS),
    # notes
    Case("deeply nested brackets in a notes file", {"a.notes.toml": note("[" * 30 + "x [@viola1987]")},
         ("a.notes.toml:1: error: note 1: brackets nested 31 levels deep, 30 never closed (at most 10); pandoc "
          "would take minutes on it [notes.nested-brackets]",)),
    Case("deeply nested brackets in a ^[...] note",
         {"a.txt": "OPENING\nA first paragraph.(1) And ^[" + "[" * 20 + "x" + "]" * 20 + "].\n"},
         ("a.txt:2:27: error: note 2: brackets nested 20 levels deep (at most 10)", "[notes.nested-brackets]")),
    Case("marker without text and text without marker", {"a.txt": NOTES_SECTION, "a.notes.toml": "# none\n"},
         ("a.txt:8: error: note (2) has its number but no text in the Notes section [notes.empty-text]",
          "a.txt:9:1: error: text without a note number in the Notes section: 'See [@viola1987], 7.' (note (2) "
          "above it has no text) [notes.unnumbered-text]")),
    Case("notes file in UTF-16", {"a.notes.toml": note("[@viola1987]").encode("utf-16")},
         ("a.notes.toml:1:1: error: the file is UTF-16, not UTF-8 [notes.encoding]",)),
    Case("NUL in a notes file", {"a.notes.toml": note("A\x00 [@viola1987]")},
         ("a.notes.toml:3:10: error: control character U+0000 at byte offset 29 [notes.control-character]",)),
    # BibTeX
    Case("BibTeX brace never closed", {"t.bib": BIB + "\n@book{broken, title = {Open {brace here},\n"
                                                      "  year = {1990}}\n\n@misc{after, title = {ok}}\n"},
         ("t.bib:4: error: a brace opened on this line is never closed: the entry that starts at line 4 runs on "
          "into the next entry [citations.failed-block]",)),
    Case("BibTeX @string with an undefined name", {"t.bib": "@string{pub = Oxford}\n" + BIB.replace(
        "{Oxford University Press}", "pub")},
         ("t.bib:1: error: @string{pub}: field 'pub' uses 'Oxford', which no @string defines "
          "[citations.undefined-string]",)),
    Case("BibTeX missing comma after the key", {"t.bib": BIB.replace("viola1987,", "viola1987")},
         ("t.bib:1: error: entry could not be parsed", "[citations.failed-block]")),
    Case("BibTeX in Latin-1", {"t.bib": BIB.replace("Lynne", "L\u00e9a").encode("latin-1")},
         ("t.bib:1:36: error: not valid UTF-8: byte 0xe9 at byte offset 35 [citations.encoding]",)),
    Case("BibTeX in UTF-16", {"t.bib": BIB.encode("utf-16")},
         ("t.bib:1:1: error: the file is UTF-16, not UTF-8 [citations.encoding]", "iconv -f utf-16 -t utf-8")),
    Case("BibTeX with a NUL byte", {"t.bib": BIB.replace("Viola,", "Viola\x00,")},
         ("t.bib:1:33: error: control character U+0000 at byte offset 32 [citations.control-character]",)),
    # paths out of the project
    Case("CSL style outside the project", {"../outside.csl": "<style/>"},
         ("edition.toml:16:1: error: bibliography.style: '../outside.csl' points outside the project folder "
          "[config.path-outside]",),
         edition={'files = ["t.bib"]': 'files = ["t.bib"]\nstyle = "../outside.csl"'}),
    Case("CSL style as a symbolic link out of the project", {"../outside.csl": "<style/>"},
         ("edition.toml:16:1: error: bibliography.style: 'style.csl' points outside the project folder "
          "[config.path-outside]",),
         edition={'files = ["t.bib"]': 'files = ["t.bib"]\nstyle = "style.csl"'}, links={"style.csl": "../outside.csl"}),
    Case("source as a symbolic link out of the project", {"../outside.txt": SOURCE},
         ("edition.toml:11:1: error: readings[0].source: 'link.txt' points outside the project folder "
          "[config.path-outside]",),
         edition={'source = "a.txt"': 'source = "link.txt"'}, links={"link.txt": "../outside.txt"}),
    Case("CSL style named by a path", {}, ("edition.toml:16:1: error: bibliography.style: unknown CSL style "
                                           "'../../../../etc/hostname' [config.unknown-style]",),
         edition={'files = ["t.bib"]': 'files = ["t.bib"]\nstyle = "../../../../etc/hostname"'}),
)
