from registry.textfold import fold
from search.excerpts import excerpt


def test_excerpt_marks_whole_words_in_the_original_diacritics():
    text = "Khu công nghệ số tập trung Long Thành, hạt nhân bán dẫn."
    assert excerpt(text, fold("ban dan").split()) == (
        "Khu công nghệ số tập trung Long Thành, hạt nhân <mark>bán</mark> <mark>dẫn</mark>."
    )


def test_excerpt_escapes_html_and_cuts_long_text():
    text = "<b>x</b> " + "word " * 100 + "target here"
    result = excerpt(text, ["target"])
    assert result.startswith("…") and "<mark>target</mark>" in result
    assert "<b>" not in result
