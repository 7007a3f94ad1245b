"""OpenAI-compatible server for small students: chat completions (whole or SSE stream), models, health."""

from __future__ import annotations

import json
import logging
import threading
import time
import uuid
from collections.abc import Iterator
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, StreamingResponse
from pydantic import BaseModel, ConfigDict

from switchboard_trainer import generation
from switchboard_trainer.artifact import Student
from switchboard_trainer.data import normalize_messages
from switchboard_trainer.errors import BadInput

LOGGER = logging.getLogger(__name__)


class StreamOptions(BaseModel):
    include_usage: bool = False


class ChatRequest(BaseModel):
    """The fields this server reads; others (temperature, top_p...) are accepted and ignored: decoding is greedy."""

    model_config = ConfigDict(extra="allow")
    model: str
    messages: list[Any]
    stream: bool = False
    stream_options: StreamOptions | None = None
    max_tokens: int | None = None
    max_completion_tokens: int | None = None
    n: int = 1


def error(status: int, message: str, kind: str = "invalid_request_error", code: str | None = None) -> JSONResponse:
    """OpenAI's error body."""
    return JSONResponse(status_code=status, content={"error": {"message": message, "type": kind, "param": None,
                                                               "code": code}})


def create_app(student: Student) -> FastAPI:
    app = FastAPI(title="switchboard-trainer student server")
    created = int(time.time())
    # One model, one CPU: answers are computed one at a time.
    lock = threading.Lock()

    @app.exception_handler(RequestValidationError)
    async def invalid(_: Request, exc: RequestValidationError) -> JSONResponse:
        first = exc.errors()[0]
        if first["type"] == "json_invalid":
            return error(400, "request body: not valid JSON")
        where = ".".join(str(part) for part in first["loc"] if part != "body") or "request body"
        return error(400, f"{where}: {first['msg']}")

    @app.get("/health")
    def health() -> dict[str, str]:
        return {"status": "ok"}

    @app.get("/v1/models")
    def models() -> dict[str, Any]:
        return {"object": "list",
                "data": [{"id": student.name, "object": "model", "created": created, "owned_by": "switchboard"}]}

    @app.post("/v1/chat/completions")
    def chat(body: ChatRequest) -> Any:
        if body.model != student.name:
            return error(404, f"The model '{body.model}' does not exist; this server serves '{student.name}'",
                         code="model_not_found")
        if body.n != 1:
            return error(400, "n: only 1 is supported")
        try:
            messages = normalize_messages(body.messages, "messages")
            answer = generation.start(student, messages, body.max_completion_tokens or body.max_tokens)
        except BadInput as e:
            return error(400, str(e))
        request_id = f"chatcmpl-{uuid.uuid4().hex}"
        if body.stream:
            include_usage = body.stream_options is not None and body.stream_options.include_usage
            return StreamingResponse(_stream(request_id, answer, include_usage),
                                     media_type="text/event-stream")
        started = time.perf_counter()
        with lock:
            text = "".join(answer.deltas())
        _log(request_id, answer, started)
        return {
            "id": request_id, "object": "chat.completion", "created": int(time.time()), "model": student.name,
            "choices": [{"index": 0, "message": {"role": "assistant", "content": text},
                         "finish_reason": answer.finish_reason, "logprobs": None}],
            "usage": _usage(answer),
        }

    def _stream(request_id: str, answer: generation.Generation, include_usage: bool) -> Iterator[str]:
        started = time.perf_counter()
        stamp = int(time.time())

        def chunk(delta: dict[str, str], finish: str | None) -> str:
            data: dict[str, Any] = {"id": request_id, "object": "chat.completion.chunk", "created": stamp,
                                    "model": student.name,
                                    "choices": [{"index": 0, "delta": delta, "finish_reason": finish,
                                                 "logprobs": None}]}
            if include_usage:
                data["usage"] = None
            return f"data: {json.dumps(data)}\n\n"

        with lock:
            yield chunk({"role": "assistant", "content": ""}, None)
            for text in answer.deltas():
                yield chunk({"content": text}, None)
        yield chunk({}, answer.finish_reason)
        if include_usage:
            usage = {"id": request_id, "object": "chat.completion.chunk", "created": stamp, "model": student.name,
                     "choices": [], "usage": _usage(answer)}
            yield f"data: {json.dumps(usage)}\n\n"
        yield "data: [DONE]\n\n"
        _log(request_id, answer, started)

    return app


def _usage(answer: generation.Generation) -> dict[str, int]:
    return {"prompt_tokens": answer.prompt_tokens, "completion_tokens": answer.completion_tokens,
            "total_tokens": answer.prompt_tokens + answer.completion_tokens}


def _log(request_id: str, answer: generation.Generation, started: float) -> None:
    # Counts and ids only: prompts and answers never go to the log.
    LOGGER.info("request=%s prompt_tokens=%d completion_tokens=%d finish=%s ms=%d", request_id,
                answer.prompt_tokens, answer.completion_tokens, answer.finish_reason,
                (time.perf_counter() - started) * 1000)
