"""Footnotes moved to the next page keep the order of their calls (render/footnoteorder.py)."""

import io
import re

from pypdf import PdfReader

from lectio.render import pdf

NOTE = " ".join(["note text"] * 12)
WORDS = " ".join(["more"] * 6)
# seven notes called close together in one paragraph with widows and orphans of 3: WeasyPrint 70
# alone moves notes 6 and 7 to the next page as "7." above "6."
HTML = ("<html><style>@page { size: 200px 260px; margin: 20px; } body { font-size: 10px; line-height: 12px; }"
        "p { widows: 3; orphans: 3; } .fn { float: footnote; }</style><body><p></p><p>"
        + "".join(f'{WORDS}<span class="fn">N{k} {NOTE}</span> ' for k in range(1, 8))
        + " end.</p><p>" + " ".join(["more"] * 300) + "</p></body></html>")


def test_moved_footnotes_keep_the_order_of_their_calls():
    document = pdf.weasyprint().HTML(string=HTML).write_pdf()
    pages = [page.extract_text() for page in PdfReader(io.BytesIO(document)).pages]
    order = [int(n) for text in pages for n in re.findall(r"N(\d)", text)]
    assert order == [1, 2, 3, 4, 5, 6, 7]
    assert len([text for text in pages if "N" in text]) >= 2  # some notes were moved to a later page
