"""Ships the Xuân Lộc-based communication criterion for 2025 and 2026 (a frozen copy of
``cchc.evaluation.rules.XUAN_LOC_2022``: later edits of that module do not change what this migration stored).

Source: Bộ tiêu chí chấm điểm cải cách hành chính năm 2022 của UBND huyện Xuân Lộc (Đồng Nai), tiêu chí 4 “Công tác tuyên truyền CCHC” (2 điểm): http://xuanloc.dongnai.gov.vn/Pages/newsdetail.aspx?NewsId=10902&CatId=101. Mức “90% đến dưới 100%” tính theo tỷ lệ theo lời văn của tiêu chí (ví dụ trong văn bản nguồn mâu thuẫn với lời văn). Chưa có quy tắc cấp quốc gia được xác minh.
"""

from django.db import migrations

NAME = "Tuyên truyền CCHC (theo Xuân Lộc 2022)"
LEVELS = ("commune", "department", "local_office")
YEARS = (2025, 2026)
DESCRIPTION = "Bộ tiêu chí chấm điểm cải cách hành chính năm 2022 của UBND huyện Xuân Lộc (Đồng Nai), tiêu chí 4 “Công tác tuyên truyền CCHC” (2 điểm): http://xuanloc.dongnai.gov.vn/Pages/newsdetail.aspx?NewsId=10902&CatId=101. Mức “90% đến dưới 100%” tính theo tỷ lệ theo lời văn của tiêu chí (ví dụ trong văn bản nguồn mâu thuẫn với lời văn). Chưa có quy tắc cấp quốc gia được xác minh."

DEFINITION = {
    "title": "Tiêu chí 4. Công tác tuyên truyền cải cách hành chính",
    "source": "Bộ tiêu chí chấm điểm cải cách hành chính năm 2022 của UBND huyện Xuân Lộc (Đồng Nai), tiêu "
    "chí 4 “Công tác tuyên truyền CCHC” (2 điểm): "
    "http://xuanloc.dongnai.gov.vn/Pages/newsdetail.aspx?NewsId=10902&CatId=101. Mức “90% đến dưới "
    "100%” tính theo tỷ lệ theo lời văn của tiêu chí (ví dụ trong văn bản nguồn mâu thuẫn với lời "
    "văn). Chưa có quy tắc cấp quốc gia được xác minh.",
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
                    "title": "Tuyên truyền bằng hình thức truyền thống (báo chí, phát thanh, "
                    "truyền hình, loa, trực quan, hội nghị…)",
                    "max_points": 0.5,
                    "metric": "traditional_forms",
                    "scoring": {"kind": "boolean"},
                },
            ],
        },
    ],
}


def ship(apps, schema_editor):
    ScoreRule = apps.get_model("evaluation", "ScoreRule")
    for year in YEARS:
        for level in LEVELS:
            ScoreRule.objects.get_or_create(
                year=year,
                level=level,
                name=NAME,
                defaults={"description": DESCRIPTION, "definition": DEFINITION, "is_active": True},
            )


def unship(apps, schema_editor):
    ScoreRule = apps.get_model("evaluation", "ScoreRule")
    ScoreRule.objects.filter(name=NAME, year__in=YEARS, level__in=LEVELS, score_sheets__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [("evaluation", "0001_initial")]

    operations = [migrations.RunPython(ship, unship)]
