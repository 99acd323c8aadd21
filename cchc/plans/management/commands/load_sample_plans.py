"""Import the sample plans through the importer and the same service the review screen uses.

Idempotent: a document already imported (same sha256) is skipped, so a second run neither fails nor duplicates.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from cchc.core.errors import DomainError
from cchc.orgs.models import Unit
from cchc.plans.models import PlanImport
from cchc.plans.services import change_import_issuer, content_hash, create_plan_from_import, import_bytes

SAMPLES_DIR = Path(settings.BASE_DIR).parent / "shared" / "samples" / "plans"
SUFFIXES = (".txt", ".md", ".docx", ".pdf")


class Command(BaseCommand):
    help = "Nhập các kế hoạch mẫu (mặc định: ../shared/samples/plans); chạy lại không tạo bản trùng."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--dir", type=Path, default=SAMPLES_DIR, help="Thư mục chứa văn bản kế hoạch.")
        parser.add_argument(
            "--issuer",
            type=int,
            default=None,
            help="Mã (pk) đơn vị ban hành dùng cho mọi văn bản, thay cho việc tự nhận diện.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        directory: Path = options["dir"]
        if not directory.is_dir():
            raise CommandError(f"Không tìm thấy thư mục {directory}")
        forced_issuer = None
        if options["issuer"] is not None:
            forced_issuer = Unit.objects.filter(pk=options["issuer"]).first()
            if forced_issuer is None:
                raise CommandError(f"Không có đơn vị mã {options['issuer']}")
        paths = sorted(
            p
            for p in directory.iterdir()
            if p.suffix.lower() in SUFFIXES and not p.stem.lower().startswith("readme")
        )
        created = skipped = failed = 0
        for path in paths:
            outcome = self._load(path, forced_issuer)
            if outcome == "created":
                created += 1
            elif outcome == "skipped":
                skipped += 1
            else:
                failed += 1
        self.stdout.write(f"Kế hoạch mẫu: {created} đã nhập, {skipped} đã có, {failed} lỗi.")

    def _load(self, path: Path, forced_issuer: Unit | None) -> str:
        data = path.read_bytes()
        digest = content_hash(data)
        if PlanImport.objects.filter(content_hash=digest, status=PlanImport.Status.CONFIRMED).exists():
            self.stdout.write(f"  = {path.name}: đã nhập trước đó")
            return "skipped"
        plan_import = PlanImport.objects.filter(
            content_hash=digest, status=PlanImport.Status.PENDING, created_by__isnull=True
        ).first()
        try:
            if plan_import is None:
                plan_import = import_bytes(data, path.name, by=None)
            issuer = forced_issuer or plan_import.issuer
            if issuer is None:
                document = plan_import.draft.get("document", {})
                self.stderr.write(
                    f"  ! {path.name}: không xác định được cơ quan ban hành "
                    f"(“{document.get('issuer') or ''}”, {document.get('place') or ''}); đã chạy load_units chưa?"
                )
                return "failed"
            if forced_issuer is not None and forced_issuer != plan_import.issuer:
                plan_import = change_import_issuer(plan_import, forced_issuer)
            choices = {key: match["choice"] for key, match in plan_import.unit_matches.items()}
            plan = create_plan_from_import(plan_import, issuer=issuer, agency_choices=choices, by=None)
        except DomainError as error:
            self.stderr.write(f"  ! {path.name}: {error.message}")
            return "failed"
        self.stdout.write(
            f"  + {path.name}: {plan.display_number} · {plan.tasks.count()} nhiệm vụ · {issuer.name}"
        )
        return "created"
