import pytest

from registry.textfold import fold


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Đồng Nai", "dong nai"),
        ("bán dẫn", "ban dan"),
        ("KHU CÔNG NGHỆ SỐ", "khu cong nghe so"),
        ("Cái Mép – Thị Vải", "cai mep – thi vai"),
        ("  many   spaces ", "many spaces"),
        ("Nhơn Trạch", "nhon trach"),
    ],
)
def test_fold(text, folded):
    assert fold(text) == folded
