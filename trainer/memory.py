"""How a worker process asks the C allocator for memory: app wiring, applied once per process at start-up.

An exam page is about 270,000 characters, most of them Devanagari, which Python holds two bytes each: building it
makes a few strings of about 0.5 MB (the questions joined, the page joined, the page encoded). glibc serves blocks
that large from mmap, or from the top of a heap that it trims again when they are freed; a process in that state
pays for fresh zeroed pages on every such string. Measured in-process (`benchmarks/start_instructions.py`, its
page-fault column): about 425 page faults and 2 ms of system CPU for each candidate's start and exam page. Serving
blocks up to MMAP_THRESHOLD from the heap, and keeping up to TRIM_THRESHOLD of freed heap for the next request,
makes each such string a plain copy (about 30 µs for 400 KB against 500 µs). The price: a worker may hold up to
TRIM_THRESHOLD of freed memory instead of returning it at once.
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
