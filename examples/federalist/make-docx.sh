#!/bin/sh
# How texts/brutus-1.docx was made: the transcription was typed in Markdown
# (docx-source/brutus-1.md) and converted once by pandoc, so that its notes are
# Word footnotes, as an editor working in Word would send them. The build reads
# only the .docx; run this again (from this folder) after changing the Markdown.
#
#   PANDOC=/path/to/pandoc sh make-docx.sh
#
# pandoc is the one lectio ships with pypandoc-binary when PANDOC is not set.
set -eu
cd "$(dirname "$0")"
PANDOC=${PANDOC:-$(python3 -c 'import pypandoc; print(pypandoc.get_pandoc_path())')}
"$PANDOC" -f markdown -t docx -o texts/brutus-1.docx docx-source/brutus-1.md
