"""Whatever is uploaded, the importer gives a PlanDraft or an ImportFailure, never another error."""

from __future__ import annotations

import io
import json
import random
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cchc.cli import main
from cchc.importer import ImportFailure, PlanDraft, parse_document
from cchc.importer.errors import CODES
from cchc.importer.readers import SourceText, read_source
from tests.importer.docx_from_text import docx_from_text

REPO = Path(__file__).resolve().parents[2]
SAMPLES_DIR = REPO.parent / "shared" / "samples" / "plans"
SAMPLE_TEXTS = [path.read_text(encoding="utf-8") for path in sorted(SAMPLES_DIR.glob("*.txt"))]
SAMPLE_DOCX = [docx_from_text(text) for text in SAMPLE_TEXTS[:2]]
FILENAMES = st.sampled_from(
    ["ke-hoach.txt", "ke-hoach.md", "ke-hoach.docx", "ke-hoach.pdf", "ke-hoach", "x.xlsx"]
)
# Letters, marks and the pieces the line conventions give a meaning to.
PLAN_TOKENS = [
    *"aăâbcdđeêghiklmnoôơpqrstuưvxyAĂÂĐÊÔƠƯ0123456789 ;:,./-+*#()",
    *["\t", "\n", "\r\n", "\u0323", "ệ", "ử", "<p>", "</p>", "**", "Ủy ban nhân dân ", "Kế hoạch số "],
    *[
        "STT\tNội dung\tChủ trì\n",
        "I. NỘI DUNG\n",
        "a) ",
        "- Cơ quan chủ trì: ",
        "Quý II/2025",
        "trước ngày 30/11",
    ],
]
PLAN_TEXT = st.lists(st.sampled_from(PLAN_TOKENS), max_size=200).map("".join)
FAST = settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
SLOW = settings(FAST, max_examples=12)  # each example builds or imports whole documents


def imports_cleanly(data: bytes, filename: str) -> PlanDraft | None:
    """Import ``data``; a draft must survive JSON, a failure must carry a known code."""
    try:
        draft = parse_document(data, filename)
    except ImportFailure as failure:
        assert failure.code in CODES
        assert failure.message_vi and failure.message_en
        return None
    assert isinstance(draft, PlanDraft)
    as_json = json.loads(json.dumps(draft.to_dict(), ensure_ascii=False))
    assert PlanDraft.from_dict(as_json) == draft
    return draft


def reads_cleanly(data: bytes, filename: str) -> SourceText | None:
    try:
        source = read_source(data, filename)
    except ImportFailure as failure:
        assert failure.code in CODES
        return None
    assert all(isinstance(line, str) and "\n" not in line and "\r" not in line for line in source.lines)
    assert source.format in ("text", "markdown", "docx", "pdf")
    return source


@FAST
@given(st.binary(max_size=4096), FILENAMES)
def test_random_bytes(data: bytes, filename: str) -> None:
    reads_cleanly(data, filename)
    imports_cleanly(data, filename)


@FAST
@given(PLAN_TEXT, FILENAMES, st.sampled_from(["utf-8", "utf-16", "utf-8-sig"]))
def test_random_text(text: str, filename: str, encoding: str) -> None:
    imports_cleanly(text.encode(encoding), filename)


@FAST
@given(st.data())
def test_truncated_samples(data: st.DataObject) -> None:
    text = data.draw(st.sampled_from(SAMPLE_TEXTS)).encode("utf-8")
    cut = data.draw(st.integers(0, len(text)))
    imports_cleanly(text[:cut], "ke-hoach.txt")  # may cut a UTF-8 sequence in two
    docx = data.draw(st.sampled_from(SAMPLE_DOCX))
    imports_cleanly(docx[: data.draw(st.integers(0, len(docx)))], "ke-hoach.docx")


@SLOW
@given(st.data())
def test_mixed_samples(data: st.DataObject) -> None:
    first = data.draw(st.sampled_from(SAMPLE_TEXTS)).splitlines()
    second = data.draw(st.sampled_from(SAMPLE_TEXTS)).splitlines()
    rng = random.Random(data.draw(st.integers(0, 2**32)))
    shuffled = first + second
    rng.shuffle(shuffled)
    picked = [line for line in first + second if rng.random() < 0.5]
    imports_cleanly("\n".join(shuffled).encode("utf-8"), "ke-hoach.txt")
    imports_cleanly("\n".join(picked).encode("utf-8"), "ke-hoach.md")
    imports_cleanly(docx_from_text("\n".join(picked[:80])), "ke-hoach.docx")


@FAST
@given(st.data())
def test_damaged_docx(data: st.DataObject) -> None:
    docx = bytearray(data.draw(st.sampled_from(SAMPLE_DOCX)))
    for _ in range(data.draw(st.integers(1, 20))):
        docx[data.draw(st.integers(0, len(docx) - 1))] = data.draw(st.integers(0, 255))
    reads_cleanly(bytes(docx), "ke-hoach.docx")
    imports_cleanly(bytes(docx), "ke-hoach.docx")


