from . import base, chat, openai

__all__ = ["base", "chat", "openai"]
