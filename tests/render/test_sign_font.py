"""The face of the supplied-text brackets is lectio's own, shipped as made, with the two glyphs only."""

from fontTools.ttLib import TTFont

from lectio.render import fonts, signfont


def test_shipped_face_is_what_the_module_makes():
    assert signfont.font_path().read_bytes() == signfont.font_bytes()


def test_face_maps_the_angle_brackets_and_nothing_else():
    face = TTFont(signfont.font_path())
    assert set(face.getBestCmap()) == {0x27E8, 0x27E9}
    glyphs = face["glyf"]
    left, right = glyphs["angleleft"], glyphs["angleright"]
    assert left.numberOfContours == right.numberOfContours == 1
    assert left.xMin < right.xMin and left.xMax < right.xMax or left.xMin > 0  # drawn, mirrored


def test_print_faces_name_it_for_its_code_points_only():
    css = fonts.font_face_css(lambda path: path.name)
    rules = [rule for rule in css.splitlines() if signfont.FAMILY in rule]
    assert len(rules) == len(fonts.FACES) and all("unicode-range: U+27E8-27E9" in r for r in rules)
    assert signfont.FAMILY not in fonts.font_face_css(lambda path: path.name, signs=False)
