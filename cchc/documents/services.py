"""The only writers of the register, issued plans, amendments and units' templates.

A number comes from the unit's register inside the transaction that issues the document: the counter row is
locked until that transaction ends, so two clerks issuing at the same moment get consecutive numbers, and a
failure rolls the number back with everything else (no gap, no number given twice).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cchc.core.errors import DomainError
from cchc.documents.access import can_keep_register
from cchc.documents.builders import (
    AUTHORITIES,
    ReportDocument,
    TemplateProblem,
    build_plan_docx,
    build_report_docx,
)
from cchc.documents.builders.text import date_text
from cchc.documents.context import (
    issuer_code_of,
    issuer_heading,
    place_of,
    plan_to_draft,
    sample_plan_draft,
    superior_heading,
)
from cchc.documents.models import (
    DocumentTemplate,
    RegisterCounter,
    RegisteredDocument,
    SignedDocument,
    format_number,
)
from cchc.documents.pdf import docx_to_pdf
from cchc.orgs.access import can_coordinate
from cchc.orgs.models import Unit
from cchc.plans.access import can_edit_plan
from cchc.plans.models import (
    Assignment,
    IndicatorTarget,
    LegalReference,
    Plan,
    ReportingObligation,
    SubPlanObligation,
    Task,
)
from cchc.plans.services import plan_search_text

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser
    from django.core.files.uploadedfile import UploadedFile

# "KH-UBND", "BC-SNV", "TTr-UBND", "KH-SVHTTDL", "KH-HĐND": a type code, "-", the issuer's code (Nghị định 30/2020,
# Phụ lục I: no spaces).
SYMBOL_PATTERN = re.compile(r"^([A-Za-zĐđ]{1,6})-([0-9A-ZĐ][0-9A-Za-zĐđ&.\-]{0,23})$")
# The number part of a stored number and symbol: "05" in "05/KH-UBND".
NUMBER_PREFIX = re.compile(r"^\s*(\d{1,6})\s*/")

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
TEMPLATE_MAX_BYTES = 5 * 1024 * 1024


def split_symbol(symbol: str) -> tuple[str, str]:
    """ "KH-UBND" -> ("KH", "UBND"); DomainError for a symbol outside the rule of Nghị định 30/2020."""
    match = SYMBOL_PATTERN.match(symbol.strip())
    if match is None:
        raise DomainError(
            _(
                "Ký hiệu “%(symbol)s” không đúng quy định: viết tắt loại văn bản, dấu gạch nối rồi viết tắt "
                "cơ quan ban hành, không có khoảng trắng (ví dụ KH-UBND)."
            )
            % {"symbol": symbol.strip()[:40]}
        )
    return match.group(1), match.group(2)


def default_symbol(unit: Unit, type_code: str = "KH") -> str:
    return f"{type_code}-{issuer_code_of(unit)}"


def _highest_recorded(unit: Unit, year: int, symbol: str) -> int:
    """The highest number of this register already printed on a plan of the unit (plans imported as issued
    carry numbers the register never gave: they must not be given again)."""
    numbers = Plan.objects.filter(issuer=unit, symbol=symbol, issue_date__year=year).values_list(
        "number", flat=True
    )
    highest = 0
    for number in numbers:
        match = NUMBER_PREFIX.match(number or "")
        if match:
            highest = max(highest, int(match.group(1)))
    return highest


@transaction.atomic
def allocate_number(unit: Unit, year: int, type_code: str, issuer_code: str) -> int:
    """The next number of the unit's register for ``year`` and ``type_code-issuer_code``.

    Call it inside the transaction that records the document: the counter row stays locked until that
    transaction ends, so concurrent callers wait and get consecutive numbers; a rollback returns the number.
    """
    counter, _created = RegisterCounter.objects.get_or_create(
        unit=unit, year=year, type_code=type_code, issuer_code=issuer_code
    )
    counter = RegisterCounter.objects.select_for_update().get(pk=counter.pk)
    taken = _highest_recorded(unit, year, f"{type_code}-{issuer_code}")
    counter.last_number = max(counter.last_number, taken) + 1
    counter.save(update_fields=["last_number"])
    return counter.last_number


def active_template(unit: Unit, kind: str) -> DocumentTemplate | None:
    return DocumentTemplate.objects.filter(unit=unit, kind=kind, is_active=True).first()


def _template_bytes(template: DocumentTemplate | None) -> bytes | None:
    if template is None:
        return None
    with template.file.open("rb") as handle:
        return handle.read()


def render_plan(plan: Plan) -> tuple[bytes, str]:
    """The plan's .docx in its issuer's own template when it has one, and a note when that template failed
    and the standard layout was used instead (so the document is never blocked by a template)."""
    draft = plan_to_draft(plan)
    template = active_template(plan.issuer, DocumentTemplate.Kind.PLAN)
    data = _template_bytes(template)
    if data is not None:
        try:
            return build_plan_docx(draft, template=data), ""
        except TemplateProblem as problem:
            note = _(
                "Mẫu văn bản riêng của đơn vị bị lỗi (%(problem)s); văn bản đã được tạo theo mẫu chuẩn."
            ) % {"problem": problem.message_vi}
            return build_plan_docx(draft), note
    return build_plan_docx(draft), ""


@dataclass
class IssueResult:
    plan: Plan
    document: RegisteredDocument
    # Non-empty when the unit's own template failed and the standard layout was used.
    note: str = ""


@transaction.atomic
def issue_plan(
    plan: Plan,
    *,
    signer_name: str,
    signer_title: str,
    authority: str,
    authority_body: str,
    issue_date: date,
    symbol: str,
    by: AbstractBaseUser,
    place: str = "",
    recipients: list[str] | None = None,
) -> IssueResult:
    """Give a draft plan its number from the issuer's register, mark it issued (locked) and store its .docx.

    All or nothing. Raises DomainError when the user does not coordinate the issuer, the plan is not a draft
    (issuing twice changes nothing), the symbol breaks the rule, the signer is missing or the date does not
    fit the plan's year.
    """
    plan = Plan.objects.select_for_update().get(pk=plan.pk)
    issuer = Unit.objects.select_related("parent").get(pk=plan.issuer_id)
    plan.issuer = issuer
    if not can_edit_plan(by, plan):
        raise DomainError(_("Bạn không có quyền ban hành kế hoạch của %(unit)s.") % {"unit": issuer.name})
    if plan.status == Plan.Status.ISSUED:
        raise DomainError(
            _("Kế hoạch đã được ban hành với số %(number)s; không ban hành lại được.")
            % {"number": plan.display_number}
        )
    if plan.status != Plan.Status.DRAFT:
        raise DomainError(_("Chỉ ban hành được kế hoạch đang là dự thảo."))
    symbol = symbol.strip()
    type_code, issuer_code = split_symbol(symbol)
    if not signer_name.strip() or not signer_title.strip():
        raise DomainError(_("Cần ghi họ tên và chức vụ người ký."))
    if authority not in ("", *AUTHORITIES):
        raise DomainError(_("Thẩm quyền ký không hợp lệ."))
    if issue_date.year not in (plan.year - 1, plan.year):
        raise DomainError(
            _("Kế hoạch năm %(year)s phải ban hành trong năm %(before)s hoặc %(year)s.")
            % {"year": plan.year, "before": plan.year - 1}
        )
    if not plan.tasks.exists():
        raise DomainError(_("Kế hoạch chưa có nhiệm vụ nào; hãy bổ sung nhiệm vụ trước khi ban hành."))

    number = allocate_number(issuer, issue_date.year, type_code, issuer_code)
    plan.number = format_number(number, symbol)
    plan.symbol = symbol
    plan.issue_date = issue_date
    plan.issue_date_text = date_text(issue_date)
    plan.place = place.strip() or plan.place or place_of(issuer)
    plan.issuer_text = plan.issuer_text or issuer_heading(issuer)
    plan.superior_text = plan.superior_text or superior_heading(issuer)
    plan.signer_name = signer_name.strip()
    plan.signer_title = signer_title.strip()
    plan.authority = authority
    plan.authority_body = authority_body.strip() if authority else ""
    if recipients is not None:
        plan.recipients = [line.strip() for line in recipients if line.strip()]
    plan.status = Plan.Status.ISSUED
    plan.search_text = plan_search_text(plan)
    plan.save()

    content, note = render_plan(plan)
    document = RegisteredDocument(
        unit=issuer,
        year=issue_date.year,
        type_code=type_code,
        issuer_code=issuer_code,
        number=number,
        symbol=symbol,
        plan=plan,
        kind=RegisteredDocument.Kind.PLAN,
        title=plan.title,
        issued_on=issue_date,
        signer=" ".join(part for part in (authority, signer_title.strip(), signer_name.strip()) if part),
        template_note=note[:500],
        created_by=by,
    )
    document.file.save(document.filename, ContentFile(content), save=False)
    document.save()
    return IssueResult(plan=plan, document=document, note=note)


@transaction.atomic
def register_report(
    unit: Unit,
    report: ReportDocument,
    *,
    by: AbstractBaseUser,
    issue_date: date,
    symbol: str,
    title: str,
) -> RegisteredDocument:
    """Give a report its number from the unit's register and store its .docx (for the reports app).

    ``report.number`` and ``issue_date`` are filled here. Raises DomainError for a bad symbol or a user who
    neither belongs to the unit nor coordinates it.
    """
    if not can_keep_register(by, unit):
        raise DomainError(_("Bạn không có quyền vào sổ văn bản của %(unit)s.") % {"unit": unit.name})
    type_code, issuer_code = split_symbol(symbol)
    number = allocate_number(unit, issue_date.year, type_code, issuer_code)
    report.number = format_number(number, symbol)
    report.issue_date = issue_date
    report.type_code, report.issuer_code = type_code, issuer_code
    template = active_template(unit, DocumentTemplate.Kind.REPORT)
    data = _template_bytes(template)
    note = ""
    try:
        content = build_report_docx(report, template=data)
    except TemplateProblem as problem:
        if data is None:
            raise
        note = _("Mẫu văn bản riêng của đơn vị bị lỗi (%(problem)s); văn bản đã được tạo theo mẫu chuẩn.") % {
            "problem": problem.message_vi
        }
        content = build_report_docx(report)
    document = RegisteredDocument(
        unit=unit,
        year=issue_date.year,
        type_code=type_code,
        issuer_code=issuer_code,
        number=number,
        symbol=symbol,
        kind=RegisteredDocument.Kind.REPORT,
        title=title,
        issued_on=issue_date,
        signer=" ".join(part for part in (report.authority, report.signer_title, report.signer_name) if part),
        template_note=note[:500],
        created_by=by,
    )
    document.file.save(document.filename, ContentFile(content), save=False)
    document.save()
    return document


def pdf_of(document: RegisteredDocument) -> bytes:
    """The PDF of an issued document, converted by LibreOffice once and kept beside its .docx (an issued
    document never changes, so neither does its PDF). Raises the errors of ``pdf.docx_to_pdf``."""
    storage = document.file.storage
    name = document.file.name.removesuffix(".docx") + ".pdf"
    if storage.exists(name):
        with storage.open(name, "rb") as handle:
            return handle.read()
    with document.file.open("rb") as handle:
        pdf = docx_to_pdf(handle.read())
    storage.save(name, ContentFile(pdf))
    return pdf


@dataclass
class Signature:
    """How an outgoing document (a report, a self-assessment) is signed and numbered (Nghị định 30/2020).

    The number comes from the unit's register in cchc for ``symbol`` ("BC-UBND"), or, for a unit whose
    documents are numbered in its own document-management system, is ``given_number`` ("125/BC-UBND").
    """

    signer_name: str
    signer_title: str
    issue_date: date
    symbol: str = ""
    given_number: str = ""
    authority: str = ""
    authority_body: str = ""
    place: str = ""


GIVEN_NUMBER = re.compile(r"^\s*(\d{1,6})\s*/\s*(\S+)\s*$")


def check_signature(signature: Signature, *, earliest: date, today: date) -> None:
    """DomainError unless the signer is named, the authority known, the date between ``earliest`` (the
    start of what the document reports on) and ``today``, and the number or symbol well formed."""
    if not signature.signer_name.strip() or not signature.signer_title.strip():
        raise DomainError(_("Cần ghi họ tên và chức vụ người ký."))
    if signature.authority not in ("", *AUTHORITIES):
        raise DomainError(_("Thẩm quyền ký không hợp lệ."))
    if signature.authority == "TM." and not signature.authority_body.strip():
        raise DomainError(_("Ký thay mặt (TM.) cần ghi tên tập thể, ví dụ ỦY BAN NHÂN DÂN."))
    if signature.issue_date > today:
        raise DomainError(
            _("Ngày ký %(day)s chưa đến; văn bản gửi đi phải đã được ký.")
            % {"day": signature.issue_date.strftime("%d/%m/%Y")}
        )
    if signature.issue_date < earliest:
        raise DomainError(
            _("Ngày ký %(day)s trước kỳ báo cáo (số liệu tính từ ngày %(start)s).")
            % {"day": signature.issue_date.strftime("%d/%m/%Y"), "start": earliest.strftime("%d/%m/%Y")}
        )
    if signature.given_number:
        match = GIVEN_NUMBER.match(signature.given_number)
        if match is None:
            raise DomainError(
                _("Số, ký hiệu “%(number)s” không đúng dạng số/ký hiệu (ví dụ 125/BC-UBND).")
                % {"number": signature.given_number.strip()[:40]}
            )
        split_symbol(match.group(2))
    else:
        split_symbol(signature.symbol)


def sign(
    record: SignedDocument,
    signature: Signature,
    *,
    unit: Unit,
    title: str,
    build: Callable[[Any], ReportDocument],
    by: AbstractBaseUser,
) -> None:
    """Put a checked signature on ``record`` and give it its number: from ``unit``'s register, storing the
    .docx ``build(record)`` makes with the number, or as the unit's own system gave it. The caller saves
    ``record`` (``SIGNATURE_FIELDS``) in the same transaction."""
    record.signer_name = signature.signer_name.strip()
    record.signer_title = signature.signer_title.strip()
    record.authority = signature.authority
    record.authority_body = signature.authority_body.strip() if signature.authority else ""
    record.issue_date = signature.issue_date
    record.place = signature.place.strip() or place_of(unit)
    if signature.given_number:
        match = GIVEN_NUMBER.match(signature.given_number)
        assert match is not None  # checked by check_signature
        record.number = f"{int(match.group(1)):02d}/{match.group(2)}"
        record.document = None
        return
    document = register_report(
        unit,
        build(record),
        by=by,
        issue_date=signature.issue_date,
        symbol=signature.symbol.strip(),
        title=title,
    )
    record.number = document.display_number
    record.document = document


def amendment_title(plan: Plan) -> str:
    """ "Điều chỉnh, bổ sung Kế hoạch số 05/KH-UBND ngày 05/02/2026 về tuyên truyền …"."""
    subject = plan.title[:1].lower() + plan.title[1:]
    day = f" ngày {plan.issue_date:%d/%m/%Y}" if plan.issue_date else ""
    return f"Điều chỉnh, bổ sung {plan.doc_type} số {plan.display_number}{day} về {subject}"


@transaction.atomic
def amend_plan(plan: Plan, *, by: AbstractBaseUser) -> Plan:
    """A new draft "Kế hoạch điều chỉnh, bổ sung" with a copy of the issued plan's tasks (and their units),
    references, obligations and targets; the issued plan stays as it was.

    Asking twice returns the draft amendment already started. Raises DomainError for a plan that is not
    issued or a user who does not coordinate its issuer.
    """
    plan = Plan.objects.select_for_update().select_related("issuer").get(pk=plan.pk)
    if not can_edit_plan(by, plan):
        raise DomainError(
            _("Bạn không có quyền điều chỉnh kế hoạch của %(unit)s.") % {"unit": plan.issuer.name}
        )
    if plan.status != Plan.Status.ISSUED:
        raise DomainError(_("Chỉ điều chỉnh, bổ sung được kế hoạch đã ban hành; dự thảo thì sửa trực tiếp."))
    started = plan.amendments.filter(status=Plan.Status.DRAFT).order_by("pk").first()
    if started is not None:
        return started

    amendment = Plan(
        issuer=plan.issuer,
        issuer_text=plan.issuer_text,
        superior_text=plan.superior_text,
        doc_type=plan.doc_type,
        symbol=plan.symbol,
        place=plan.place,
        year=plan.year,
        title=amendment_title(plan),
        status=Plan.Status.DRAFT,
        parent=plan.parent,
        amends=plan,
        signer_name=plan.signer_name,
        signer_title=plan.signer_title,
        authority=plan.authority,
        authority_body=plan.authority_body,
        themes=list(plan.themes),
        channels=list(plan.channels),
        recipients=list(plan.recipients),
        sections=list(plan.sections),
        report_outline=list(plan.report_outline),
        created_by=by,
    )
    amendment.search_text = plan_search_text(amendment)
    amendment.save()
    _copy_tasks(plan, amendment)
    _copy_rows(plan, amendment)
    return amendment


def _copy_tasks(source: Plan, target: Plan) -> None:
    tasks = list(source.tasks.order_by("position", "pk"))
    old_ids = [task.pk for task in tasks]
    for task in tasks:
        task.pk = None
        task.plan = target
    created = Task.objects.bulk_create(tasks)
    new_ids = dict(zip(old_ids, (task.pk for task in created), strict=True))
    assignments = list(Assignment.objects.filter(task_id__in=old_ids).order_by("pk"))
    for assignment in assignments:
        assignment.pk = None
        assignment.task_id = new_ids[assignment.task_id]
    Assignment.objects.bulk_create(assignments)


def _copy_rows(source: Plan, target: Plan) -> None:
    references = list(source.legal_references.order_by("position", "pk"))
    for model, rows in (
        (LegalReference, references),
        (ReportingObligation, list(source.reporting_obligations.all())),
        (SubPlanObligation, list(source.subplan_obligations.all())),
        (IndicatorTarget, list(source.indicator_targets.all())),
    ):
        for row in rows:
            row.pk = None
            row.plan = target
        model.objects.bulk_create(rows)  # type: ignore[attr-defined]
    # The amendment is based on the plan it changes: cited last, after the plan's own bases.
    day = (
        f" ngày {source.issue_date.day}/{source.issue_date.month}/{source.issue_date.year}"
        if source.issue_date
        else ""
    )
    LegalReference.objects.create(
        plan=target,
        position=len(references),
        doc_type=source.doc_type,
        number=source.number,
        issued_on=source.issue_date,
        issuer=source.issuer.name,
        title=source.title,
        text=f"{source.doc_type} số {source.number}{day} của {source.issuer.name} về {source.title[:1].lower()}"
        f"{source.title[1:]};",
    )


# --- Units' own templates -------------------------------------------------------------------------------------


def check_template(data: bytes, kind: str) -> None:
    """Render ``data`` against a sample document; DomainError naming the bad placeholder when it fails."""
    try:
        if kind == DocumentTemplate.Kind.PLAN:
            build_plan_docx(sample_plan_draft(), template=data)
        else:
            build_report_docx(sample_report(), template=data)
    except TemplateProblem as problem:
        raise DomainError(problem.message_vi) from problem


def sample_report() -> ReportDocument:
    from cchc.documents.builders import DocSection, DocTable

    return ReportDocument(
        title="Kết quả tuyên truyền cải cách hành chính quý I năm 2026",
        issuer="ỦY BAN NHÂN DÂN TỈNH KHÁNH HÒA",
        number="05/BC-UBND",
        place="Khánh Hòa",
        issue_date=date(2026, 3, 25),
        subtitle="Kỳ báo cáo: Quý I năm 2026",
        sections=[
            DocSection(
                heading="I. KẾT QUẢ THỰC HIỆN",
                paragraphs=["Đã đăng 36 tin, bài về cải cách hành chính."],
                table=DocTable(columns=["TT", "Nhiệm vụ", "Kết quả"], rows=[["1", "Đăng tin, bài", "36/36"]]),
            )
        ],
        signer_name="Nguyễn Văn A",
        signer_title="Phó Chủ tịch",
        authority="KT.",
        authority_body="ỦY BAN NHÂN DÂN",
        recipients=["Bộ Nội vụ", "Lưu: VT, NV"],
    )


@transaction.atomic
def upload_template(
    unit: Unit, kind: str, uploaded_file: UploadedFile, *, by: AbstractBaseUser
) -> DocumentTemplate:
    """Keep a unit's own template after rendering it against a sample; it becomes the unit's active template
    of that kind. Raises DomainError (nothing saved) for a user who does not coordinate the unit, a file too
    large or not a .docx, or a placeholder the builders do not know."""
    if not can_coordinate(by, unit):
        raise DomainError(_("Bạn không có quyền quản lý mẫu văn bản của %(unit)s.") % {"unit": unit.name})
    name = uploaded_file.name or "mau.docx"
    if not name.lower().endswith(".docx"):
        raise DomainError(_("Mẫu văn bản phải là tệp Word .docx."))
    if uploaded_file.size is not None and uploaded_file.size > TEMPLATE_MAX_BYTES:
        raise DomainError(_("Tệp mẫu quá lớn; dung lượng tối đa là 5 MB."))
    data = uploaded_file.read(TEMPLATE_MAX_BYTES + 1)
    if len(data) > TEMPLATE_MAX_BYTES:
        raise DomainError(_("Tệp mẫu quá lớn; dung lượng tối đa là 5 MB."))
    check_template(data, kind)
    DocumentTemplate.objects.filter(unit=unit, kind=kind, is_active=True).update(is_active=False)
    template = DocumentTemplate(unit=unit, kind=kind, name=name[:255], uploaded_by=by, is_active=True)
    template.file.save(name, ContentFile(data), save=False)
    template.save()
    return template


@transaction.atomic
def set_template_active(
    template: DocumentTemplate, active: bool, *, by: AbstractBaseUser
) -> DocumentTemplate:
    """Use this template for the unit's documents of its kind (the others of that kind stop), or stop using
    it (the standard layout is used)."""
    if not can_coordinate(by, template.unit):
        raise DomainError(_("Bạn không có quyền quản lý mẫu văn bản của đơn vị này."))
    template = DocumentTemplate.objects.select_for_update().get(pk=template.pk)
    if active:
        DocumentTemplate.objects.filter(unit_id=template.unit_id, kind=template.kind, is_active=True).exclude(
            pk=template.pk
        ).update(is_active=False)
    template.is_active = active
    template.save(update_fields=["is_active"])
    return template


# --- What the issue form offers ---------------------------------------------------------------------------------


def issue_initial(plan: Plan) -> dict[str, object]:
    """The issue form's first values: the unit's symbol, today, the plan's place and signature as far as known."""
    issuer = plan.issuer
    is_committee = issuer.agency_type == Unit.AgencyType.PEOPLES_COMMITTEE
    return {
        "symbol": plan.symbol
        if plan.symbol and SYMBOL_PATTERN.match(plan.symbol)
        else default_symbol(issuer),
        "issue_date": timezone.localdate(),
        "place": plan.place or place_of(issuer),
        "authority": plan.authority or ("TM." if is_committee else ""),
        "authority_body": plan.authority_body or ("ỦY BAN NHÂN DÂN" if is_committee else ""),
        "signer_title": plan.signer_title,
        "signer_name": plan.signer_name,
        "recipients": "\n".join(plan.recipients) or "Như trên\nLưu: VT",
    }


