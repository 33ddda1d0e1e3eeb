"""Settings from the environment, plus an optional `backend/.env` (like the original kha_backend).

No pydantic-settings: Debian's FastAPI does not ship it, and four variables do not need it.
Real environment variables win over `.env`, so tests and the Electron fixtures can override it.
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Optional

VERSION = "0.1.0"
ENV_FILE = Path(__file__).resolve().parents[2] / ".env"


def _load_env_file(path: Path) -> None:
    """Use python-dotenv when installed; otherwise a minimal KEY=VALUE reader (no interpolation)."""
    if not path.is_file():
        return
    try:
        from dotenv import load_dotenv  # type: ignore[import-not-found]
    except ImportError:
        for raw in path.read_text(encoding="utf-8").splitlines():
            line = raw.strip()
            if not line or line.startswith("#") or "=" not in line:
                continue
            key, _, value = line.removeprefix("export ").partition("=")
            value = value.strip()
            if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
                value = value[1:-1]
            os.environ.setdefault(key.strip(), value)
    else:
        load_dotenv(path, override=False)


def _flag(value: Optional[str]) -> bool:
    return (value or "").strip().lower() in {"1", "true", "yes", "on"}


@dataclass(frozen=True)
class Settings:
    service_name: str
    version: str
    # Enables /_test/* (knob store, request log). Header/query knobs work regardless.
    test_mode: bool
    # When set, /v1/* requires `Authorization: Bearer <key>`. Empty means "no key".
    api_key: Optional[str]


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    _load_env_file(ENV_FILE)
    return Settings(
        service_name=os.environ.get("KHA_SERVICE_NAME") or "kha_backend",
        version=VERSION,
        test_mode=_flag(os.environ.get("KHA_TEST_MODE")),
        api_key=os.environ.get("KHA_API_KEY") or None,
    )
