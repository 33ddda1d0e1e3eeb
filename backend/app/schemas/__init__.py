from .chat import ChatCompletionRequest, ChatMessage, ChatRequest, OpenAIMessage, ReplyFormat, dump

__all__ = ["ChatCompletionRequest", "ChatMessage", "ChatRequest", "OpenAIMessage", "ReplyFormat", "dump"]
