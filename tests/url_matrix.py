"""What every URL × role matrix test shares: the roles, the project's named URLs, a client per role."""

from __future__ import annotations

from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

ROLES = ["anon", "outsider", "officer_a", "officer_b", "leader", "coordinator", "admin"]


def named_urls(prefix: str = "") -> set[str]:
    """Every named URL of the project ("namespace:name"), those starting with ``prefix``."""
    return {name for name in _names(get_resolver()) if name.startswith(prefix)}


def _names(resolver: URLResolver, namespace: str = "") -> list[str]:
    names = []
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            names.extend(_names(pattern, inner))
        elif isinstance(pattern, URLPattern) and pattern.name:
            names.append(f"{namespace}{pattern.name}")
    return names


def client_as(request, role: str) -> Client:
    """A test client: anonymous, or logged in through the ``client_<role>`` fixture."""
    return Client() if role == "anon" else request.getfixturevalue(f"client_{role}")
