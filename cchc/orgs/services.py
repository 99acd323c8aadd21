"""Loading the administrative units of vietnamadminunits, before and after 1 July 2025, with their agencies.

Eras. A legacy unit (63 provinces, 696 districts, 10,035 wards) ends on 30/6/2025; a unit of the new set
(34 provinces, 3,321 communes) starts on 1/7/2025. A province that keeps both its code and its name
(Hà Nội, Lai Châu, Quảng Ngãi, Hải Phòng, Khánh Hòa, Ninh Bình…) is one unit without dates: its legacy
districts and its new communes both hang under it, so its history and its present share one subtree.
A province that took another code or name (Lào Cai 10 → 15, Bắc Ninh 27 → 24…) is a new unit, and the
legacy one points to it. Merged provinces point to the province they joined (Ninh Thuận → Khánh Hòa),
a legacy ward to the commune(s) it went to (a divided ward to several), a legacy district to the
communes its wards went to.
"""

from __future__ import annotations

import json
import sqlite3
import time
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache
from pathlib import Path

import vietnamadminunits
from django.core.management.color import no_style
from django.db import connection, transaction
from django.db.models import Max

from cchc.core.vn import fold
from cchc.orgs import catalog
from cchc.orgs.models import LEGACY_END, REFORM_START, Unit, search_key

DATA_DIR = Path(vietnamadminunits.__file__).resolve().parent / "data"

Key = tuple[str, date | None]

_UPDATED_FIELDS = (
    "parent_id",
    "kind",
    "agency_type",
    "name",
    "short_name",
    "search_name",
    "symbol_code",
    "catalog_key",
    "valid_to",
    "path",
)


class UnknownProvinceError(ValueError):
    """A province code that is in neither set of vietnamadminunits."""

    def __init__(self, codes: list[str]) -> None:
        super().__init__(", ".join(codes))
        self.codes = codes


@dataclass
class _Row:
    key: Key
    parent: Key | None
    kind: str
    name: str
    short_name: str = ""
    valid_to: date | None = None
    agency_type: str = ""
    symbol_code: str = ""
    catalog_key: str = ""
    # Territorial rows only: which catalog applies, the type word ("huyện", "phường") and the bare place name.
    level: str = ""
    territory_type: str = ""
    place: str = ""

    @property
    def valid_from(self) -> date | None:
        return self.key[1]

    def valid_on(self, day: date) -> bool:
        return (self.valid_from is None or self.valid_from <= day) and (
            self.valid_to is None or day <= self.valid_to
        )


@dataclass
class LoadResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    links_created: int = 0
    by_kind: dict[str, int] = field(default_factory=dict)
    links: int = 0
    seconds: float = 0.0


@dataclass
class _World:
    rows: dict[Key, _Row] = field(default_factory=dict)
    successors: dict[Key, set[Key]] = field(default_factory=lambda: defaultdict(set))

    def add(self, row: _Row) -> _Row:
        self.rows[row.key] = row
        return row


def _read_dataset() -> tuple[list[sqlite3.Row], list[sqlite3.Row], dict]:
    db = sqlite3.connect(f"file:{DATA_DIR / 'dataset.db'}?mode=ro", uri=True)
    db.row_factory = sqlite3.Row
    try:
        legacy = db.execute(
            "SELECT provinceCode, province, provinceShort, provinceKey, districtCode, district, districtShort,"
            " districtType, districtKey, wardCode, ward, wardShort, wardType, wardKey"
            " FROM admin_units_legacy ORDER BY provinceCode, districtCode, wardCode"
        ).fetchall()
        new = db.execute(
            "SELECT provinceCode, province, provinceShort, provinceKey, wardCode, ward, wardShort, wardType, wardKey"
            " FROM admin_units ORDER BY provinceCode, wardCode"
        ).fetchall()
    finally:
        db.close()
    converter = json.loads((DATA_DIR / "converter_2025.json").read_text(encoding="utf-8"))
    return legacy, new, converter


