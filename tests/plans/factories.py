"""Plans for tests: a small draft as the importer would give it, imports, plans and tasks."""

from __future__ import annotations

from itertools import count
from typing import Any

from django.core.files.base import ContentFile

from cchc.importer.model import (
    Agency,
    Deadline,
    DocumentInfo,
    ImportWarning,
    IndicatorTarget,
    LegalReference,
    PlanDraft,
    Recurrence,
    ReportingObligation,
    Section,
    SourceSpan,
    SubPlanObligation,
    Timeframe,
)
from cchc.importer.model import (
    Task as DraftTask,
)
from cchc.orgs.models import Unit
from cchc.plans.models import Assignment, Plan, PlanImport, Task
from cchc.plans.services import plan_search_text, suggest_matches

_sequence = count(1)

SOURCE_LINES = [
    "ỦY BAN NHÂN DÂN TỈNH KHÁNH HÒA",
    "Số: 12/KH-UBND",
    "Khánh Hòa, ngày 05 tháng 02 năm 2026",
    "KẾ HOẠCH",
    "Tuyên truyền cải cách hành chính năm 2026",
    "Căn cứ Nghị quyết số 76/NQ-CP ngày 15/7/2021 của Chính phủ;",
    "I. MỤC ĐÍCH, YÊU CẦU",
    "Phấn đấu Chỉ số SIPAS từ 90% trở lên.",
    "II. NHIỆM VỤ",
    "1\tĐăng tin, bài về cải cách hành chính\tSở Nội vụ\tCác sở, ban, ngành\tHằng tháng\tTin, bài",
    "2\tTổ chức hội nghị tuyên truyền\tBan Chỉ đạo Hư cấu\tSở Văn hóa, Thể thao và Du lịch\tQuý II/2026\tHội nghị",
    "Các sở, ban, ngành báo cáo 6 tháng trước ngày 05/6 và báo cáo năm trước ngày 30/11.",
    "UBND các xã xây dựng kế hoạch trong quý I năm 2026.",
]


def make_draft(**document: Any) -> PlanDraft:
    """A plan of the province: one task led by a known agency with a group coordinating, one led by an
    unknown name, a reference, a reporting and a sub-plan obligation, a target and a warning."""
    info = DocumentInfo(
        number="12/KH-UBND",
        symbol="KH-UBND",
        issuer="ỦY BAN NHÂN DÂN TỈNH KHÁNH HÒA",
        place="Khánh Hòa",
        issue_date="2026-02-05",
        issue_date_text="ngày 05 tháng 02 năm 2026",
        year=2026,
        title="Tuyên truyền cải cách hành chính năm 2026",
        signer_name="Nguyễn Văn A",
        signer_title="CHỦ TỊCH",
        authority="TM.",
        authority_body="ỦY BAN NHÂN DÂN",
        recipients=["Bộ Nội vụ", "Lưu: VT"],
        source=SourceSpan(1, 5),
    )
    for name, value in document.items():
        setattr(info, name, value)
    return PlanDraft(
        document=info,
        legal_references=[
            LegalReference(
                doc_type="Nghị quyết",
                number="76/NQ-CP",
                date="2021-07-15",
                issuer="Chính phủ",
                title="ban hành Chương trình tổng thể cải cách hành chính",
                text="Nghị quyết số 76/NQ-CP ngày 15/7/2021 của Chính phủ",
                source=SourceSpan(6, 6),
            )
        ],
        sections=[
            Section(
                marker="I.",
                title="MỤC ĐÍCH, YÊU CẦU",
                text="Phấn đấu Chỉ số SIPAS từ 90% trở lên.",
                source=SourceSpan(7, 8),
            ),
            Section(marker="II.", title="NHIỆM VỤ", text="", source=SourceSpan(9, 11)),
        ],
        themes=[],
        channels=[],
        tasks=[
            DraftTask(
                ordinal="1",
                title="Đăng tin, bài về cải cách hành chính",
                lead=[Agency(text="Sở Nội vụ", name="Sở Nội vụ")],
                coordinating=[
                    Agency(
                        text="Các sở, ban, ngành",
                        name="Các sở, ban, ngành",
                        is_group=True,
                        group="departments",
                    )
                ],
                timeframe=Timeframe(
                    text="Hằng tháng", kind="continuous", start="2026-01-01", end="2026-12-31"
                ),
                frequency=Recurrence(
                    text="Hằng tháng", kind="monthly", per_period=1, total=12, item_unit="tin, bài"
                ),
                product="Tin, bài",
                source=SourceSpan(10, 10),
            ),
            DraftTask(
                ordinal="2",
                title="Tổ chức hội nghị tuyên truyền",
                lead=[Agency(text="Ban Chỉ đạo Hư cấu", name="Ban Chỉ đạo Hư cấu", recognised=False)],
                coordinating=[
                    Agency(text="Sở Văn hóa, Thể thao và Du lịch", name="Sở Văn hóa, Thể thao và Du lịch")
                ],
                timeframe=Timeframe(text="Quý II/2026", kind="range", start="2026-04-01", end="2026-06-30"),
                frequency=Recurrence(text="Quy mô: 03 cuộc", kind="count", total=3, item_unit="cuộc"),
                product="Hội nghị",
                source=SourceSpan(11, 11),
            ),
        ],
        reporting_obligations=[
            ReportingObligation(
                period="half_year",
                deadline=Deadline(text="trước ngày 05/6", day=5, month=6),
                reporters=[
                    Agency(
                        text="Các sở, ban, ngành",
                        name="Các sở, ban, ngành",
                        is_group=True,
                        group="departments",
                    )
                ],
                recipient="UBND tỉnh",
                via="Sở Nội vụ",
                text=SOURCE_LINES[11],
                source=SourceSpan(12, 12),
            ),
            ReportingObligation(
                period="year",
                deadline=Deadline(text="trước ngày 30/11", day=30, month=11),
                text=SOURCE_LINES[11],
                source=SourceSpan(12, 12),
            ),
        ],
        subplan_obligations=[
            SubPlanObligation(
                units=[
                    Agency(text="UBND các xã", name="UBND các xã", is_group=True, group="commune_committees")
                ],
                deadline_text="trong quý I năm 2026",
                due_date="2026-03-31",
                text=SOURCE_LINES[12],
                source=SourceSpan(13, 13),
            )
        ],
        indicator_targets=[
            IndicatorTarget(
                index="SIPAS",
                text="SIPAS từ 90% trở lên",
                comparator=">=",
                value=90.0,
                unit="%",
                source=SourceSpan(8, 8),
            )
        ],
        warnings=[
            ImportWarning(
                code="unknown_agency",
                message="Không nhận ra cơ quan “Ban Chỉ đạo Hư cấu”.",
                source=SourceSpan(11, 11),
            )
        ],
        source_format="text",
        source_lines=list(SOURCE_LINES),
    )


