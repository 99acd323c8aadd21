"""Rules shipped with the product, as data (pure Python). The data migration stores a frozen copy of
these; an administrator adds or changes rules in the admin, never here."""

from __future__ import annotations

from typing import Any

XUAN_LOC_SOURCE = (
    "Bộ tiêu chí chấm điểm cải cách hành chính năm 2022 của UBND huyện Xuân Lộc (Đồng Nai), tiêu chí 4 "
    "“Công tác tuyên truyền CCHC” (2 điểm): http://xuanloc.dongnai.gov.vn/Pages/newsdetail.aspx?NewsId=10902"
    "&CatId=101. Mức “90% đến dưới 100%” tính theo tỷ lệ theo lời văn của tiêu chí (ví dụ trong văn bản "
    "nguồn mâu thuẫn với lời văn). Chưa có quy tắc cấp quốc gia được xác minh."
)

XUAN_LOC_2022: dict[str, Any] = {
    "title": "Tiêu chí 4. Công tác tuyên truyền cải cách hành chính",
    "source": XUAN_LOC_SOURCE,
    "max_points": 2,
    "criteria": [
        {
            "code": "4.1",
            "title": "Mức độ hoàn thành kế hoạch tuyên truyền cải cách hành chính",
            "max_points": 1,
            "metric": "plan_completion",
            "scoring": {"kind": "bands", "bands": [[100, None, 1], [90, 100, "proportional"], [0, 90, 0]]},
        },
        {
            "code": "4.2",
            "title": "Đa dạng hình thức tuyên truyền (có tài liệu kiểm chứng)",
            "max_points": 1,
            "children": [
                {
                    "code": "4.2.1",
                    "title": "Tuyên truyền trực tuyến",
                    "max_points": 0.5,
                    "children": [
                        {
                            "code": "4.2.1.a",
                            "title": "Trên màn hình LED, màn hình điện tử",
                            "max_points": 0.25,
                            "metric": "online_screens",
                            "scoring": {"kind": "boolean"},
                        },
                        {
                            "code": "4.2.1.b",
                            "title": "Trên cổng/trang thông tin điện tử, mạng xã hội",
                            "max_points": 0.25,
                            "metric": "online_web_social",
                            "scoring": {"kind": "boolean"},
                        },
                    ],
                },
                {
                    "code": "4.2.2",
                    "title": "Tuyên truyền bằng hình thức truyền thống (báo chí, phát thanh, truyền hình, loa, "
                    "trực quan, hội nghị…)",
                    "max_points": 0.5,
                    "metric": "traditional_forms",
                    "scoring": {"kind": "boolean"},
                },
            ],
        },
    ],
}

# Levels the Xuân Lộc criterion scored (communes and the district's specialised offices); after the 2025
# reorganisation the district level is gone, so it is shipped for communes and for the departments and
# offices that lead communication tasks.
XUAN_LOC_LEVELS = ("commune", "department", "local_office")
XUAN_LOC_YEARS = (2025, 2026)
