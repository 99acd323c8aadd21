from __future__ import annotations

import pytest

from cchc.importer.layout import build_paras
from cchc.importer.vocab import (
    CHANNELS,
    THEMES,
    detect_channels,
    detect_themes,
    detect_topics,
    fold_for_vocabulary,
    join_folded,
)

THEME_CASES = [
    ("b) Tuyên truyền về cải cách thể chế:", ["institutions"]),
    ("c) Tuyên truyền về cải cách thủ tục hành chính:", ["procedures"]),
    ("d) Tuyên truyền công tác cải cách tổ chức bộ máy:", ["apparatus"]),
    ("d) Tuyên truyền về cải cách chế độ công vụ:", ["civil_service"]),
    ("e) Tuyên truyền cải cách tài chính công:", ["public_finance"]),
    ("g) Tuyên truyền xây dựng và phát triển Chính phủ điện tử, Chính phủ số:", ["digital_government"]),
    ("a) Tuyên truyền công tác chỉ đạo điều hành:", ["direction"]),
    ("Tổ chức tuyên truyền cải cách hành chính trên Cổng Thông tin điện tử thành phố", ["direction"]),
    ("Lồng ghép nội dung tuyên truyền CCHC trong các lớp bồi dưỡng", ["direction"]),
    (
        "Đẩy mạnh thông tin tuyên truyền về sử dụng dịch vụ công trực tuyến; thanh toán điện tử không dùng tiền mặt",
        ["digital_government"],
    ),
    (
        "Tình hình triển khai thực hiện cơ chế một cửa, một cửa liên thông trong giải quyết TTHC",
        ["procedures"],
    ),
    (
        "Tuyên truyền kết quả sắp xếp, tinh gọn bộ máy; thực hiện tinh giản biên chế; vị trí việc làm",
        ["apparatus"],
    ),
    (
        "cải cách thể chế; cải cách TTHC; cải cách tổ chức bộ máy hành chính nhà nước; cải cách chế độ công vụ; "
        "cải cách tài chính công; xây dựng và phát triển Chính phủ điện tử, Chính phủ số",
        ["institutions", "procedures", "apparatus", "civil_service", "public_finance", "digital_government"],
    ),
    ("Tổ chức các hoạt động văn hóa, văn nghệ", []),
]


@pytest.mark.parametrize(("text", "themes"), THEME_CASES, ids=[c[0][:40] for c in THEME_CASES])
def test_detect_themes(text: str, themes: list[str]) -> None:
    assert detect_themes(text) == themes


CHANNEL_CASES = [
    ("Chuyên trang trên Báo Quảng Ngãi", ["press"]),
    ("Tuyên truyền trên báo Hải Phòng hàng ngày và Báo Hải Phòng điện tử", ["press"]),
    ("Tổng hợp báo cáo kết quả; BÁO CÁO định kỳ", []),
    ("Sản xuất và phát sóng chuyên mục trên sóng phát thanh, truyền hình tỉnh", ["radio", "television"]),
    ("Đăng tải văn bản chỉ đạo điều hành trên trang Thông tin điện tử của thành phố", ["web_portal"]),
    ("Cập nhật thông tin về CCHC trên Cổng/Trang thông tin điện tử của các cơ quan", ["web_portal"]),
    ("trang Zalo chính danh (OA), Facebook, Tiktok...", ["social_media"]),
    ("Đưa tin trên trang thành phố và loa truyền thanh không dây", ["loudspeaker"]),
    ("Đẩy mạnh tuyên truyền trên Hệ thống Truyền thanh cơ sở", ["loudspeaker"]),
    (
        "Sản xuất video clip, poster để phát trên các màn hình Led, trên mạng xã hội",
        ["social_media", "visual"],
    ),
    ("Trực quan, in ấn: băng pano, áp phích, tờ rơi, tờ gấp, băng, đĩa", ["visual", "print"]),
    ("hệ thống băng rôn, khẩu hiệu trên trục đường chính", ["visual"]),
    ("Biên tập, in ấn tài liệu tuyên truyền", ["print"]),
    ("Tổ chức hội nghị tập huấn, tọa đàm tuyên truyền", ["conference", "training"]),
    ("Tổ chức các lớp tập huấn, bồi dưỡng về công tác CCHC", ["training"]),
    ("Tổ chức các Hội thi, các hình thức thi tuyên truyền về CCHC", ["contest"]),
    ("Tổ chức cuộc thi Phát thanh viên tuyên truyền", ["radio", "contest"]),
    ("Chủ trì đối thoại trực tuyến giữa lãnh đạo Ủy ban nhân dân thành phố", ["dialogue"]),
    ("Tổ chức các hoạt động văn hóa, văn nghệ có chủ đề về CCHC", ["performance"]),
    ("tuyên truyền thông qua hình thức sân khấu hóa các nội dung cải cách hành chính", ["performance"]),
    (
        'Xuất bản Bản tin số "Cải cách hành chính" để đăng tải trên các nền tảng số',
        ["social_media", "newsletter"],
    ),
    ("Gửi tin nhắn SMS đến người dân", ["messaging"]),
    ("Tận dụng lợi thế của trí tuệ nhân tạo (AI), trợ lý ảo trong công tác tuyên truyền", ["ai_assistant"]),
    ("Triển khai chatbot hỏi đáp thủ tục", ["ai_assistant"]),
    ("lồng ghép trong các cuộc sinh hoạt ở tổ dân phố, bản", ["meetings"]),
    ("Công khai TTHC tại Bộ phận tiếp nhận và trả kết quả thành phố", ["public_service_points"]),
    ("Hỗ trợ người dân tại Bộ phận một cửa các cấp", ["public_service_points"]),
    ("Ai cũng có trách nhiệm", []),
]