def known_signers(unit: Unit) -> dict[str, list[str]]:
    """Names and titles that signed the unit's plans before: suggestions for the issue form (one query)."""
    rows = (
        Plan.objects.filter(issuer=unit)
        .exclude(signer_name="")
        .order_by("-issue_date", "-pk")
        .values_list("signer_name", "signer_title")[:50]
    )
    names: list[str] = []
    titles: list[str] = []
    for name, title in rows:
        if name not in names:
            names.append(name)
        if title and title not in titles:
            titles.append(title)
    return {"names": names, "titles": titles}


def peek_next_number(unit: Unit, form: Any, type_code: str = "KH") -> str:
    """The number the unit's register would give now ("06/KH-UBND") for the symbol and date of an issue
    form; another clerk may take it first, the number is only fixed when the document is issued."""
    data = form.data if form.is_bound else form.initial
    symbol = str(data.get("symbol") or default_symbol(unit, type_code)).strip()
    match = SYMBOL_PATTERN.match(symbol)
    if match is None:
        return ""
    issue_date = data.get("issue_date")
    if isinstance(issue_date, str):
        try:
            issue_date = date.fromisoformat(issue_date)
        except ValueError:
            issue_date = None
    year = issue_date.year if isinstance(issue_date, date) else timezone.localdate().year
    counter = RegisterCounter.objects.filter(
        unit=unit, year=year, type_code=match.group(1), issuer_code=match.group(2)
    ).first()
    last = max(counter.last_number if counter else 0, _highest_recorded(unit, year, symbol))
    return format_number(last + 1, symbol)


