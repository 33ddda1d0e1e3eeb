"""Health, a throughput endpoint, and the /_test/* routes (mounted only when KHA_TEST_MODE=1)."""
from __future__ import annotations

from typing import Any, Dict, List, Optional

from fastapi import APIRouter, Body, Query
from fastapi.responses import StreamingResponse

from app.core.config import get_settings
from app.dependencies.chat import store
from app.utils.chat import BULK_MAX, bulk_chunks

router = APIRouter(tags=["base"])
test_router = APIRouter(prefix="/_test", tags=["test"], include_in_schema=False)


@router.get("/health")
async def health() -> Dict[str, str]:
    settings = get_settings()
    return {"status": "ok", "service": settings.service_name, "version": settings.version}


@router.get("/bulk")
async def bulk(size: int = Query(1024 * 1024, alias="bytes", ge=0)) -> StreamingResponse:
    """`bytes` of text/plain, chunked in 64 KiB pieces, capped at 200 MiB (for benchmarks)."""
    return StreamingResponse(bulk_chunks(min(size, BULK_MAX)), media_type="text/plain")


@test_router.get("/knobs")
async def get_knobs_store() -> Dict[str, Any]:
    return store.knobs


@test_router.post("/knobs")
async def set_knobs_store(knobs: Optional[Dict[str, Any]] = Body(None)) -> Dict[str, Any]:
    """Replace the store with these knobs (same snake_case names as the query parameters)."""
    return store.set_knobs(knobs or {})


@test_router.delete("/knobs")
async def clear_knobs_store() -> Dict[str, Any]:
    store.knobs = {}
    return store.knobs


@test_router.get("/requests")
async def recent_requests() -> List[Dict[str, Any]]:
    """The last 50 requests (oldest first), /_test/* excluded."""
    return list(store.requests)


@test_router.delete("/requests")
async def clear_requests() -> Dict[str, bool]:
    store.requests.clear()
    return {"cleared": True}
