"""The student server speaks OpenAI's chat completions: whole answers, SSE streams, models, errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import tickets
import torch
from fastapi.testclient import TestClient

from switchboard_trainer import artifact
from switchboard_trainer.server import create_app

TICKET = [{"role": "system", "content": tickets.SYSTEM},
          {"role": "user", "content": "hello my refund for the invoice please today"}]


@pytest.fixture(scope="module")
def client(trained: Path) -> TestClient:
    return TestClient(create_app(artifact.load(trained, torch.device("cpu"))))


def events(response) -> list[dict | str]:
    lines = [line for line in response.iter_lines() if line]
    assert all(line.startswith("data: ") for line in lines)
    return [line[6:] if line == "data: [DONE]" else json.loads(line[6:]) for line in lines]


def test_whole_answer_in_openai_shape(client: TestClient) -> None:
    response = client.post("/v1/chat/completions", json={"model": "tickets-tiny", "messages": TICKET,
                                                         "temperature": 0.7})

    assert response.status_code == 200
    body = response.json()
    assert body["object"] == "chat.completion" and body["id"].startswith("chatcmpl-")
    assert body["model"] == "tickets-tiny"
    choice = body["choices"][0]
    assert choice["message"]["role"] == "assistant"
    assert choice["message"]["content"] in tickets.CATEGORIES
    assert choice["finish_reason"] == "stop"
    usage = body["usage"]
    assert usage["prompt_tokens"] > 5 and usage["completion_tokens"] >= 2
    assert usage["total_tokens"] == usage["prompt_tokens"] + usage["completion_tokens"]


def test_stream_says_the_same_as_the_whole_answer(client: TestClient) -> None:
    request = {"model": "tickets-tiny", "messages": TICKET, "max_tokens": 6}
    whole = client.post("/v1/chat/completions", json=request).json()

    with client.stream("POST", "/v1/chat/completions",
                       json={**request, "stream": True, "stream_options": {"include_usage": True}}) as response:
        assert response.status_code == 200
        assert response.headers["content-type"].startswith("text/event-stream")
        chunks = events(response)

    assert chunks[-1] == "[DONE]"
    usage_chunk, finish_chunk, content = chunks[-2], chunks[-3], chunks[:-3]
    assert all(c["object"] == "chat.completion.chunk" and c["id"] == content[0]["id"] for c in chunks[:-1])
    assert content[0]["choices"][0]["delta"] == {"role": "assistant", "content": ""}
    streamed = "".join(c["choices"][0]["delta"]["content"] for c in content)
    assert streamed == whole["choices"][0]["message"]["content"]
    assert finish_chunk["choices"][0] == {"index": 0, "delta": {}, "finish_reason": whole["choices"][0]["finish_reason"],
                                          "logprobs": None}
    assert usage_chunk["choices"] == [] and usage_chunk["usage"] == whole["usage"]


def test_stream_without_usage_has_no_usage_chunk(client: TestClient) -> None:
    with client.stream("POST", "/v1/chat/completions",
                       json={"model": "tickets-tiny", "messages": TICKET, "stream": True}) as response:
        chunks = events(response)

    assert chunks[-1] == "[DONE]"
    assert all(c["choices"] and "usage" not in c for c in chunks[:-1])


def test_max_tokens_cuts_the_answer(client: TestClient) -> None:
    body = client.post("/v1/chat/completions", json={"model": "tickets-tiny", "messages": TICKET,
                                                      "max_tokens": 1}).json()

    assert body["choices"][0]["finish_reason"] == "length"
    assert body["usage"]["completion_tokens"] == 1


@pytest.mark.parametrize(("request_body", "status", "message"), [
    ({"model": "tickets-tiny", "messages": []}, 400, "messages: expected a non-empty list"),
    ({"model": "tickets-tiny"}, 400, "messages: Field required"),
    ({"model": "tickets-tiny", "messages": [{"role": "robot", "content": "x"}]}, 400, "messages[0].role"),
    ({"model": "tickets-tiny", "messages": TICKET, "max_tokens": 0}, 400, "max_tokens must be at least 1"),
    ({"model": "tickets-tiny", "messages": TICKET, "n": 2}, 400, "n: only 1"),
    ({"model": "tickets-tiny", "messages": [{"role": "user", "content": "word " * 600}]}, 400,
     "this model takes at most 511"),
    ({"model": "gpt-4o", "messages": TICKET}, 404, "does not exist"),
])
def test_bad_requests_get_openai_errors(client: TestClient, request_body: dict, status: int, message: str) -> None:
    response = client.post("/v1/chat/completions", json=request_body)

    assert response.status_code == status
    error = response.json()["error"]
    assert message in error["message"]
    assert error["type"] == "invalid_request_error"


def test_body_that_is_not_json_gets_an_openai_error(client: TestClient) -> None:
    response = client.post("/v1/chat/completions", content=b"{oops", headers={"content-type": "application/json"})

    assert response.status_code == 400
    assert response.json()["error"]["message"] == "request body: not valid JSON"


def test_models_and_health(client: TestClient) -> None:
    models = client.get("/v1/models").json()
    assert models["object"] == "list"
    assert [m["id"] for m in models["data"]] == ["tickets-tiny"]
    assert client.get("/health").json() == {"status": "ok"}
