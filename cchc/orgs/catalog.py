"""The agencies of each level of local government, as data: the loader creates them under every territorial unit.

A name is a template: ``{q}`` is the territory as it follows a body's name ("tỉnh Ninh Thuận",
"thành phố Phan Rang - Tháp Chàm", "xã Phước Hà"), ``{place}`` the bare place name ("Ninh Thuận"),
``{youth}`` the youth union's local name ("Tỉnh đoàn", "Thành đoàn", "Huyện đoàn"), ``{party}`` the
Party committee ("Tỉnh ủy", "Thành ủy"). An agency shares its territory's validity unless the entry
narrows it. ``successors`` are catalog keys in the same territory that take over the day after
``valid_to``; an agency that ends with its territory passes to the agency with the same key (or its
successor key) in the territory's successors.

Sources: NQ 176/2025/QH15 and ND 45/2025/NĐ-CP (provincial departments from 1/3/2025), ND 46/2025/NĐ-CP
(district offices from 1/3/2025), ND 150/2025/NĐ-CP (commune offices from 1/7/2025). Entries marked
"inferred" follow the usual reorganisation of that date; a province may have done it differently.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache

from cchc.core.vn import fold
from cchc.orgs.models import LEGACY_END, REFORM_START, Unit

DEPARTMENT_MERGE = date(2025, 3, 1)
BEFORE_DEPARTMENT_MERGE = date(2025, 2, 28)

PROVINCE = "province"
DISTRICT = "district"
COMMUNE_LEGACY = "commune_legacy"
COMMUNE = "commune"

T = Unit.AgencyType
URBAN_DISTRICT = frozenset({"quận", "thị xã", "thành phố"})
RURAL_DISTRICT = frozenset({"huyện"})
URBAN_COMMUNE = frozenset({"phường"})
RURAL_COMMUNE = frozenset({"xã", "đặc khu"})


@dataclass(frozen=True)
class AgencySpec:
    """One body of a level of local government."""

    key: str
    name: str
    short_name: str
    agency_type: str
    symbol_code: str = ""
    valid_from: date | None = None
    valid_to: date | None = None
    successors: tuple[str, ...] = ()
    # Other printed names (without the territory) a plan may use; folded when matched.
    aliases: tuple[str, ...] = ()
    # Territory types ("huyện", "phường"...) the body exists in; empty means every type.
    only: frozenset[str] = field(default_factory=frozenset)


def _dept(key: str, subject: str, symbol: str, **extra) -> AgencySpec:
    return AgencySpec(key, f"Sở {subject} {{q}}", f"Sở {subject}", T.DEPARTMENT, symbol, **extra)


def _office(key: str, subject: str, symbol: str, **extra) -> AgencySpec:
    return AgencySpec(key, f"Phòng {subject} {{q}}", f"Phòng {subject}", T.LOCAL_OFFICE, symbol, **extra)


def _mass_organisations() -> tuple[AgencySpec, ...]:
    return (
        AgencySpec(
            "mttq",
            "Ủy ban Mặt trận Tổ quốc Việt Nam {q}",
            "Ủy ban MTTQ Việt Nam",
            T.FRONT,
            "MTTQ",
            aliases=(
                "Ủy ban Mặt trận Tổ quốc",
                "Mặt trận Tổ quốc Việt Nam",
                "Mặt trận Tổ quốc",
                "Ủy ban MTTQ",
                "MTTQ",
            ),
        ),
        AgencySpec(
            "doan-thanh-nien",
            "{youth} {place}",
            "Đoàn Thanh niên",
            T.MASS_ORGANISATION,
            "ĐTN",
            aliases=(
                "Đoàn Thanh niên Cộng sản Hồ Chí Minh",
                "Đoàn Thanh niên",
                "Tỉnh đoàn",
                "Thành đoàn",
                "Huyện đoàn",
            ),
        ),
        AgencySpec(
            "hoi-lhpn",
            "Hội Liên hiệp Phụ nữ {q}",
            "Hội Liên hiệp Phụ nữ",
            T.MASS_ORGANISATION,
            "HLHPN",
            aliases=("Hội LHPN", "Hội Phụ nữ"),
        ),
        AgencySpec("hoi-nong-dan", "Hội Nông dân {q}", "Hội Nông dân", T.MASS_ORGANISATION, "HND"),
        AgencySpec("hoi-ccb", "Hội Cựu chiến binh {q}", "Hội Cựu chiến binh", T.MASS_ORGANISATION, "HCCB"),
        AgencySpec(
            "lien-doan-lao-dong",
            "Liên đoàn Lao động {q}",
            "Liên đoàn Lao động",
            T.MASS_ORGANISATION,
            "LĐLĐ",
            aliases=("LĐLĐ",),
        ),
    )


_COMMITTEES = (
    AgencySpec(
        "ubnd",
        "Ủy ban nhân dân {q}",
        "Ủy ban nhân dân",
        T.PEOPLES_COMMITTEE,
        "UBND",
        aliases=("UBND", "Chủ tịch Ủy ban nhân dân", "Chủ tịch UBND"),
    ),
    AgencySpec(
        "hdnd", "Hội đồng nhân dân {q}", "Hội đồng nhân dân", T.PEOPLES_COUNCIL, "HĐND", aliases=("HĐND",)
    ),
)

PROVINCE_AGENCIES: tuple[AgencySpec, ...] = (
    *_COMMITTEES,
    AgencySpec(
        "van-phong-ubnd",
        "Văn phòng Ủy ban nhân dân {q}",
        "Văn phòng UBND",
        T.OFFICE,
        "VPUBND",
        aliases=("Văn phòng UBND", "VP UBND", "VPUBND"),
    ),
    AgencySpec(
        "van-phong-doan-dbqh-hdnd",
        "Văn phòng Đoàn đại biểu Quốc hội và Hội đồng nhân dân {q}",
        "Văn phòng Đoàn ĐBQH và HĐND",
        T.OFFICE,
        "VPĐĐBQH",
        aliases=("Văn phòng Đoàn ĐBQH và HĐND", "Văn phòng HĐND"),
    ),
    _dept("so-noi-vu", "Nội vụ", "SNV"),
    _dept("so-tu-phap", "Tư pháp", "STP"),
    _dept("so-tai-chinh", "Tài chính", "STC"),
    _dept(
        "so-ke-hoach-dau-tu",
        "Kế hoạch và Đầu tư",
        "SKHĐT",
        valid_to=BEFORE_DEPARTMENT_MERGE,
        successors=("so-tai-chinh",),  # inferred
        aliases=("Sở KH&ĐT", "Sở KHĐT"),
    ),
    _dept(
        "so-thong-tin-truyen-thong",
        "Thông tin và Truyền thông",
        "STTTT",
        valid_to=BEFORE_DEPARTMENT_MERGE,
        successors=("so-khoa-hoc-cong-nghe",),
        aliases=("Sở TT&TT", "Sở TTTT"),
    ),
    _dept("so-khoa-hoc-cong-nghe", "Khoa học và Công nghệ", "SKHCN", aliases=("Sở KH&CN", "Sở KHCN")),
    _dept(
        "so-van-hoa-the-thao-du-lich",
        "Văn hóa, Thể thao và Du lịch",
        "SVHTTDL",
        aliases=("Sở VHTTDL", "Sở VH,TT&DL", "Sở Văn hóa và Thể thao"),
    ),
    _dept("so-giao-duc-dao-tao", "Giáo dục và Đào tạo", "SGDĐT", aliases=("Sở GD&ĐT", "Sở GDĐT")),
    _dept("so-y-te", "Y tế", "SYT"),
    _dept("so-xay-dung", "Xây dựng", "SXD"),
    _dept(
        "so-giao-thong-van-tai",
        "Giao thông vận tải",
        "SGTVT",
        valid_to=BEFORE_DEPARTMENT_MERGE,
        successors=("so-xay-dung",),  # inferred
        aliases=("Sở GTVT",),
    ),
    _dept(
        "so-nong-nghiep-ptnt",
        "Nông nghiệp và Phát triển nông thôn",
        "SNNPTNT",
        valid_to=BEFORE_DEPARTMENT_MERGE,
        successors=("so-nong-nghiep-moi-truong",),  # inferred
        aliases=("Sở NN&PTNT", "Sở NNPTNT"),
    ),
    _dept(
        "so-tai-nguyen-moi-truong",
        "Tài nguyên và Môi trường",
        "STNMT",
        valid_to=BEFORE_DEPARTMENT_MERGE,
        successors=("so-nong-nghiep-moi-truong",),  # inferred
        aliases=("Sở TN&MT", "Sở TNMT"),
    ),
    _dept(
        "so-nong-nghiep-moi-truong",
        "Nông nghiệp và Môi trường",
        "SNNMT",
        valid_from=DEPARTMENT_MERGE,
        aliases=("Sở NN&MT", "Sở NNMT"),
    ),
    _dept(
        "so-lao-dong-tbxh",
        "Lao động - Thương binh và Xã hội",
        "SLĐTBXH",
        valid_to=BEFORE_DEPARTMENT_MERGE,
        successors=(
            "so-noi-vu",
        ),  # inferred: social protection went to Sở Y tế, vocational training to GD&ĐT
        aliases=("Sở LĐTBXH", "Sở LĐ-TB&XH"),
    ),
    _dept("so-cong-thuong", "Công Thương", "SCT"),
    AgencySpec("thanh-tra", "Thanh tra {q}", "Thanh tra", T.DEPARTMENT, "TTr", aliases=("Thanh tra",)),
    AgencySpec(
        "ban-dan-toc",
        "Ban Dân tộc {q}",
        "Ban Dân tộc",
        T.DEPARTMENT,
        "BDT",
        valid_to=BEFORE_DEPARTMENT_MERGE,
        successors=(
            "so-dan-toc-ton-giao",
        ),  # inferred: where no such department was set up, Sở Nội vụ took over
    ),
    _dept("so-dan-toc-ton-giao", "Dân tộc và Tôn giáo", "SDTTG", valid_from=DEPARTMENT_MERGE),
    AgencySpec(
        "ban-quan-ly-khu-kinh-te",
        "Ban Quản lý khu kinh tế {q}",
        "Ban Quản lý khu kinh tế",
        T.DEPARTMENT,
        "BQLKKT",
        aliases=("Ban Quản lý các khu công nghiệp", "Ban Quản lý các khu kinh tế", "BQL khu kinh tế"),
    ),
    AgencySpec("bao", "Báo {place}", "Báo", T.PRESS, "B", valid_to=LEGACY_END, successors=("bao-ptth",)),
    AgencySpec(
        "dai-ptth",
        "Đài Phát thanh và Truyền hình {place}",
        "Đài Phát thanh và Truyền hình",
        T.PRESS,
        "ĐPTTH",
        valid_to=LEGACY_END,
        successors=("bao-ptth",),
        aliases=("Đài PT&TH", "Đài PTTH", "Đài Phát thanh - Truyền hình"),
    ),
    # Inferred: the provincial newspaper and radio-television station merged when the new provinces started.
    AgencySpec(
        "bao-ptth",
        "Báo và Phát thanh, Truyền hình {place}",
        "Báo và Phát thanh, Truyền hình",
        T.PRESS,
        "BPTTH",
        valid_from=REFORM_START,
    ),
    *_mass_organisations(),
    AgencySpec(
        "ban-tuyen-giao",
        "Ban Tuyên giáo {party} {place}",
        "Ban Tuyên giáo",
        T.OTHER,
        "BTG",
        valid_to=BEFORE_DEPARTMENT_MERGE,
        successors=("ban-tuyen-giao-dan-van",),  # inferred
        aliases=("Ban Tuyên giáo Tỉnh ủy", "Ban Tuyên giáo Thành ủy"),
    ),
    AgencySpec(
        "ban-dan-van",
        "Ban Dân vận {party} {place}",
        "Ban Dân vận",
        T.OTHER,
        "BDV",
        valid_to=BEFORE_DEPARTMENT_MERGE,
        successors=("ban-tuyen-giao-dan-van",),  # inferred
        aliases=("Ban Dân vận Tỉnh ủy", "Ban Dân vận Thành ủy"),
    ),
    AgencySpec(
        "ban-tuyen-giao-dan-van",
        "Ban Tuyên giáo và Dân vận {party} {place}",
        "Ban Tuyên giáo và Dân vận",
        T.OTHER,
        "BTGDV",
        valid_from=DEPARTMENT_MERGE,
    ),
    AgencySpec("cong-an", "Công an {q}", "Công an", T.OTHER, "CA"),
    AgencySpec(
        "bo-chi-huy-quan-su",
        "Bộ Chỉ huy Quân sự {q}",
        "Bộ Chỉ huy Quân sự",
        T.OTHER,
        "BCHQS",
        aliases=("Bộ CHQS",),
    ),
    AgencySpec(
        "trung-tam-phuc-vu-hcc",
        "Trung tâm Phục vụ hành chính công {q}",
        "Trung tâm Phục vụ hành chính công",
        T.PUBLIC_SERVICE,
        "TTPVHCC",
        aliases=("Trung tâm PVHCC",),
    ),
    # Since 1/3/2025 social insurance and the treasury work through regional branches; the province keeps
    # the body its plans address.
    AgencySpec(
        "bao-hiem-xa-hoi", "Bảo hiểm xã hội {q}", "Bảo hiểm xã hội", T.OTHER, "BHXH", aliases=("BHXH",)
    ),
    AgencySpec("kho-bac", "Kho bạc Nhà nước {place}", "Kho bạc Nhà nước", T.OTHER, "KBNN", aliases=("KBNN",)),
    AgencySpec(
        "cuc-thue",
        "Cục Thuế {q}",
        "Cục Thuế",
        T.OTHER,
        "CT",
        valid_to=BEFORE_DEPARTMENT_MERGE,
        successors=("thue-tinh",),  # inferred
    ),
    AgencySpec("thue-tinh", "Thuế {q}", "Thuế", T.OTHER, "TT", valid_from=DEPARTMENT_MERGE),
)

DISTRICT_AGENCIES: tuple[AgencySpec, ...] = (
    *_COMMITTEES,
    AgencySpec(
        "van-phong-hdnd-ubnd",
        "Văn phòng Hội đồng nhân dân và Ủy ban nhân dân {q}",
        "Văn phòng HĐND và UBND",
        T.OFFICE,
        "VP",
        aliases=("Văn phòng HĐND và UBND", "Văn phòng HĐND - UBND", "VP HĐND-UBND", "Văn phòng UBND"),
    ),
    _office("phong-noi-vu", "Nội vụ", "PNV"),
    _office("phong-tu-phap", "Tư pháp", "PTP"),
    _office(
        "phong-tai-chinh-ke-hoach",
        "Tài chính - Kế hoạch",
        "PTCKH",
        aliases=("Phòng TC-KH", "Phòng Tài chính"),
    ),
    _office(
        "phong-van-hoa-thong-tin",
        "Văn hóa và Thông tin",
        "PVHTT",
        valid_to=BEFORE_DEPARTMENT_MERGE,
        successors=("phong-van-hoa-khoa-hoc-thong-tin",),
        aliases=("Phòng VH&TT", "Phòng Văn hóa - Thông tin"),
    ),
    _office(
        "phong-van-hoa-khoa-hoc-thong-tin",
        "Văn hóa, Khoa học và Thông tin",
        "PVHKHTT",
        valid_from=DEPARTMENT_MERGE,
    ),
    _office("phong-giao-duc-dao-tao", "Giáo dục và Đào tạo", "PGDĐT", aliases=("Phòng GD&ĐT",)),
    _office("phong-y-te", "Y tế", "PYT"),
    _office(
        "phong-kinh-te",
        "Kinh tế",
        "PKT",
        valid_to=BEFORE_DEPARTMENT_MERGE,
        successors=("phong-kinh-te-ha-tang-do-thi",),  # inferred
        only=URBAN_DISTRICT,
    ),
    _office(
        "phong-quan-ly-do-thi",
        "Quản lý đô thị",
        "PQLĐT",
        valid_to=BEFORE_DEPARTMENT_MERGE,
        successors=("phong-kinh-te-ha-tang-do-thi",),  # inferred
        only=URBAN_DISTRICT,
        aliases=("Phòng QLĐT",),
    ),
    _office(
        "phong-kinh-te-ha-tang",
        "Kinh tế và Hạ tầng",
        "PKTHT",
        valid_to=BEFORE_DEPARTMENT_MERGE,
        successors=("phong-kinh-te-ha-tang-do-thi",),  # inferred
        only=RURAL_DISTRICT,
        aliases=("Phòng KT&HT", "Phòng Kinh tế - Hạ tầng"),
    ),
    _office(
        "phong-kinh-te-ha-tang-do-thi", "Kinh tế, Hạ tầng và Đô thị", "PKTHTĐT", valid_from=DEPARTMENT_MERGE
    ),
    _office(
        "phong-nong-nghiep-ptnt",
        "Nông nghiệp và Phát triển nông thôn",
        "PNNPTNT",
        valid_to=BEFORE_DEPARTMENT_MERGE,
        successors=("phong-nong-nghiep-moi-truong",),  # inferred
        only=RURAL_DISTRICT,
        aliases=("Phòng NN&PTNT",),
    ),
    _office(
        "phong-tai-nguyen-moi-truong",
        "Tài nguyên và Môi trường",
        "PTNMT",
        valid_to=BEFORE_DEPARTMENT_MERGE,
        successors=("phong-nong-nghiep-moi-truong",),  # inferred
        aliases=("Phòng TN&MT",),
    ),
    _office(
        "phong-nong-nghiep-moi-truong", "Nông nghiệp và Môi trường", "PNNMT", valid_from=DEPARTMENT_MERGE
    ),
    _office(
        "phong-lao-dong-tbxh",
        "Lao động - Thương binh và Xã hội",
        "PLĐTBXH",
        valid_to=BEFORE_DEPARTMENT_MERGE,
        successors=("phong-noi-vu",),  # inferred
        aliases=("Phòng LĐTBXH", "Phòng LĐ-TB&XH"),
    ),
    AgencySpec("thanh-tra", "Thanh tra {q}", "Thanh tra", T.LOCAL_OFFICE, "TTr"),
    # The district's radio station is part of this centre: typed as press so "các cơ quan báo chí" finds it.
    AgencySpec(
        "trung-tam-van-hoa",
        "Trung tâm Văn hóa - Thể thao và Truyền thanh {q}",
        "Trung tâm Văn hóa - Thể thao và Truyền thanh",
        T.PRESS,
        "TTVHTTTT",
        aliases=(
            "Trung tâm Văn hóa Thể thao và Truyền thanh",
            "Trung tâm Văn hóa - Thông tin - Thể thao",
            "Trung tâm Văn hóa, Thông tin và Thể thao",
            "Trung tâm Văn hóa - Thông tin và Thể thao",
            "Trung tâm Truyền thông - Văn hóa - Thể thao",
            "Trung tâm Văn hóa, Thể thao và Truyền thanh",
            "Đài Truyền thanh",
            "Đài Truyền thanh - Truyền hình",
        ),
    ),
    AgencySpec(
        "trung-tam-chinh-tri", "Trung tâm Chính trị {q}", "Trung tâm Chính trị", T.PUBLIC_SERVICE, "TTCT"
    ),
    *_mass_organisations(),
    AgencySpec(
        "ban-chi-huy-quan-su",
        "Ban Chỉ huy Quân sự {q}",
        "Ban Chỉ huy Quân sự",
        T.OTHER,
        "BCHQS",
        aliases=("BCHQS",),
    ),
    # The district police were dissolved on 1/3/2025 (the province took over).
    AgencySpec("cong-an", "Công an {q}", "Công an", T.OTHER, "CA", valid_to=BEFORE_DEPARTMENT_MERGE),
)

COMMUNE_LEGACY_AGENCIES: tuple[AgencySpec, ...] = (
    *_COMMITTEES,
    _mass_organisations()[0],
)

# ND 150/2025/NĐ-CP: the offices of a commune-level People's Committee from 1/7/2025.
COMMUNE_AGENCIES: tuple[AgencySpec, ...] = (
    *_COMMITTEES,
    AgencySpec(
        "van-phong-hdnd-ubnd",
        "Văn phòng Hội đồng nhân dân và Ủy ban nhân dân {q}",
        "Văn phòng HĐND và UBND",
        T.OFFICE,
        "VP",
        aliases=("Văn phòng HĐND và UBND", "Văn phòng HĐND - UBND", "Văn phòng HĐND-UBND", "Văn phòng UBND"),
    ),
    _office("phong-kinh-te", "Kinh tế", "PKT", only=RURAL_COMMUNE),
    _office("phong-kinh-te-ha-tang-do-thi", "Kinh tế, Hạ tầng và Đô thị", "PKTHTĐT", only=URBAN_COMMUNE),
    _office("phong-van-hoa-xa-hoi", "Văn hóa - Xã hội", "PVHXH", aliases=("Phòng VH-XH",)),
    AgencySpec(
        "trung-tam-phuc-vu-hcc",
        "Trung tâm Phục vụ hành chính công {q}",
        "Trung tâm Phục vụ hành chính công",
        T.PUBLIC_SERVICE,
        "TTPVHCC",
        aliases=("Trung tâm PVHCC",),
    ),
    _mass_organisations()[0],
)

CATALOG: dict[str, tuple[AgencySpec, ...]] = {
    PROVINCE: PROVINCE_AGENCIES,
    DISTRICT: DISTRICT_AGENCIES,
    COMMUNE_LEGACY: COMMUNE_LEGACY_AGENCIES,
    COMMUNE: COMMUNE_AGENCIES,
}

# When a district ends, only these bodies pass to the communes that took its wards; its offices have no
# successor at district level (domain §6).
CARRIED_TO_COMMUNES = frozenset({"ubnd", "hdnd", "mttq"})

_YOUTH = {
    "tỉnh": "Tỉnh đoàn",
    "thành phố": "Thành đoàn",
    "huyện": "Huyện đoàn",
    "quận": "Quận đoàn",
    "thị xã": "Thị đoàn",
}
_PARTY = {"tỉnh": "Tỉnh ủy", "thành phố": "Thành ủy"}


def agency_name(spec: AgencySpec, *, territory_name: str, place: str, territory_type: str) -> str:
    """The full name of ``spec`` in a territory ("Sở Nội vụ tỉnh Ninh Thuận", "Báo Ninh Thuận")."""
    qualifier = territory_name[:1].lower() + territory_name[1:]
    return spec.name.format(
        q=qualifier,
        place=place,
        youth=_YOUTH.get(territory_type, "Đoàn Thanh niên"),
        party=_PARTY.get(territory_type, "Đảng ủy"),
    )


@lru_cache(maxsize=64)
def specs_for(level: str, territory_type: str) -> tuple[AgencySpec, ...]:
    return tuple(spec for spec in CATALOG[level] if not spec.only or territory_type in spec.only)


def spec_names(spec: AgencySpec) -> set[str]:
    """Folded names a plan may print for ``spec``, without the territory."""
    return {fold(spec.short_name), *(fold(alias) for alias in spec.aliases)}
