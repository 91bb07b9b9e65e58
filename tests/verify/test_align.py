"""The matcher on small texts: what it must skip, join, and report lost."""

from __future__ import annotations

from lectio.verify.align import LOST, align, locate, lost_runs
from lectio.verify.words import words

BODY = ("The first paragraph opens the argument with a plain claim about the harvest. "
        "A second paragraph answers it and quotes the speech of the year before. "
        "The third paragraph weighs both sides and reaches a careful conclusion at last.")


def matched(source: str, output: str) -> list[int]:
    return align(words(source).words, words(output).words)


def lost_words(source: str, output: str) -> list[str]:
    src = words(source).words
    return [src[i] for i, place in enumerate(align(src, words(output).words)) if place == LOST]


def test_everything_found_in_the_same_text():
    assert lost_words(BODY, BODY) == []


def test_folding_quotes_dashes_case_ligatures():
    assert lost_words("“Imposed” from above — the ‘final’ word, 1929–1933",
                      '"IMPOSED" from above -- the \'ﬁnal\' word, 1929-1933') == []


def test_hyphenated_word_at_a_line_end_is_joined():
    # PDFium marks a hyphen that breaks a word at a line end with U+FFFE
    output = BODY.replace("argument", "argu\ufffe\nment").replace("careful", "care-\nful")
    assert lost_words(BODY, output) == []


def test_real_hyphen_at_a_line_end_matches_both_forms():
    source = "the workers-peasant alliance held and the workerspeasant bloc too"
    assert lost_words(source, "the workers\ufffe\npeasant alliance held and the workers\ufffe\npeasant bloc too") == []


def test_word_hyphenated_across_a_page_keeps_the_page_foot_between_its_halves():
    output = BODY.replace("conclusion", "conclu\ufffe\nS 3\n4. A note at the foot.\nRunning Head 17\nsion")
    assert lost_words(BODY, output) == []


def test_running_heads_folios_numbers_and_calls_are_skipped():
    output = ("M 1 The first paragraph opens the argument with a plain claim about the harvest.1 "
              "A Running Head 12 "
              "M 2 A second paragraph answers it and quotes the speech of the yearA3 before.2 "
              "13 The third paragraph weighs both sides and reaches a careful conclusion at last.")
    assert lost_words(BODY, output) == []


def test_notes_at_the_foot_of_the_page_between_body_words():
    notes = " ".join(f"{n}. Note {n} names the harvest and the speech of the year before." for n in range(1, 30))
    output = BODY.replace("quotes the", f"quotes\n{notes}\nRunning Head 12\nthe")
    assert lost_words(BODY, output) == []


def test_a_lost_run_is_reported_where_it_starts():
    output = BODY.replace("A second paragraph answers it and quotes the speech of the year before. ", "")
    src = words(BODY).words
    runs = lost_runs(align(src, words(output).words))
    assert [" ".join(src[s:e]) for s, e in runs] == ["a second paragraph answers it and quotes the speech of the year before"]


def test_a_hidden_middle_of_a_paragraph_is_lost_even_when_its_common_words_occur_later():
    source = BODY + " The harvest of the year was the claim of the speech and the argument."
    output = source.replace("weighs both sides and reaches a careful conclusion", "")
    assert lost_words(source, output) == ["weighs", "both", "sides", "and", "reaches", "a", "careful", "conclusion"]


def test_a_reordered_paragraph_is_detected():
    first, second, third = (s.strip() + "." for s in BODY.split(".")[:3])
    output = " ".join([first, third, second])
    lost = lost_words(BODY, output)
    assert lost and " ".join(lost) in {" ".join(words(second).words), " ".join(words(third).words)}


def test_extra_text_in_the_output_costs_nothing():
    assert lost_words(BODY, "Contents Note on the text " + BODY + " Bibliography Index") == []


def test_empty_output_loses_everything():
    assert matched(BODY, "") == [LOST] * len(words(BODY).words)


def test_locate_finds_notes_in_order_and_reports_the_missing_one():
    notes = [("1", "stalin"), ("2", "stalin"), ("3", "probably", "viola")]
    output = words("body text 1 stalin more 3 Probably Viola. end").words
    assert [place != LOST for place in locate(notes, output)] == [True, False, True]


def test_locate_does_not_take_a_note_from_before_the_previous_one():
    notes = [("1", "first", "note"), ("2", "second", "note")]
    output = words("2 second note … 1 first note").words
    assert sum(place != LOST for place in locate(notes, output)) == 1  # out of order: one of them is lost


def test_words_cut_calls_and_markers_off_the_words_they_touch():
    assert words("capitalism.”5 justified.A10 kulaksA3 situ\u00adation").words == (
        "capitalism", "5", "justified", "a", "10", "kulaks", "a", "3", "situation")


def test_two_source_words_joined_in_the_output():
    assert lost_words("the workers-peasant alliance held", "the workerspeasant alliance held") == []


def test_a_short_stretch_between_two_page_feet_is_found():
    foot = "\n" + " ".join(f"{n}. Footnote number {n} cites Volume {n} page {n}." for n in range(1, 12)) + "\nHead 9\n"
    head, tail = BODY.split(" the speech of ")
    output = head + foot + "the speech of" + foot + tail + " Appendix: quoting the speech of 1930."
    assert lost_words(BODY, output) == []


def test_a_lost_note_found_further_on_does_not_take_the_notes_before_it():
    notes = [("1", "first", "note"), ("2", "stalin"), ("3", "third", "note"), ("4", "fourth", "note")]
    output = words("1 First note. 3 Third note. 4 Fourth note. body: call 2 Stalin said").words
    assert [place != LOST for place in locate(notes, output)] == [True, False, True, True]


def test_the_end_of_a_text_after_a_page_foot_is_found_though_it_is_quoted_again_later():
    # The last paragraph of a reading breaks across a page with notes at its foot; its end
    # stands again later in the book (the synopsis quotes it), so no run of its words is
    # unique and only a walk that resumes after the page foot can find it.
    foot = "\n" + " ".join(f"{n}. Footnote {n} cites Volume {n} page {n}." for n in range(1, 40)) + "\nHead 9\n"
    head, tail = BODY.split(" weighs both sides ")
    later = " Readings compared: M 3 weighs both sides and reaches a careful conclusion at last."
    bibliography = " Bibliography " + " ".join(f"Author {n}, Title {n} (City, 17{n:02})." for n in range(40))
    output = head + " weighs" + foot + "both sides " + tail + later + later + bibliography
    assert lost_words(BODY, output) == []


def test_a_walk_does_not_resume_on_a_single_word_met_after_a_page_foot():
    foot = "\n" + " ".join(f"{n}. Footnote {n} cites Volume {n} page {n}." for n in range(1, 40)) + "\nHead 9\n"
    head = BODY.split(" weighs both sides ")[0]
    output = head + foot + " both of the sides reaches a plain conclusion" + " and both sides of it reach no conclusion"
    lost = lost_words(BODY, output)
    assert lost[:3] == ["weighs", "both", "sides"]


def test_locate_looks_no_further_than_its_end():
    notes = [("1", "first", "note"), ("2", "second", "note")]
    output = words("body text 1 First note. more body 2 Second note.").words
    end = output.index("more")
    assert [place != LOST for place in locate(notes, output, 0, end)] == [True, False]
    assert [place != LOST for place in locate(notes, output, 0)] == [True, True]
