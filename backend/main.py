"""Entry point, as in the original kha_backend:

    uvicorn main:app --host 127.0.0.1 --port 8030 --reload      # development
    uvicorn main:app --host 192.168.0.20 --port 8000            # production, internal address only
"""
from app import create_app

app = create_app()

if __name__ == "__main__":
    import uvicorn

    uvicorn.run("main:app", host="127.0.0.1", port=8030)
