"""Load the administrative units (before and after 1/7/2025) and their agencies; safe to run again."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection

from cchc.orgs.models import Unit
from cchc.orgs.services import UnknownProvinceError, load_units

KIND_LABELS = {
    Unit.Kind.PROVINCE: "tỉnh, thành phố",
    Unit.Kind.DISTRICT: "huyện, quận, thị xã, thành phố thuộc tỉnh",
    Unit.Kind.COMMUNE: "xã, phường, thị trấn, đặc khu",
    Unit.Kind.AGENCY: "cơ quan, đơn vị",
}


class Command(BaseCommand):
    help = (
        "Nạp đơn vị hành chính (trước và sau 01/7/2025) từ vietnamadminunits cùng các cơ quan của từng cấp."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--province",
            action="append",
            dest="provinces",
            metavar="MÃ",
            help="Chỉ nạp tỉnh có mã này (mã cũ hoặc mới, ví dụ 58); dùng nhiều lần cho nhiều tỉnh.",
        )

    def handle(self, *args, provinces: list[str] | None = None, **options) -> None:
        try:
            result = load_units(provinces)
        except UnknownProvinceError as error:
            raise CommandError(f"Không có tỉnh nào mang mã {', '.join(error.codes)}.") from error
        for kind, label in KIND_LABELS.items():
            self.stdout.write(f"  {label}: {result.by_kind.get(kind, 0):,}")
        self.stdout.write(
            f"  liên kết kế thừa: {result.links:,} (mới {result.links_created:,})\n"
            f"Thêm {result.created:,}, cập nhật {result.updated:,}, giữ nguyên {result.unchanged:,} đơn vị "
            f"trong {result.seconds:.2f} giây ({connection.vendor})."
        )