def example_template(kind: str) -> bytes:
    """A .docx a unit can start its own template from: the standard layout's parts with every placeholder
    in place (docxtpl tags), to be restyled with the unit's letterhead and wording."""
    from io import BytesIO

    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm, Pt

    document = Document()
    section = document.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.top_margin = section.bottom_margin = Cm(2)
    section.left_margin, section.right_margin = Cm(3), Cm(1.5)
    style = document.styles["Normal"]
    style.font.name = "Times New Roman"
    style.font.size = Pt(14)

    def paragraph(text: str, *, bold: bool = False, italic: bool = False, center: bool = False) -> None:
        para = document.add_paragraph()
        run = para.add_run(text)
        run.bold, run.italic = bold, italic
        if center:
            para.alignment = WD_ALIGN_PARAGRAPH.CENTER

    header = document.add_table(rows=1, cols=2)
    left, right = header.rows[0].cells
    left.text = "{{ superior }}"
    left.add_paragraph("{{ issuer }}").runs[0].bold = True
    left.add_paragraph("{{ number_line }}")
    right.text = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    right.paragraphs[0].runs[0].bold = True
    right.add_paragraph("Độc lập - Tự do - Hạnh phúc").runs[0].bold = True
    right.add_paragraph("{{ place_date }}").runs[0].italic = True
    for cell in (left, right):
        for para in cell.paragraphs:
            para.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph("{{ doc_type_upper }}", bold=True, center=True)
    paragraph("{{ title }}", bold=True, center=True)
    if kind == DocumentTemplate.Kind.PLAN:
        paragraph("{%p for ref in legal_references %}")
        paragraph("Căn cứ {{ ref }}", italic=True)
        paragraph("{%p endfor %}")
    else:
        paragraph("{{ subtitle }}", italic=True, center=True)
    paragraph("{%p for s in sections %}")
    paragraph("{{ s.heading }}", bold=True)
    paragraph("{%p for line in s.paragraphs %}")
    paragraph("{{ line }}")
    paragraph("{%p endfor %}")
    paragraph("{%p endfor %}")
    paragraph("Nơi nhận:", bold=True, italic=True)
    paragraph("{%p for r in recipients %}")
    paragraph("- {{ r }};")
    paragraph("{%p endfor %}")
    paragraph("{%p for line in signature_lines %}")
    paragraph("{{ line }}", bold=True, center=True)
    paragraph("{%p endfor %}")
    paragraph("{{ signer_name }}", bold=True, center=True)
    if kind == DocumentTemplate.Kind.PLAN:
        document.add_page_break()
        paragraph("PHỤ LỤC", bold=True, center=True)
        paragraph("{{ appendix_caption }}", italic=True, center=True)
        columns = ["TT", "Nhiệm vụ", "Chủ trì", "Phối hợp", "Thời gian", "Tần suất", "Sản phẩm"]
        keys = ["ordinal", "title", "lead", "coordinating", "timeframe", "frequency", "product"]
        table = document.add_table(rows=4, cols=len(columns))
        table.style = "Table Grid"
        for cell, text in zip(table.rows[0].cells, columns, strict=True):
            cell.text = text
            cell.paragraphs[0].runs[0].bold = True
        table.rows[1].cells[0].text = "{%tr for t in tasks %}"
        for cell, key in zip(table.rows[2].cells, keys, strict=True):
            cell.text = f"{{{{ t.{key} }}}}"
        table.rows[3].cells[0].text = "{%tr endfor %}"
    buffer = BytesIO()
    document.save(buffer)
    return buffer.getvalue()
