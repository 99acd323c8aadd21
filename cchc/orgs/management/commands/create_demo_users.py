"""Demo accounts, one per role, placed so each sees sample plans; safe to run again (passwords are reset)."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db.models import F

from cchc.orgs.models import Membership, Unit

# Printed for the demo on purpose: these accounts exist only in demo databases.
DEMO_PASSWORD = "cchc-demo-2025"  # noqa: S105

# (username, full name, role, unit source code): the sample plans come from these units before 1/7/2025.
DEMO_USERS = (
    ("quantri", "Quản trị hệ thống", Membership.Role.ADMIN, "56"),
    ("dieuphoi", "Điều phối Sở Nội vụ Ninh Thuận", Membership.Role.COORDINATOR, "58:so-noi-vu"),
    (
        "canbo",
        "Cán bộ Phòng VH, KH và TT Phan Rang - Tháp Chàm",
        Membership.Role.OFFICER,
        "582:phong-van-hoa-khoa-hoc-thong-tin",
    ),
    ("lanhdao", "Lãnh đạo UBND TP Phan Rang - Tháp Chàm", Membership.Role.LEADER, "582:ubnd"),
    ("dieuphoi_namdinh", "Điều phối Sở Nội vụ Nam Định", Membership.Role.COORDINATOR, "36:so-noi-vu"),
    ("dieuphoi_quangngai", "Điều phối Sở Nội vụ Quảng Ngãi", Membership.Role.COORDINATOR, "51:so-noi-vu"),
    ("dieuphoi_haiphong", "Điều phối Sở Nội vụ Hải Phòng", Membership.Role.COORDINATOR, "31:so-noi-vu"),
    (
        "dieuphoi_laichau",
        "Điều phối Phòng Nội vụ TP Lai Châu",
        Membership.Role.COORDINATOR,
        "105:phong-noi-vu",
    ),
)


class Command(BaseCommand):
    help = "Tạo các tài khoản dùng thử, mỗi vai trò một tài khoản (chạy lại không tạo trùng)."

    def handle(self, *args, **options) -> None:
        User = get_user_model()
        rows = []
        for username, full_name, role, source_code in DEMO_USERS:
            units = Unit.objects.filter(source_code=source_code)
            unit = units.order_by(F("valid_from").asc(nulls_first=True)).first()
            if unit is None:
                raise CommandError(f"Chưa có đơn vị {source_code}: hãy chạy 'manage.py load_units' trước.")
            user, _created = User.objects.get_or_create(username=username)
            user.first_name = full_name
            user.is_staff = user.is_superuser = role == Membership.Role.ADMIN
            user.set_password(DEMO_PASSWORD)
            user.save()
            Membership.objects.get_or_create(user=user, unit=unit, role=role)
            rows.append((Membership.Role(role).label, username, DEMO_PASSWORD, unit.name))
        header = ("Vai trò", "Tên đăng nhập", "Mật khẩu", "Đơn vị")
        widths = [max(len(str(row[i])) for row in (header, *rows)) for i in range(len(header))]
        for row in (header, tuple("-" * w for w in widths), *rows):
            line = "  ".join(str(cell).ljust(width) for cell, width in zip(row, widths, strict=True))
            self.stdout.write(line.rstrip())
