"""From names printed in a plan to units: the issuer, the agencies it names, and its group phrases.

Names are compared by ``search_key`` (no diacritics, no punctuation). A territory is recognised by its
full name ("thành phố Phan Rang - Tháp Chàm", "tỉnh Nam Định") in the issuer line or a hint (the superior
body, the title), or by its bare name in the place of the place-date line ("Phan Rang - Tháp Chàm").
Among several candidates the one most consistent with the other mentions wins, then the one valid on the
plan's date. An agency is matched inside the issuer's territory first, then in the territories above it,
by the catalog's names and abbreviations.
"""

from __future__ import annotations

import re
from collections import deque
from collections.abc import Iterable
from datetime import date
from functools import lru_cache

from django.db.models import Q

from cchc.orgs import catalog
from cchc.orgs.access import territory_of
from cchc.orgs.models import Unit, search_key

T = Unit.AgencyType
_TYPE_WORDS = ("tinh", "thanh pho", "huyen", "quan", "thi xa", "xa", "phuong", "thi tran", "dac khu")
_TYPE_WORD = re.compile(r"\b(?:" + "|".join(_TYPE_WORDS) + r")\b")
_ABBREVIATED_TYPE = ((re.compile(r"\btp\b"), "thanh pho"), (re.compile(r"\btx\b"), "thi xa"))
_PLACEHOLDER = re.compile(r"\{\w+\}")
_LONGEST_NAME = 7  # words after a type word ("phan rang thap cham" has four)
_TERRITORIAL = (Unit.Kind.PROVINCE, Unit.Kind.DISTRICT, Unit.Kind.COMMUNE)
# Words that may follow an agency's name to say where it is, without naming the place.
_GENERIC_TAIL = re.compile(
    r"(?:\s+(?:cap\s+)?(?:tinh|thanh pho|huyen|quan|thi xa|xa|phuong|thi tran|dac khu))+$"
)


def _key(text: str | None) -> str:
    key = search_key(text or "")
    for pattern, replacement in _ABBREVIATED_TYPE:
        key = pattern.sub(replacement, key)
    return key


def _compact(key: str) -> str:
    """ "so vh tt dl" and "so vhttdl" agree: no spaces, no "va"."""
    return "".join(word for word in key.split() if word != "va")


@lru_cache(maxsize=1)
def _catalog_names() -> dict[str, list[str]]:
    """Compact folded name or abbreviation -> catalog keys (several levels share a name: "Thanh tra")."""
    names: dict[str, list[str]] = {}
    for specs in catalog.CATALOG.values():
        for spec in specs:
            bare_name = _PLACEHOLDER.sub("", spec.name)
            for name in (spec.short_name, bare_name, *spec.aliases):
                if not name.strip():
                    continue
                keys = names.setdefault(_compact(_key(name)), [])
                if spec.key not in keys:
                    keys.append(spec.key)
    return names


def _valid(units: list[Unit], on: date | None) -> list[Unit]:
    if on is None:
        return units
    return [u for u in units if u.is_valid_on(on)]


def _phrases(key: str, *, from_type_words: bool) -> set[str]:
    words = key.split()
    if not from_type_words:
        return {" ".join(words[i:j]) for i in range(len(words)) for j in range(i + 1, len(words) + 1)}
    phrases: set[str] = set()
    for match in _TYPE_WORD.finditer(key):
        start = len(key[: match.start()].split())
        for end in range(start + len(match.group(0).split()) + 1, min(len(words), start + _LONGEST_NAME) + 1):
            phrases.add(" ".join(words[start:end]))
    return phrases


def _territories_named(text: str | None) -> list[Unit]:
    """Territories whose full name ("thành phố Lai Châu") occurs in ``text``; the longest mentions win."""
    key = _key(text)
    if not key:
        return []
    phrases = _phrases(key, from_type_words=True)
    if not phrases:
        return []
    found = list(Unit.objects.filter(kind__in=_TERRITORIAL, search_name__in=phrases))
    # "thành phố Phan Rang - Tháp Chàm" also contains "Phan Rang" of a commune: keep mentions not inside longer ones.
    longest = [
        u
        for u in found
        if not any(u.search_name in o.search_name and u.search_name != o.search_name for o in found)
    ]
    return longest


