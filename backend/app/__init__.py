"""App factory: routers, the test-mode extras, and OpenAI-shaped errors under /v1."""
from __future__ import annotations

from fastapi import FastAPI, Request
from fastapi.exception_handlers import http_exception_handler, request_validation_exception_handler
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from app.core.config import get_settings
from app.dependencies.chat import RequestRecorder
from app.routes import api_router, test_router


def _is_openai(request: Request) -> bool:
    path = request.url.path
    return path == "/v1" or path.startswith("/v1/")


async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
    if not _is_openai(request):
        return await http_exception_handler(request, exc)
    if isinstance(exc.detail, dict):  # already an OpenAI error object (see require_api_key)
        error = exc.detail
    else:
        kind = "server_error" if exc.status_code >= 500 else "invalid_request_error"
        error = {"message": str(exc.detail), "type": kind, "param": None, "code": None}
    return JSONResponse({"error": error}, status_code=exc.status_code, headers=getattr(exc, "headers", None))


async def validation_error(request: Request, exc: RequestValidationError) -> Response:
    if not _is_openai(request):
        return await request_validation_exception_handler(request, exc)
    errors = exc.errors()
    message = "; ".join(f"{'.'.join(str(p) for p in e['loc'][1:]) or e['loc'][0]}: {e['msg']}" for e in errors)
    param = ".".join(str(p) for p in errors[0]["loc"][1:]) if errors else None
    # 400 like OpenAI (not FastAPI's 422): OpenAI SDKs map 400 to BadRequestError.
    return JSONResponse({"error": {"message": message, "type": "invalid_request_error", "param": param or None, "code": None}}, status_code=400)


def create_app() -> FastAPI:
    settings = get_settings()
    app = FastAPI(title=settings.service_name, version=settings.version)
    app.include_router(api_router)
    if settings.test_mode:
        app.include_router(test_router)
        app.add_middleware(RequestRecorder)
    app.add_exception_handler(StarletteHTTPException, http_error)
    app.add_exception_handler(RequestValidationError, validation_error)
    return app
