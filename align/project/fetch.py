"""``--fetch``: download the URLs a digest cites, politely, into an on-disk cache.

Each URL is fetched once (cache file named by the URL's SHA-1), with short timeouts and
an identifying User-Agent. The first network failure marks the run offline: later URLs
are not tried, and the caller reports it once and carries on with the files it has.
"""
from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from align.home import cache_dir
from align.io.atomic import write_atomic

TIMEOUT = (5.0, 20.0)  # connect, read (seconds)
USER_AGENT = "align-workbench/0.1 (sentence alignment for translation review)"


def default_cache() -> Path:
    return cache_dir("fetch")


@dataclass(frozen=True)
class FetchResult:
    paths: tuple[Path, ...]  # cached HTML files, one per fetched URL
    notes: tuple[str, ...]


def cache_path(url: str, cache: Path) -> Path:
    return cache / (hashlib.sha1(url.encode("utf-8")).hexdigest()[:20] + ".html")


def fetch_urls(urls: Sequence[str], cache: Path | None = None) -> FetchResult:
    """Fetch every URL not yet cached; never raises for network trouble."""
    import requests

    cache = cache or default_cache()
    paths: list[Path] = []
    notes: list[str] = []
    offline = False
    for url in dict.fromkeys(u for u in urls if u):
        target = cache_path(url, cache)
        if target.is_file():
            paths.append(target)
            notes.append(f"fetch: {url} from cache")
            continue
        if offline:
            continue
        try:
            resp = requests.get(url, timeout=TIMEOUT, headers={"User-Agent": USER_AGENT})
            resp.raise_for_status()
        except requests.RequestException as e:  # offline, refused, timed out, HTTP error
            offline = True
            notes.append(f"fetch: offline or unreachable ({type(e).__name__}: {url}); carrying "
                         "on with the source files given")
            continue
        cache.mkdir(parents=True, exist_ok=True)
        write_atomic(target, resp.content)
        paths.append(target)
        notes.append(f"fetch: {url} downloaded")
    return FetchResult(tuple(paths), tuple(notes))