def _territories_by_place(place: str | None) -> list[Unit]:
    """Territories whose bare name is the place of the place-date line ("Phan Rang - Tháp Chàm", "Hải Phòng")."""
    key = _key(place)
    if not key:
        return []
    return list(
        Unit.objects.filter(kind__in=_TERRITORIAL, search_name__in=[f"{word} {key}" for word in _TYPE_WORDS])
    )


def _related(a: Unit, b: Unit) -> bool:
    return a.path.startswith(b.path) or b.path.startswith(a.path)


def _pick(candidates: list[Unit], context: list[Unit], superiors: list[Unit], on: date | None) -> Unit | None:
    if not candidates:
        return None
    pool = _valid(candidates, on) or candidates

    def score(unit: Unit) -> tuple[int, int, int]:
        related = sum(_related(unit, other) for other in context)
        depth = unit.path.count(".")
        below_superior = any(unit.path.startswith(s.path) and unit.pk != s.pk for s in superiors)
        return (related, depth if below_superior else -depth, unit.valid_to is None)

    return max(pool, key=score)


def _split_body(key: str) -> tuple[str, str]:
    """ "uy ban nhan dan thanh pho phan rang thap cham" -> ("uy ban nhan dan", "thanh pho phan rang thap cham")."""
    match = _TYPE_WORD.search(key)
    if match is None:
        return key, ""
    return key[: match.start()].strip(), key[match.start() :]


def find_issuer_unit(
    issuer_text: str | None,
    place: str | None,
    on: date | None,
    hint: str | Iterable[str | None] | None = None,
) -> Unit | None:
    """The body that issued a plan, valid on ``on``: "ỦY BAN NHÂN DÂN THÀNH PHỐ PHAN RANG - THÁP CHÀM" →
    that city's People's Committee. Without an issuer line, the place and ``hint`` (texts such as the
    superior body, the title, an appendix caption) name the territory, and the People's Committee is assumed."""
    body_key, _territory_key = _split_body(_key(issuer_text))
    named = _territories_named(issuer_text)
    hints = [hint] if hint is None or isinstance(hint, str) else list(hint)
    hinted = [unit for text in hints for unit in _territories_named(text)]
    placed = _territories_by_place(place)
    if named:
        territory = _pick(named, hinted + placed, [], on)
    else:
        candidates = list({u.pk: u for u in hinted + placed}.values())
        territory = _pick(candidates, hinted + placed, hinted, on)
    if territory is None:
        return None
    if body_key and _compact(body_key) not in {"ubnd", "uybannhandan"}:
        agency = match_agency(body_key, territory, on)
        if agency is not None:
            return agency
    committees = list(Unit.objects.filter(parent=territory, catalog_key="ubnd"))
    return (_valid(committees, on) or committees or [territory])[0]


def _follow_successors(unit: Unit, on: date | None) -> Unit:
    """``unit`` if valid on ``on``, else the first successor (then theirs) that is."""
    if on is None or unit.is_valid_on(on):
        return unit
    queue = deque([(unit, 0)])
    seen = {unit.pk}
    while queue:
        node, depth = queue.popleft()
        if depth >= 3:
            continue
        for successor in node.successors.order_by("pk"):
            if successor.pk in seen:
                continue
            if successor.is_valid_on(on):
                return successor
            seen.add(successor.pk)
            queue.append((successor, depth + 1))
    return unit


def _without_place(key: str, territories: list[Unit]) -> str:
    for territory in territories:
        for name in (territory.search_name, _key(territory.short_name)):
            if name and key.endswith(" " + name):
                key = key[: -len(name)].strip()
    return _GENERIC_TAIL.sub("", key).strip()