@FAST
@given(
    st.dictionaries(
        st.sampled_from(
            [
                "word/document.xml",
                "word/numbering.xml",
                "word/styles.xml",
                "[Content_Types].xml",
                "word/_rels/document.xml.rels",
                "_rels/.rels",
                "xl/workbook.xml",
                "content.xml",
            ]
        ),
        st.one_of(
            st.binary(max_size=300),
            st.text(max_size=300).map(lambda text: f"<w:document>{text}</w:document>".encode()),
        ),
        max_size=6,
    )
)
def test_random_docx_like_zips(parts: dict[str, bytes]) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in parts.items():
            archive.writestr(name, content)
    reads_cleanly(buffer.getvalue(), "ke-hoach.docx")
    imports_cleanly(buffer.getvalue(), "ke-hoach.docx")


@SLOW
@given(st.data())
def test_real_docx_with_a_random_body(data: st.DataObject) -> None:
    """A well-formed .docx whose document.xml has random paragraphs, tables and numbering references."""
    docx = SAMPLE_DOCX[0]
    paragraphs = data.draw(
        st.lists(
            st.one_of(
                st.text(max_size=40).map(lambda text: f"<w:p><w:r><w:t>{_escape(text)}</w:t></w:r></w:p>"),
                st.integers(0, 30).map(
                    lambda num: (
                        f'<w:p><w:pPr><w:numPr><w:ilvl w:val="{num % 10}"/><w:numId w:val="{num}"/></w:numPr></w:pPr><w:r><w:t>x</w:t></w:r></w:p>'
                    )
                ),
                st.integers(1, 4).map(
                    lambda span: (
                        f'<w:tbl><w:tr><w:tc><w:tcPr><w:gridSpan w:val="{span}"/><w:vMerge/></w:tcPr><w:p/></w:tc></w:tr></w:tbl>'
                    )
                ),
            ),
            max_size=12,
        )
    )
    namespace = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    body = f"<w:document {namespace}><w:body>{''.join(paragraphs)}</w:body></w:document>"
    buffer = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(docx)) as source, zipfile.ZipFile(buffer, "w") as target:
        for item in source.infolist():
            target.writestr(
                item, body.encode() if item.filename == "word/document.xml" else source.read(item)
            )
    reads_cleanly(buffer.getvalue(), "ke-hoach.docx")
    imports_cleanly(buffer.getvalue(), "ke-hoach.docx")


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def test_five_megabytes_of_plan_text_is_handled_or_refused() -> None:
    text = "\n".join(SAMPLE_TEXTS)
    data = (text * (5 * 1024 * 1024 // len(text.encode("utf-8")) + 1)).encode("utf-8")
    assert len(data) >= 5 * 1024 * 1024
    try:
        draft = parse_document(data, "ke-hoach.txt")
    except ImportFailure as failure:
        assert failure.code in ("too_large", "not_a_plan")
    else:
        assert draft.tasks


def test_five_megabytes_of_noise_is_refused() -> None:
    data = random.Random(7).randbytes(5 * 1024 * 1024)
    assert imports_cleanly(data, "ke-hoach.txt") is None


# The command line: a refused or unreadable file is one line on stderr and exit code 2.


def test_cli_reports_a_missing_file_in_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["import", str(tmp_path / "khong-co.docx")]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.startswith("Lỗi: Không đọc được tệp")
    assert " / Error: " in captured.err
    assert captured.err.count("\n") == 1


def test_cli_reports_a_refused_file_in_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "rong.txt"
    path.write_bytes(b"  \n")
    assert main(["import", str(path)]) == 2
    assert capsys.readouterr().err == "Lỗi: Tệp trống, không có nội dung. / Error: The file is empty.\n"


def test_cli_prints_a_summary_or_the_draft_json(capsys: pytest.CaptureFixture[str]) -> None:
    sample = sorted(SAMPLES_DIR.glob("*.txt"))[2]
    assert main(["import", str(sample), "--json"]) == 0
    draft = PlanDraft.from_dict(json.loads(capsys.readouterr().out))
    assert draft.source_format == "text"
    assert main(["import", str(sample)]) == 0
    summary = capsys.readouterr().out
    assert "Cơ quan ban hành:" in summary
    assert f"nhiệm vụ: {len(draft.tasks)}" in summary
    for task in draft.tasks:
        assert task.title[:30] in summary


def test_cli_runs_as_a_module_without_django(tmp_path: Path) -> None:
    path = tmp_path / "ke-hoach.bin"
    path.write_bytes(bytes(range(256)) * 8)
    check_imports = "import sys, cchc.cli; assert 'django' not in sys.modules, 'cchc.cli imports Django'"
    subprocess.run([sys.executable, "-c", check_imports], check=True, cwd=REPO)
    result = subprocess.run(
        [sys.executable, "-m", "cchc.cli", "import", str(path)], capture_output=True, text=True, cwd=REPO
    )
    assert result.returncode == 2
    assert result.stderr.startswith("Lỗi: ") and "Traceback" not in result.stderr