def make_import(
    user: Any, draft: PlanDraft | None = None, *, issuer: Unit | None = None, matches: dict | None = None
) -> PlanImport:
    """A pending import as ``start_import`` leaves it (the draft given, no parsing)."""
    draft = draft or make_draft()
    data = "\n".join(draft.source_lines).encode()
    plan_import = PlanImport(
        filename=f"ke-hoach-{next(_sequence)}.txt",
        size=len(data),
        content_hash=f"{next(_sequence):064d}",
        draft=draft.to_dict(),
        issuer=issuer,
        unit_matches=matches if matches is not None else suggest_matches(draft, issuer),
        created_by=user,
    )
    plan_import.file.save(plan_import.filename, ContentFile(data), save=False)
    plan_import.save()
    return plan_import


def make_plan(issuer: Unit, *, tasks: int = 0, units: list[Unit] | None = None, **overrides: Any) -> Plan:
    """A plan with ``tasks`` tasks, each led by ``units`` (and one unresolved coordinating name)."""
    number = next(_sequence)
    values: dict[str, Any] = {
        "number": f"{number}/KH-UBND",
        "symbol": "KH-UBND",
        "year": 2026,
        "title": f"Kế hoạch tuyên truyền cải cách hành chính số {number}",
        "status": Plan.Status.ISSUED,
        "search_text": "",
    }
    values.update(overrides)
    plan = Plan.objects.create(issuer=issuer, **values)
    plan.search_text = plan_search_text(plan)
    plan.save(update_fields=["search_text"])
    for position in range(tasks):
        make_task(plan, position=position, units=units or [])
    return plan


def make_task(plan: Plan, *, units: list[Unit], position: int = 0, **overrides: Any) -> Task:
    values: dict[str, Any] = {
        "ordinal": str(position + 1),
        "title": f"Nhiệm vụ tuyên truyền {position + 1}",
        "timeframe_text": "Quý II/2026",
        "timeframe_kind": Task.TimeframeKind.RANGE,
        "recurrence_kind": Task.RecurrenceKind.MONTHLY,
        "per_period": 1,
        "target_total": 12,
        "item_unit": "tin",
    }
    values.update(overrides)
    task = Task.objects.create(plan=plan, position=position, **values)
    for index, unit in enumerate(units):
        Assignment.objects.create(
            task=task, unit=unit, role=Assignment.Role.LEAD, position=index, text=unit.name
        )
    Assignment.objects.create(
        task=task, role=Assignment.Role.COORDINATING, text="Cơ quan chưa rõ", is_resolved=False
    )
    return task