def match_agency(name: str, issuer: Unit, on: date | None) -> Unit | None:
    """One agency named in a plan ("Sở Thông tin và Truyền thông", "Phòng Nội vụ thành phố", "Báo Quảng Ngãi"),
    looked up in the issuer's territory, then in the territories above it; a body that had ended by ``on``
    gives way to its successor."""
    key = _key(name)
    if not key:
        return None
    home = territory_of(issuer)
    ancestors = list(Unit.objects.filter(pk__in=_path_ids(home)).exclude(pk=home.pk))
    ancestors.sort(key=lambda u: -len(u.path))
    named = [t for t in _territories_named(name) if t.path.startswith(home.path) and t.pk != home.pk]
    search_in = [*named, home, *ancestors]
    bare = _without_place(key, [*named, home, *ancestors])
    catalog_keys = _catalog_names().get(_compact(bare), [])
    for territory in search_in:
        query = Q(catalog_key__in=catalog_keys) if catalog_keys else Q(pk__in=[])
        query |= Q(search_name=key) | Q(search_name=bare)
        found = list(Unit.objects.filter(parent=territory, kind=Unit.Kind.AGENCY).filter(query))
        if not found:
            continue
        valid = _valid(found, on)
        if valid:
            return sorted(
                valid,
                key=lambda u: catalog_keys.index(u.catalog_key) if u.catalog_key in catalog_keys else 99,
            )[0]
        return _follow_successors(found[0], on)
    return None


def _path_ids(unit: Unit) -> list[int]:
    """Primary keys of ``unit`` and its ancestors, read from its path."""
    return [int(pk) for pk in unit.path.split(".") if pk]


def _agencies(territory: Unit, types: tuple[str, ...], on: date | None) -> list[Unit]:
    units = Unit.objects.filter(parent=territory, kind=Unit.Kind.AGENCY, agency_type__in=types)
    if on is not None:
        units = units.current(on)
    return list(units.order_by("name"))


def _committees_below(territory: Unit, kind: str, on: date | None, *, direct: bool = False) -> list[Unit]:
    """People's Committees of the ``kind`` territories under ``territory`` (``direct``: one level down only)."""
    units = Unit.objects.filter(catalog_key="ubnd", parent__kind=kind)
    units = (
        units.filter(parent__parent=territory)
        if direct
        else units.subtree(territory).exclude(parent=territory)
    )
    if on is not None:
        units = units.current(on)
    return list(units.order_by("name"))


def expand_group(group_key: str, issuer: Unit, on: date | None) -> list[Unit]:
    """The units a group phrase of the importer stands for ("departments", "commune_committees"…), valid on
    ``on``, in the issuer's territory; "related" is left to the user (empty list)."""
    territory = territory_of(issuer)
    if group_key in ("departments", "local_offices"):
        # A province's "sở, ban, ngành" and a district's or commune's "phòng, ban" are the same layer.
        types = (
            (T.DEPARTMENT, T.OFFICE) if territory.kind == Unit.Kind.PROVINCE else (T.LOCAL_OFFICE, T.OFFICE)
        )
        units = _agencies(territory, types, on)
    elif group_key == "district_committees":
        units = _committees_below(territory, Unit.Kind.DISTRICT, on)
    elif group_key == "commune_committees":
        units = _committees_below(territory, Unit.Kind.COMMUNE, on)
    elif group_key == "press":
        # A district's plan addresses its own radio centre and the provincial press.
        press = Unit.objects.filter(
            parent_id__in=_path_ids(territory), kind=Unit.Kind.AGENCY, agency_type=T.PRESS
        )
        units = list((press.current(on) if on else press).order_by("path"))
    elif group_key == "mass_organisations":
        units = _agencies(territory, (T.FRONT, T.MASS_ORGANISATION), on)
    elif group_key == "all_units":
        own = _agencies(territory, tuple(t for t in T.values if t not in ("", T.PEOPLES_COUNCIL)), on)
        below = _committees_below(territory, Unit.Kind.DISTRICT, on, direct=True)
        below += _committees_below(territory, Unit.Kind.COMMUNE, on, direct=True)
        units = own + below
    else:
        return []
    return [u for u in units if u.pk != issuer.pk]
