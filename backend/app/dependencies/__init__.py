from .chat import Knobs, RequestRecorder, get_knobs, require_api_key, store

__all__ = ["Knobs", "RequestRecorder", "get_knobs", "require_api_key", "store"]
