"""The shipped rules, present in every database test of this package: a transactional test elsewhere in
the session (the browser tests) flushes the database, and with it the data migration's rows."""

from __future__ import annotations

import importlib

import pytest

SHIPPING = "cchc.evaluation.migrations.0002_ship_xuan_loc_rule"


def ship_rules() -> None:
    from django.apps import apps

    importlib.import_module(SHIPPING).ship(apps, None)


@pytest.fixture(autouse=True)
def _shipped_rules(request) -> None:
    if request.node.get_closest_marker("django_db") is None:
        return
    request.getfixturevalue("db" if "transactional_db" not in request.fixturenames else "transactional_db")
    ship_rules()
