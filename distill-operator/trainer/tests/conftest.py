"""Shared fixtures: the synthetic ticket data and one small student trained on it for the whole session."""

from __future__ import annotations

import json
import os

# Never reach a hub from tests; set before transformers is imported.
os.environ["HF_HUB_OFFLINE"] = "1"
os.environ["TOKENIZERS_PARALLELISM"] = "false"

from pathlib import Path  # noqa: E402

import pytest  # noqa: E402
import tickets  # noqa: E402
import torch  # noqa: E402

from switchboard_trainer.cli import main  # noqa: E402

# The build machines are shared: one thread (two threads slowed training 18-fold when the cores were busy).
torch.set_num_threads(1)


@pytest.fixture(scope="session")
def data(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """train.jsonl (5% label noise), eval.jsonl, and test.jsonl (held out, never seen in training)."""
    directory = tmp_path_factory.mktemp("data")
    tickets.write(directory / "train.jsonl", 400, seed=1)
    tickets.write(directory / "eval.jsonl", 60, seed=2, noise=0.0)
    tickets.write(directory / "test.jsonl", 100, seed=3, noise=0.0)
    return directory


def train_args(data: Path, output: Path, *extra: str) -> list[str]:
    return ["train", "--train", str(data / "train.jsonl"), "--eval", str(data / "eval.jsonl"),
            "--output", str(output), *extra]


@pytest.fixture(scope="session")
def trained(data: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A tiny Llama-style student, fully fine-tuned for a few seconds on the CPU (the default 8 epochs)."""
    output = tmp_path_factory.mktemp("student")
    code = main(train_args(data, output, "--student", '{"name": "tickets-tiny", "kind": "config", '
                                                     '"architecture": "llama", "size": "tiny"}'))
    assert code == 0
    return output


def held_out_accuracy(output: Path, data: Path) -> float:
    """The share of the never-seen tickets (test.jsonl) that the student in output labels right, answering greedily."""
    from switchboard_trainer import artifact, generation

    student = artifact.load(output, torch.device("cpu"))
    held_out = [json.loads(line) for line in (data / "test.jsonl").read_text().splitlines()]
    answers = [generation.complete(student, ticket["messages"], max_tokens=8)[0] for ticket in held_out]
    return sum(a.strip() == t["label"] for a, t in zip(answers, held_out)) / len(held_out)
