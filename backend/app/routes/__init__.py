"""All routers. v0 paths are unprefixed (/api_chat, /health) because clients already call them."""
from fastapi import APIRouter

from .v0 import base, chat, openai

api_router = APIRouter()
api_router.include_router(base.router)
api_router.include_router(chat.router)
api_router.include_router(openai.router)

test_router = base.test_router

__all__ = ["api_router", "test_router"]
