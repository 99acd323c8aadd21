"""Browser tests: Playwright drives Debian's Chromium (/usr/bin/chromium), never a downloaded browser.

The ``browser``, ``page`` and ``shot`` fixtures live in tests/conftest.py so browser tests of any app share one
Chromium per worker (a second sync Playwright in the same process fails). Screenshots go to test-artifacts/browser/.
"""
