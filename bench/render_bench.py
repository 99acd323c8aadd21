"""Render speed on the five sample plans: ``python -m bench.render_bench`` from the repository root.

Each sample is imported once (not timed), then rendered to .docx by ``build_plan_docx``
repeatedly. Prints the median of each sample, its size and page-relevant counts, and, last,
``render_ms_max=`` (the slowest sample's median). Target: under 150 ms.
"""

from __future__ import annotations

import statistics
import time
from pathlib import Path

from cchc.documents.builders import build_plan_docx
from cchc.importer import parse_document

SAMPLES = Path(__file__).resolve().parents[1].parent / "shared" / "samples" / "plans"
RUNS = 15
TARGET_MS = 150


def median_ms(draft: object, runs: int) -> tuple[float, int]:
    size = len(build_plan_docx(draft))  # warm up: imports, the default template
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        build_plan_docx(draft)
        times.append(time.perf_counter() - started)
    return statistics.median(times) * 1000, size


def main() -> None:
    samples = sorted(SAMPLES.glob("*.txt"))
    if not samples:
        raise SystemExit(f"no sample plans in {SAMPLES}")
    print(f"render to .docx (median of {RUNS} runs):")
    medians = {}
    for sample in samples:
        draft = parse_document(sample.read_bytes(), sample.name)
        ms, size = median_ms(draft, RUNS)
        medians[sample.stem] = ms
        print(
            f"  {sample.stem}: {ms:7.1f} ms  ({len(draft.tasks)} tasks, "
            f"{len(draft.source_lines)} source lines, {size // 1024} KB)"
        )
    slowest = max(medians.values())
    verdict = "ok" if slowest < TARGET_MS else f"SLOWER than the {TARGET_MS} ms target"
    print(f"slowest: {max(medians, key=medians.__getitem__)} ({verdict})")
    print(f"render_ms_max={slowest:.0f}")


if __name__ == "__main__":
    main()
