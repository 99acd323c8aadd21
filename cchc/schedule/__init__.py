"""Schedule engine: a task's due items and expected counts, in pure Python (no Django)."""

from __future__ import annotations

from .engine import DueItem, Schedule, build_schedule, schedule_for
from .status import STATUS_LABELS, progress_status

__all__ = ["STATUS_LABELS", "DueItem", "Schedule", "build_schedule", "progress_status", "schedule_for"]
