"""The distillation dataset: JSONL files of prompts and the teacher's answers (format in README: Dataset format)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from switchboard_trainer.errors import BadInput

# OpenAI's "developer" role is the newer name of "system"; the chat templates know only the latter.
_ROLE_ALIASES = {"system": "system", "developer": "system", "user": "user", "assistant": "assistant"}


@dataclass(frozen=True)
class Example:
    """One prompt (chat messages) and the teacher's answer to it."""

    id: str
    messages: tuple[dict[str, str], ...]
    answer: str


def load_examples(path: Path) -> list[Example]:
    """Reads a JSONL file, one example a line; blank lines are skipped. Raises BadInput naming the line at fault."""
    if not path.is_file():
        raise BadInput(f"{path}: no such file")
    examples = []
    with path.open(encoding="utf-8") as lines:
        for number, line in enumerate(lines, start=1):
            if not line.strip():
                continue
            where = f"{path} line {number}"
            try:
                record = json.loads(line)
            except json.JSONDecodeError as e:
                raise BadInput(f"{where}: not valid JSON ({e.msg})") from None
            examples.append(parse_example(record, where, default_id=f"{path.name}:{number}"))
    if not examples:
        raise BadInput(f"{path}: no examples (expected one JSON object a line)")
    return examples


def parse_example(record: Any, where: str, default_id: str) -> Example:
    """One dataset record: ``messages`` plus ``answer``, or ``messages`` ending with the assistant's answer."""
    if not isinstance(record, dict):
        raise BadInput(f"{where}: expected a JSON object with 'messages'")
    messages = normalize_messages(record.get("messages"), f"{where}: messages")
    answer = record.get("answer")
    if answer is None:
        if not messages or messages[-1]["role"] != "assistant":
            raise BadInput(f"{where}: no 'answer', and the last message is not the assistant's answer")
        answer = messages.pop()["content"]
    elif not isinstance(answer, str):
        raise BadInput(f"{where}: 'answer' must be a string")
    if not answer.strip():
        raise BadInput(f"{where}: the answer is empty")
    if not any(m["role"] == "user" for m in messages):
        raise BadInput(f"{where}: messages: no user message before the answer")
    example_id = record.get("id", default_id)
    return Example(id=str(example_id), messages=tuple(messages), answer=answer)


def normalize_messages(raw: Any, where: str) -> list[dict[str, str]]:
    """Chat messages as role/content strings; content given as OpenAI text parts is joined. Shared with the server."""
    if not isinstance(raw, list) or not raw:
        raise BadInput(f"{where}: expected a non-empty list of messages")
    messages = []
    for index, message in enumerate(raw):
        at = f"{where}[{index}]"
        if not isinstance(message, dict):
            raise BadInput(f"{at}: expected an object with 'role' and 'content'")
        role = _ROLE_ALIASES.get(message.get("role"))
        if role is None:
            raise BadInput(f"{at}.role: must be one of system, developer, user, assistant")
        messages.append({"role": role, "content": _content_text(message.get("content"), f"{at}.content")})
    return messages


def _content_text(content: Any, where: str) -> str:
    if isinstance(content, str):
        return content
    if isinstance(content, list):
        texts = []
        for part in content:
            if not isinstance(part, dict) or part.get("type") != "text" or not isinstance(part.get("text"), str):
                raise BadInput(f"{where}: only text parts ({{'type': 'text', 'text': ...}}) are supported")
            texts.append(part["text"])
        return "".join(texts)
    raise BadInput(f"{where}: must be a string or a list of text parts")
