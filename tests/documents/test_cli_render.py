"""`cchc render PLAN.json -o plan.docx`: the importer's JSON back into an official document."""

from __future__ import annotations

import json
from pathlib import Path

import docx
import pytest

from cchc.cli import main
from cchc.importer import parse_document
from tests.documents.test_builders_plan import template_with

SAMPLE = Path("/work/shared/samples/plans/003_17ceed56154cea7b.txt")


@pytest.fixture
def plan_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    """The JSON exactly as `cchc import --json` prints it."""
    assert main(["import", str(SAMPLE), "--json"]) == 0
    path = tmp_path / "plan.json"
    path.write_text(capsys.readouterr().out, encoding="utf-8")
    return path


def test_render_writes_the_plan(plan_json: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    output = tmp_path / "plan.docx"
    assert main(["render", str(plan_json), "-o", str(output)]) == 0
    assert "Đã tạo" in capsys.readouterr().out
    document = docx.Document(str(output))
    texts = [p.text for p in document.paragraphs]
    assert "KẾ HOẠCH" in texts
    assert "Thông tin, tuyên truyền về cải cách hành chính năm 2025" in texts
    again = parse_document(output.read_bytes(), output.name)
    original = parse_document(SAMPLE.read_bytes(), SAMPLE.name)
    assert [t.title for t in again.tasks] == [t.title for t in original.tasks]
    assert again.document.signer_name == "Trần Lê Đoài"


def test_render_with_a_unit_template(plan_json: Path, tmp_path: Path) -> None:
    template = tmp_path / "mau.docx"
    template.write_bytes(template_with("{{ number_line }} — {{ title }}"))
    output = tmp_path / "plan.docx"
    assert main(["render", str(plan_json), "-o", str(output), "--template", str(template)]) == 0
    texts = [p.text for p in docx.Document(str(output)).paragraphs]
    assert texts == ["Số:      /KH-UBND — Thông tin, tuyên truyền về cải cách hành chính năm 2025"]


def _one_error_line(capsys: pytest.CaptureFixture[str]) -> str:
    captured = capsys.readouterr()
    lines = captured.err.strip().splitlines()
    assert len(lines) == 1, captured.err
    assert "Traceback" not in captured.err
    assert lines[0].startswith("Lỗi: ") and " / Error: " in lines[0]
    return lines[0]


def test_missing_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["render", str(tmp_path / "none.json"), "-o", str(tmp_path / "x.docx")]) == 2
    assert "Không đọc được tệp" in _one_error_line(capsys)
    assert not (tmp_path / "x.docx").exists()


@pytest.mark.parametrize(
    "content",
    [
        "{not json",
        "[1, 2, 3]",
        '{"tasks": []}',
        '{"document": {}, "tasks": [1]}',
        '{"document": {"title": 5}}',
    ],
    ids=["syntax", "list", "no-document", "bad-task", "wrong-type"],
)
def test_invalid_json(tmp_path: Path, capsys: pytest.CaptureFixture[str], content: str) -> None:
    path = tmp_path / "plan.json"
    path.write_text(content, encoding="utf-8")
    assert main(["render", str(path), "-o", str(tmp_path / "x.docx")]) == 2
    line = _one_error_line(capsys)
    assert "bản nháp" in line.lower() or "Bản nháp" in line
    assert not (tmp_path / "x.docx").exists()


def test_not_utf8(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "plan.json"
    path.write_bytes(b"\xff\xfe{")
    assert main(["render", str(path), "-o", str(tmp_path / "x.docx")]) == 2
    assert "UTF-8" in _one_error_line(capsys)


def test_broken_template(plan_json: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    template = tmp_path / "mau.docx"
    template.write_bytes(template_with("{{ so_hieu_sai }}"))
    assert main(["render", str(plan_json), "-o", str(tmp_path / "x.docx"), "--template", str(template)]) == 2
    assert "{{ so_hieu_sai }}" in _one_error_line(capsys)


def test_unwritable_output(plan_json: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["render", str(plan_json), "-o", str(tmp_path / "missing-dir" / "x.docx")]) == 2
    assert "Không ghi được tệp" in _one_error_line(capsys)


def test_json_round_trip_keeps_every_field(plan_json: Path) -> None:
    """The file `render` reads rebuilds the same draft the importer made."""
    original = parse_document(SAMPLE.read_bytes(), SAMPLE.name)
    data = json.loads(plan_json.read_text(encoding="utf-8"))
    assert data == original.to_dict()
