"""The ``cchc`` command: tools that work on files, without Django or a database.

``cchc import FILE [--json]`` reads a plan (.docx, .pdf, .txt, .md) and prints what the importer
found in it, as a summary in Vietnamese or as the PlanDraft JSON.
``cchc render PLAN.json -o plan.docx [--template T.docx]`` turns that JSON back into an official
document (Nghị định 30/2020), with no database.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path

from cchc.documents.builders import TemplateProblem, build_plan_docx
from cchc.importer import ImportFailure, PlanDraft, parse_document
from cchc.importer.model import Agency, IndicatorTarget, Recurrence, Timeframe

EXIT_FAILURE = 2
TITLE_WIDTH = 70
PERIODS = {
    "quarter": "quý",
    "half_year": "6 tháng",
    "nine_months": "9 tháng",
    "year": "năm",
    "ad_hoc": "đột xuất",
}
RECURRENCES = {
    "once": "một lần",
    "daily": "hằng ngày",
    "weekly": "hằng tuần",
    "monthly": "hằng tháng",
    "quarterly": "hằng quý",
    "half_yearly": "6 tháng một lần",
    "yearly": "hằng năm",
    "count": "theo số lượng",
    "continuous": "thường xuyên",
    "periodic": "định kỳ",
    "unknown": "chưa rõ",
}


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="cchc", description="Công cụ kế hoạch tuyên truyền CCHC.")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    importer = commands.add_parser(
        "import",
        help="đọc một kế hoạch (.docx, .pdf, .txt, .md) và in kết quả nhận dạng",
        description="Đọc một kế hoạch và in kết quả nhận dạng.",
    )
    importer.add_argument("file", type=Path, metavar="FILE", help="tệp kế hoạch")
    importer.add_argument("--json", action="store_true", help="in bản nháp kế hoạch dạng JSON")
    render = commands.add_parser(
        "render",
        help="tạo văn bản kế hoạch (.docx) theo Nghị định 30/2020 từ bản nháp JSON",
        description="Tạo văn bản kế hoạch (.docx) từ bản nháp JSON của lệnh `cchc import --json`.",
    )
    render.add_argument("plan", type=Path, metavar="PLAN.json", help="bản nháp kế hoạch dạng JSON")
    render.add_argument(
        "-o", "--output", type=Path, required=True, metavar="FILE.docx", help="tệp Word tạo ra"
    )
    render.add_argument(
        "--template", type=Path, metavar="MAU.docx", help="mẫu văn bản riêng của đơn vị (docxtpl)"
    )
    args = parser.parse_args(argv)
    if args.command == "render":
        return _render(args.plan, args.output, args.template)
    return _import(args.file, as_json=args.json)


def _render(plan: Path, output: Path, template_path: Path | None) -> int:
    try:
        text = plan.read_text(encoding="utf-8")
        template = template_path.read_bytes() if template_path is not None else None
    except OSError as exc:
        name = exc.filename or plan
        _error(
            f"Không đọc được tệp {name} ({exc.strerror or exc})",
            f"cannot read {name} ({exc.strerror or exc})",
        )
        return EXIT_FAILURE
    except UnicodeDecodeError:
        _error(f"Tệp {plan} không phải văn bản UTF-8", f"{plan} is not UTF-8 text")
        return EXIT_FAILURE
    try:
        draft = _draft_from_json(text)
    except ValueError as exc:
        _error(
            f"Tệp {plan} không phải bản nháp kế hoạch JSON hợp lệ ({exc})",
            f"{plan} is not a valid PlanDraft JSON ({exc})",
        )
        return EXIT_FAILURE
    try:
        data = build_plan_docx(draft, template=template)
    except TemplateProblem as exc:
        _error(exc.message_vi, f"the template cannot be rendered ({exc.placeholder or 'syntax'})")
        return EXIT_FAILURE
    except (TypeError, AttributeError, ValueError, KeyError) as exc:
        # from_dict does not check value types: a hand-edited "title": 5 fails here.
        _error(
            f"Bản nháp {plan} có giá trị sai kiểu, không tạo được văn bản",
            f"{plan} holds a value of the wrong type ({type(exc).__name__}: {exc})",
        )
        return EXIT_FAILURE
    try:
        output.write_bytes(data)
    except OSError as exc:
        _error(
            f"Không ghi được tệp {output} ({exc.strerror or exc})",
            f"cannot write {output} ({exc.strerror or exc})",
        )
        return EXIT_FAILURE
    print(f"Đã tạo {output} ({len(data) // 1024} KB, {len(draft.tasks)} nhiệm vụ).")
    return 0


def _draft_from_json(text: str) -> PlanDraft:
    """A PlanDraft from the importer's JSON; ValueError (with a short English reason) otherwise."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ValueError(f"JSON error at line {exc.lineno}") from exc
    if not isinstance(data, dict) or not isinstance(data.get("document"), dict):
        raise ValueError('no "document" object')
    try:
        return PlanDraft.from_dict(data)
    except (TypeError, KeyError, AttributeError, IndexError) as exc:
        raise ValueError(f"unexpected structure: {exc}") from exc