@pytest.mark.parametrize(("text", "channels"), CHANNEL_CASES, ids=[c[0][:40] for c in CHANNEL_CASES])
def test_detect_channels(text: str, channels: list[str]) -> None:
    assert detect_channels(text) == channels


def test_codes_come_back_in_vocabulary_order() -> None:
    text = "Trợ lý ảo, tờ rơi, Báo Nam Định, hội nghị"
    assert detect_channels(text) == ["press", "print", "conference", "ai_assistant"]


def test_every_code_has_a_vietnamese_label() -> None:
    assert list(THEMES) == [
        "institutions",
        "procedures",
        "apparatus",
        "civil_service",
        "public_finance",
        "digital_government",
        "direction",
    ]
    assert len(CHANNELS) == 18
    assert all(label and label[0].isupper() for label in [*THEMES.values(), *CHANNELS.values()])


def test_words_that_merely_start_like_a_channel_are_not_channels() -> None:
    # "địa bàn tỉnh" folds to "dia ban tinh", which begins like "ban tin" (newsletter).
    assert "newsletter" not in detect_channels("Tuyên truyền trên địa bàn tỉnh Quảng Ngãi")
    assert "newsletter" in detect_channels("Xuất bản Bản tin số chuyên đề")


def test_rules_with_regex_syntax_still_apply_their_conditions() -> None:
    # "hop bao(?! cao)": tried only where "hop bao" occurs, and a report meeting is no press conference.
    assert "conference" in detect_channels("Tổ chức họp báo định kỳ")
    assert "conference" not in detect_channels("Họp báo cáo kết quả")
    # "\\bloa\\b": "loa" inside a word is no loudspeaker.
    assert "loudspeaker" in detect_channels("Phát trên loa truyền thanh")
    assert "loudspeaker" not in detect_channels("Tuyên truyền về hoa loan")


def test_paragraphs_folded_one_by_one_give_the_same_topics() -> None:
    lines = [
        "1. Hình thức tuyên truyền",
        "- Trên Báo Quảng Ngãi, Đài Phát thanh  và Truyền hình tỉnh;",
        "- Hội nghị, tập huấn về cải cách thủ tục hành chính, chuyển đổi số.",
        "- Tin nhắn SMS, trợ lý ảo AI\u00a0trên Zalo",
    ]
    paras = build_paras(lines)
    text = "\n".join(p.text for p in paras)
    folded = join_folded(p.folded for p in paras)
    assert folded.strip() == fold_for_vocabulary(text).strip()
    assert (detect_themes(text, folded), detect_channels(text, folded)) == detect_topics(text)
    assert detect_topics(text)[1] == [
        "press",
        "radio",
        "television",
        "social_media",
        "conference",
        "training",
        "messaging",
        "ai_assistant",
    ]
