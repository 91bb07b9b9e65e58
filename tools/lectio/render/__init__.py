"""Stage 7: writers. ``html`` (print HTML) → ``pdf`` (WeasyPrint); ``epub`` (pandoc).

Each layer is usable alone: ``html.write_html(book)`` gives the print HTML,
``pdf.render_pdf(html, …)`` lays it out, ``epub.pandoc_document(book)`` gives the
pandoc AST the EPUB is made from.
"""