def _import(path: Path, *, as_json: bool) -> int:
    try:
        data = path.read_bytes()
    except OSError as exc:
        _error(
            f"Không đọc được tệp {path} ({exc.strerror or exc})",
            f"cannot read {path} ({exc.strerror or exc})",
        )
        return EXIT_FAILURE
    try:
        draft = parse_document(data, path.name)
    except ImportFailure as exc:
        _error(exc.message_vi, exc.message_en)
        return EXIT_FAILURE
    if as_json:
        print(json.dumps(draft.to_dict(), ensure_ascii=False, indent=2))
    else:
        print("\n".join(summary(draft)))
    return 0


def _error(message_vi: str, message_en: str) -> None:
    print(f"Lỗi: {message_vi} / Error: {message_en}", file=sys.stderr)


def summary(draft: PlanDraft) -> list[str]:
    """A readable Vietnamese summary of a draft, one fact per line."""
    info = draft.document
    lines = [
        f"{info.doc_type} số: {info.number or _blank(info.symbol)}",
        f"Ngày ban hành: {_date(info.issue_date) or info.issue_date_text or '(để trống)'}",
        f"Cơ quan ban hành: {info.issuer or '(không rõ)'}",
        f"Người ký: {_signer(draft)}",
        f"Năm kế hoạch: {info.year or '(không rõ)'}",
    ]
    if info.title:
        lines.append(f"Trích yếu: {info.title}")
    lines.append(
        f"Định dạng: {draft.source_format}, {len(draft.source_lines)} dòng. "
        f"Căn cứ: {len(draft.legal_references)} văn bản; nhiệm vụ: {len(draft.tasks)}; "
        f"báo cáo định kỳ: {len(draft.reporting_obligations)}; "
        f"kế hoạch cấp dưới: {len(draft.subplan_obligations)}; chỉ tiêu: {len(draft.indicator_targets)}; "
        f"cảnh báo: {len(draft.warnings)}"
    )
    if draft.tasks:
        lines += ["", "Nhiệm vụ:"]
        for task in draft.tasks:
            parts = [f"  {_ordinal(task.ordinal)} {_shorten(task.title)}"]
            parts.append(f"chủ trì: {_agencies(task.lead) or '(không rõ)'}")
            parts.append(f"thời gian: {_timeframe(task.timeframe)}")
            if task.frequency is not None:
                parts.append(f"tần suất: {_frequency(task.frequency)}")
            lines.append(" | ".join(parts))
    if draft.reporting_obligations or draft.subplan_obligations:
        lines += ["", "Nghĩa vụ:"]
        for report in draft.reporting_obligations:
            deadline = f", {report.deadline.text}" if report.deadline else ""
            reporters = f" ({_agencies(report.reporters)})" if report.reporters else ""
            recipient = f" gửi {report.recipient}" if report.recipient else ""
            lines.append(
                f"  - Báo cáo {PERIODS.get(report.period, report.period)}{deadline}{recipient}{reporters}"
            )
        for subplan in draft.subplan_obligations:
            due = f", {subplan.deadline_text}" if subplan.deadline_text else ""
            lines.append(f"  - Xây dựng kế hoạch: {_agencies(subplan.units) or '(các đơn vị)'}{due}")
    if draft.indicator_targets:
        lines += ["", "Chỉ tiêu:"]
        lines += [f"  - {_target(target)}: {_shorten(target.text, 60)}" for target in draft.indicator_targets]
    if draft.warnings:
        lines += ["", "Cảnh báo:"]
        for warning in draft.warnings:
            where = f" (dòng {warning.source.start})" if warning.source else ""
            lines.append(f"  - {warning.message}{where}")
    return lines


def _ordinal(ordinal: str) -> str:
    """ "1" -> "1.", "a)" stays, none -> "-"."""
    if not ordinal:
        return "-"
    return ordinal if ordinal.endswith((".", ")")) else f"{ordinal}."


def _signer(draft: PlanDraft) -> str:
    info = draft.document
    title = " ".join(part for part in (info.authority, info.signer_title) if part)
    named = ", ".join(part for part in (title, info.signer_name) if part)
    return named or "(không rõ)"


def _agencies(agencies: list[Agency]) -> str:
    return ", ".join(agency.name for agency in agencies)


def _timeframe(timeframe: Timeframe | None) -> str:
    if timeframe is None:
        return "(không rõ)"
    window = " – ".join(part for part in (_date(timeframe.start), _date(timeframe.end)) if part)
    text = timeframe.text or ("cả năm" if timeframe.kind == "continuous" else "")
    return f"{text} ({window})" if window else text or "(không rõ)"


def _target(target: IndicatorTarget) -> str:
    if target.comparator is None:
        return target.index
    if target.comparator == "top":
        return (
            f"{target.index} thuộc nhóm {target.value:g} dẫn đầu"
            if target.value
            else f"{target.index} dẫn đầu"
        )
    value = f"{target.value:g}{target.unit or ''}" if target.value is not None else ""
    return f"{target.index} {target.comparator} {value}".strip()


def _frequency(frequency: Recurrence) -> str:
    label = RECURRENCES.get(frequency.kind, frequency.kind)
    return f"{label} ({frequency.text})" if frequency.text else label


def _date(iso: str | None) -> str | None:
    if not iso:
        return None
    year, month, day = iso.split("-")
    return f"{day}/{month}/{year}"


def _blank(symbol: str | None) -> str:
    return f"(để trống)/{symbol}" if symbol else "(không có)"


def _shorten(text: str, width: int = TITLE_WIDTH) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


if __name__ == "__main__":
    raise SystemExit(main())
