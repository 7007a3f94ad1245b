"""Greedy decoding, token by token, as text deltas: streamed and whole answers come from the same loop."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

import torch

from switchboard_trainer.artifact import Student
from switchboard_trainer.errors import BadInput
from switchboard_trainer.tokenizer import encode_prompt


@dataclass
class Generation:
    """One answer in progress. Iterate ``deltas()``; then the counts (EOS included) and finish reason are final."""

    student: Student
    prompt_ids: list[int]
    max_tokens: int
    completion_tokens: int = 0
    finish_reason: str | None = None
    _ids: list[int] = field(default_factory=list)

    @property
    def prompt_tokens(self) -> int:
        return len(self.prompt_ids)

    def deltas(self) -> Iterator[str]:
        """New text after each token; held back while the text ends in an incomplete UTF-8 character."""
        tokenizer = self.student.tokenizer
        sent = ""
        for token in self._greedy():
            self._ids.append(token)
            text = tokenizer.decode(self._ids, skip_special_tokens=True)
            if text.startswith(sent) and not text.endswith("\ufffd") and len(text) > len(sent):
                yield text[len(sent):]
                sent = text
        text = tokenizer.decode(self._ids, skip_special_tokens=True)
        if text.startswith(sent) and len(text) > len(sent):
            yield text[len(sent):]

    @torch.inference_mode()
    def _greedy(self) -> Iterator[int]:
        model = self.student.model
        device = next(model.parameters()).device
        inputs = torch.tensor([self.prompt_ids], device=device)
        cache = None
        self.finish_reason = "length"
        while self.completion_tokens < self.max_tokens:
            out = model(input_ids=inputs, past_key_values=cache, use_cache=True)
            cache = out.past_key_values
            token = int(out.logits[0, -1].argmax())
            self.completion_tokens += 1
            if token == self.student.tokenizer.eos_token_id:
                self.finish_reason = "stop"
                return
            yield token
            inputs = torch.tensor([[token]], device=device)


def start(student: Student, messages: list[dict[str, str]], max_tokens: int | None) -> Generation:
    """Encodes the prompt and checks it and the answer fit the model's context."""
    prompt_ids = encode_prompt(student.tokenizer, messages)
    context = student.model.config.max_position_embeddings
    room = context - len(prompt_ids)
    if room <= 0:
        raise BadInput(f"the prompt is {len(prompt_ids)} tokens; this model takes at most {context - 1}")
    if max_tokens is not None and max_tokens < 1:
        raise BadInput("max_tokens must be at least 1")
    return Generation(student, prompt_ids, min(max_tokens or room, room))


def complete(student: Student, messages: list[dict[str, str]], max_tokens: int | None) -> tuple[str, Generation]:
    """The whole answer at once."""
    generation = start(student, messages, max_tokens)
    return "".join(generation.deltas()), generation