_word_key = lru_cache(maxsize=100_000)(search_key)


def _search_key(name: str) -> str:
    """``search_key`` word by word: the same result, but the loader's 89,000 names share few words."""
    return " ".join(key for key in map(_word_key, name.split()) if key)


def _province_type(name: str) -> str:
    return "thành phố" if fold(name).startswith("thanh pho") else "tỉnh"


def _build_world(province_codes: Iterable[str] | None) -> _World:
    legacy, new, converter = _read_dataset()
    legacy_provinces = {r["provinceCode"]: r for r in legacy}
    new_provinces = {r["provinceCode"]: r for r in new}
    continuing = {
        code
        for code, row in legacy_provinces.items()
        if code in new_provinces and new_provinces[code]["province"] == row["province"]
    }
    new_code_by_key = {r["provinceKey"]: code for code, r in new_provinces.items()}
    legacy_code_by_key = {r["provinceKey"]: code for code, r in legacy_provinces.items()}
    absorbed_into: dict[str, str] = {}
    for new_key, old_keys in converter["DICT_PROVINCE"].items():
        for old_key in old_keys:
            absorbed_into[legacy_code_by_key[old_key]] = new_code_by_key[new_key]

    if province_codes is None:
        legacy_selected = set(legacy_provinces)
        new_selected = set(new_provinces)
    else:
        wanted = set(province_codes)
        unknown = wanted - set(legacy_provinces) - set(new_provinces)
        if unknown:
            raise UnknownProvinceError(sorted(unknown))
        legacy_selected = wanted & set(legacy_provinces)
        new_selected = (wanted & set(new_provinces)) | {absorbed_into[code] for code in legacy_selected}

    world = _World()

    def province_key(code: str, era_new: bool) -> Key:
        if code in continuing:
            return (code, None)
        return (code, REFORM_START) if era_new else (code, None)

    for code in sorted(legacy_selected | new_selected):
        for era_new, source, selected in (
            (False, legacy_provinces, legacy_selected),
            (True, new_provinces, new_selected),
        ):
            if code not in selected or code not in source:
                continue
            key = province_key(code, era_new)
            if key in world.rows:
                continue
            row = source[code]
            world.add(
                _Row(
                    key=key,
                    parent=None,
                    kind=Unit.Kind.PROVINCE,
                    name=row["province"],
                    short_name=row["provinceShort"],
                    valid_to=None if code in continuing or era_new else LEGACY_END,
                    level=catalog.PROVINCE,
                    territory_type=_province_type(row["province"]),
                    place=row["provinceShort"],
                )
            )
    for code in legacy_selected:
        if code not in continuing:
            world.successors[(code, None)].add(province_key(absorbed_into[code], True))

    legacy_ward_keys: dict[str, Key] = {}
    district_by_old_key: dict[str, Key] = {}
    for r in legacy:
        if r["provinceCode"] not in legacy_selected:
            continue
        district_key: Key = (r["districtCode"], None)
        if district_key not in world.rows:
            world.add(
                _Row(
                    key=district_key,
                    parent=(r["provinceCode"], None),
                    kind=Unit.Kind.DISTRICT,
                    name=r["district"],
                    short_name=r["districtShort"],
                    valid_to=LEGACY_END,
                    level=catalog.DISTRICT,
                    territory_type=r["districtType"].lower(),
                    place=r["districtShort"],
                )
            )
        old_key = f"{r['provinceKey']}_{r['districtKey']}_{r['wardKey'] or ''}"
        district_by_old_key[old_key] = district_key
        if r["wardCode"] is None:
            # Island districts without wards (Bạch Long Vĩ, Côn Đảo…) map to a commune themselves.
            legacy_ward_keys[old_key] = district_key
            continue
        ward_key: Key = (r["wardCode"], None)
        legacy_ward_keys[old_key] = ward_key
        world.add(
            _Row(
                key=ward_key,
                parent=district_key,
                kind=Unit.Kind.COMMUNE,
                name=r["ward"],
                short_name=r["wardShort"],
                valid_to=LEGACY_END,
                level=catalog.COMMUNE_LEGACY,
                territory_type=r["wardType"].lower(),
                place=r["wardShort"],
            )
        )

    new_ward_keys: dict[tuple[str, str], Key] = {}
    for r in new:
        code = r["provinceCode"]
        if code not in new_selected:
            continue
        ward_key = (r["wardCode"], REFORM_START)
        new_ward_keys[(r["provinceKey"], r["wardKey"])] = ward_key
        world.add(
            _Row(
                key=ward_key,
                parent=province_key(code, True),
                kind=Unit.Kind.COMMUNE,
                name=r["ward"],
                short_name=r["wardShort"],
                level=catalog.COMMUNE,
                territory_type=r["wardType"].lower(),
                place=r["wardShort"],
            )
        )

    def link(old_key: str, new_province: str, new_ward: str) -> None:
        source = legacy_ward_keys.get(old_key)
        target = new_ward_keys.get((new_province, new_ward))
        if source is None or target is None:
            return
        world.successors[source].add(target)
        district = district_by_old_key[old_key]
        if district != source:
            world.successors[district].add(target)

    for new_province, wards in converter["DICT_PROVINCE_WARD_NO_DIVIDED"].items():
        for new_ward, old_keys in wards.items():
            for old_key in old_keys:
                link(old_key, new_province, new_ward)
    for new_province, old_wards in converter["DICT_PROVINCE_WARD_DIVIDED"].items():
        for old_key, parts in old_wards.items():
            for part in parts:
                link(old_key, new_province, part["newWardKey"])

    _add_agencies(world)
    return world


