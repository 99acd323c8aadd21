"""A unit's own .docx template (docxtpl), rendered with the context of ``context.py``.

Undefined names fail loudly (``StrictUndefined``): a misspelt placeholder would otherwise print
nothing, and a clerk would send a letter without its number. Every failure becomes a
``TemplateProblem`` naming the placeholder, so the unit can fix its template while the standard
layout keeps working. A template is uploaded by users, so its Jinja code runs sandboxed: it can
read the context and nothing else (no ``__class__`` walks to Python internals).
"""

from __future__ import annotations

import io
import re
import zipfile
from typing import Any

import jinja2
import jinja2.sandbox
from docx.opc.exceptions import PackageNotFoundError
from docxtpl import DocxTemplate
from lxml import etree

from .data import TemplateProblem

_UNDEFINED_NAME = re.compile(r"'([^']+)' is undefined")
_NO_ATTRIBUTE = re.compile(r"has no attribute '([^']+)'")
NOT_A_DOCX = "Tệp mẫu không phải là tệp Word (.docx) hợp lệ; hãy lưu lại mẫu bằng Word dưới dạng .docx."


def render_template(template: bytes, context: dict[str, Any]) -> bytes:
    """The template filled with ``context``; ``TemplateProblem`` when it cannot be."""
    try:
        document = DocxTemplate(io.BytesIO(template))
        document.init_docx()
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError, etree.LxmlError) as exc:
        raise TemplateProblem(NOT_A_DOCX) from exc
    # autoescape is docxtpl's own XML escaping (render(autoescape=True)), not HTML escaping.
    environment = jinja2.sandbox.SandboxedEnvironment(undefined=jinja2.StrictUndefined, autoescape=False)
    try:
        document.render(context, jinja_env=environment, autoescape=True)
    except jinja2.UndefinedError as exc:
        raise _undefined(exc) from exc
    except jinja2.TemplateSyntaxError as exc:
        raise TemplateProblem(
            f"Mẫu văn bản có trường viết sai cú pháp (dòng {exc.lineno}): {exc.message}. "
            "Trường phải có dạng {{ ten_truong }}.",
            placeholder=None,
        ) from exc
    except jinja2.TemplateError as exc:
        raise TemplateProblem(f"Mẫu văn bản không dùng được: {exc}.") from exc
    except (etree.LxmlError, KeyError) as exc:
        raise TemplateProblem(NOT_A_DOCX) from exc
    except Exception as exc:  # a template's own expressions can raise anything ({{ 1/0 }})
        raise TemplateProblem(f"Mẫu văn bản có biểu thức lỗi: {type(exc).__name__}: {exc}.") from exc
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _undefined(exc: jinja2.UndefinedError) -> TemplateProblem:
    message = str(exc.message or exc)
    match = _UNDEFINED_NAME.search(message) or _NO_ATTRIBUTE.search(message)
    name = match.group(1) if match else message
    return TemplateProblem(
        f"Mẫu văn bản có trường không hợp lệ: {{{{ {name} }}}}. "
        "Hãy sửa tên trường theo danh sách trường được hỗ trợ.",
        placeholder=name,
    )
