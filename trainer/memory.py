"""How a worker process asks the C allocator for memory: app wiring, applied once per process at start-up.

An exam page is about 300 KB of HTML, most of it Devanagari, which Python holds two bytes a character: building
it makes a few strings of about 0.5 MB (the questions joined, the page joined, the page encoded). glibc hands
blocks that large straight from the kernel (mmap) and gives them back on free, so every such string paid for
fresh zeroed pages: about 0.5 ms a copy, 2 ms of an exam page's 11 ms of CPU. Serving blocks up to
MMAP_THRESHOLD from the heap, and keeping up to TRIM_THRESHOLD of freed heap for the next request, turns each
copy into a memcpy (about 30 µs). `benchmarks/exam_page.py` and `benchmarks/start_burst.py` show the effect.
"""

from __future__ import annotations

import ctypes
import ctypes.util

# mallopt(3) parameter numbers, from glibc's malloc.h
M_TRIM_THRESHOLD = -1
M_MMAP_THRESHOLD = -3
MMAP_THRESHOLD = 8 * 1024 * 1024  # a page and its copies stay far below this
TRIM_THRESHOLD = 64 * 1024 * 1024  # freed memory a worker keeps at most, rather than returning it at once


def keep_large_blocks() -> bool:
    """Tune glibc's malloc for large, short-lived strings; False (and nothing changed) where there is no glibc."""
    name = ctypes.util.find_library("c")
    try:
        mallopt = ctypes.CDLL(name).mallopt
    except (OSError, AttributeError, TypeError):  # no C library found, or one without mallopt (musl, macOS)
        return False
    mallopt.argtypes, mallopt.restype = (ctypes.c_int, ctypes.c_int), ctypes.c_int
    return bool(mallopt(M_MMAP_THRESHOLD, MMAP_THRESHOLD)) and bool(mallopt(M_TRIM_THRESHOLD, TRIM_THRESHOLD))