def _later(a: date | None, b: date | None) -> date | None:
    return b if a is None else a if b is None else max(a, b)


def _earlier(a: date | None, b: date | None) -> date | None:
    return b if a is None else a if b is None else min(a, b)


def _add_agencies(world: _World) -> None:
    territories = [row for row in world.rows.values() if row.level]
    agencies: dict[tuple[Key, str], list[_Row]] = defaultdict(list)
    specs: dict[Key, catalog.AgencySpec] = {}
    for territory in territories:
        for spec in catalog.specs_for(territory.level, territory.territory_type):
            starts = _later(spec.valid_from, territory.valid_from)
            ends = _earlier(spec.valid_to, territory.valid_to)
            if starts and ends and starts > ends:
                continue
            row = world.add(
                _Row(
                    key=(f"{territory.key[0]}:{spec.key}", starts),
                    parent=territory.key,
                    kind=Unit.Kind.AGENCY,
                    name=catalog.agency_name(
                        spec,
                        territory_name=territory.name,
                        place=territory.place,
                        territory_type=territory.territory_type,
                    ),
                    short_name=spec.short_name,
                    valid_to=ends,
                    agency_type=spec.agency_type,
                    symbol_code=spec.symbol_code,
                    catalog_key=spec.key,
                )
            )
            agencies[(territory.key, spec.key)].append(row)
            specs[row.key] = spec

    for key, spec in specs.items():
        row = world.rows[key]
        if row.valid_to is None:
            continue
        territory = world.rows[row.parent]  # type: ignore[index]
        next_day = row.valid_to + timedelta(days=1)
        if territory.valid_to is None or row.valid_to < territory.valid_to:
            heirs, keys = [territory.key], spec.successors
        else:
            heirs = list(world.successors.get(territory.key, ()))
            keys = (*spec.successors, spec.key)
            if territory.kind == Unit.Kind.DISTRICT:
                keys = tuple(k for k in keys if k in catalog.CARRIED_TO_COMMUNES)
        for heir in heirs:
            for catalog_key in keys:
                found = [a for a in agencies.get((heir, catalog_key), ()) if a.valid_on(next_day)]
                if found:
                    world.successors[key].add(found[0].key)
                    break


