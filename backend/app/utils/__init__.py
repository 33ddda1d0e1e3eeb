from .chat import filler_tokens, reply_for, tokens_of

__all__ = ["filler_tokens", "reply_for", "tokens_of"]