def _reserve_ids() -> int:
    """The first primary key the loader assigns itself, so a row's path is known before it is written."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("LOCK TABLE orgs_unit IN EXCLUSIVE MODE")
    return (Unit.objects.aggregate(top=Max("id"))["top"] or 0) + 1


def _insert(table: str, columns: tuple[str, ...], rows: list[tuple]) -> None:
    """Plain inserts (COPY on PostgreSQL): the ORM's bulk_create spends most of a full load building models."""
    if not rows:
        return
    quote = connection.ops.quote_name
    names = ", ".join(quote(c) for c in columns)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {quote(table)} ({names}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
            return
        adapt = connection.ops.adapt_datefield_value
        dates = [i for i, column in enumerate(columns) if column in ("valid_from", "valid_to")]
        if dates:
            rows = [list(row) for row in rows]
            for row in rows:
                for i in dates:
                    row[i] = adapt(row[i])
        sql = f"INSERT INTO {quote(table)} ({names}) VALUES ({', '.join(['%s'] * len(columns))})"  # noqa: S608
        for start in range(0, len(rows), 5000):
            cursor.executemany(sql, rows[start : start + 5000])


def _reset_sequences() -> None:
    statements = connection.ops.sequence_reset_sql(no_style(), [Unit])
    if statements:
        with connection.cursor() as cursor:
            for sql in statements:
                cursor.execute(sql)


@transaction.atomic
def load_units(province_codes: Iterable[str] | None = None) -> LoadResult:
    """Create or update the units of vietnamadminunits and their agencies, with successor links.

    Idempotent: a second run changes nothing. Raises ``UnknownProvinceError`` for a code in neither set. ``province_codes`` restricts the load to those provinces
    (legacy and new codes, "58", "56"), plus the new provinces that absorbed a selected legacy one, so
    successor links always have both ends.
    """
    started = time.perf_counter()
    world = _build_world(province_codes)
    result = LoadResult()

    existing: dict[Key, tuple] = {}
    for values in Unit.objects.values_list("source_code", "valid_from", "pk", *_UPDATED_FIELDS):
        existing[(values[0], values[1])] = values[2:]

    next_id = _reserve_ids()
    pks: dict[Key, int] = {}
    paths: dict[Key, str] = {}
    to_create: list[tuple] = []
    to_update: list[Unit] = []
    for key, row in world.rows.items():
        old = existing.get(key)
        if old is None:
            pk = next_id
            next_id += 1
        else:
            pk = old[0]
        pks[key] = pk
        parent_id = pks[row.parent] if row.parent else None
        paths[key] = f"{paths[row.parent] if row.parent else ''}{pk}."
        values = (
            parent_id,
            row.kind,
            row.agency_type,
            row.name,
            row.short_name,
            _search_key(row.name),
            row.symbol_code,
            row.catalog_key,
            row.valid_to,
            paths[key],
        )
        if old is None:
            to_create.append((pk, key[0], key[1], *values))
        elif tuple(old[1:]) != values:
            fields = dict(zip(_UPDATED_FIELDS, values, strict=True))
            to_update.append(Unit(pk=pk, source_code=key[0], valid_from=key[1], **fields))
        else:
            result.unchanged += 1

    _insert(Unit._meta.db_table, ("id", "source_code", "valid_from", *_UPDATED_FIELDS), to_create)
    if to_create:
        _reset_sequences()
    Unit.objects.bulk_update(to_update, list(_UPDATED_FIELDS), batch_size=500)
    result.created = len(to_create)
    result.updated = len(to_update)

    through = Unit.successors.through
    wanted = {
        (pks[a], pks[b]) for a, heirs in world.successors.items() for b in heirs if a in pks and b in pks
    }
    present = set(through.objects.values_list("from_unit_id", "to_unit_id"))
    missing = sorted(wanted - present)
    _insert(through._meta.db_table, ("from_unit_id", "to_unit_id"), missing)
    result.links_created = len(missing)
    result.links = len(wanted)

    for row in world.rows.values():
        result.by_kind[row.kind] = result.by_kind.get(row.kind, 0) + 1
    result.seconds = time.perf_counter() - started
    return result
