"""A pretrained student (here a tiny model saved to disk first) trains a LoRA adapter only, which reloads."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import tickets
import torch
from conftest import train_args
from safetensors.torch import load_file

from switchboard_trainer import artifact, generation
from switchboard_trainer.cli import main

SWAP = {"billing": "account", "account": "billing", "bug": "shipping", "shipping": "bug"}


@pytest.fixture(scope="module")
def adapted(data: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A tiny Llama trained on tickets with the labels swapped round, saved as a "pretrained" base; then LoRA-trained
    on the real labels. (A freshly initialised base would not do: its small frozen embeddings cap the logits, so an
    adapter alone cannot make it confident.)"""
    swapped = tmp_path_factory.mktemp("swapped")
    tickets.write(swapped / "train.jsonl", 400, seed=4, relabel=SWAP)
    tickets.write(swapped / "eval.jsonl", 20, seed=5, relabel=SWAP)
    base_run = tmp_path_factory.mktemp("base")
    assert main(train_args(swapped, base_run, "--student", "kind=config,size=tiny", "--epochs", "8")) == 0
    output = tmp_path_factory.mktemp("lora")
    base = base_run / "model"
    student = json.dumps({"name": "tickets-lora", "kind": "pretrained", "base": str(base)})
    assert main(train_args(data, output, "--student", student, "--method", "lora", "--epochs", "4",
                           "--learning-rate", "1e-2", "--lora-rank", "8")) == 0
    return base, output


def test_only_the_adapter_trains(adapted: tuple[Path, Path]) -> None:
    _, output = adapted
    metrics = json.loads((output / "metrics.json").read_text())

    assert 0 < metrics["trainable_parameters"] < metrics["parameters"] / 2
    saved = load_file(output / "adapter" / "adapter_model.safetensors")
    assert saved and all("lora_" in name for name in saved)
    assert sum(t.numel() for t in saved.values()) == metrics["trainable_parameters"]
    # the base answers with the swapped labels; the adapter has taught it the real ones
    print(f"LoRA eval loss: {metrics['initial_eval_loss']:.2f} -> {metrics['final_eval_loss']:.2f}")
    assert metrics["final_eval_loss"] < metrics["initial_eval_loss"] / 4


def test_saved_adapter_reloads_on_its_base(adapted: tuple[Path, Path], data: Path) -> None:
    base, output = adapted
    manifest = json.loads((output / "student.json").read_text())
    adapter_config = json.loads((output / "adapter" / "adapter_config.json").read_text())
    assert manifest["base"] == str(base) == adapter_config["base_model_name_or_path"]

    # when the adapter is loaded twice
    first = artifact.load(output, torch.device("cpu"))
    second = artifact.load(output, torch.device("cpu"))
    prompt = json.loads((data / "test.jsonl").read_text().splitlines()[0])["messages"]

    # then it is in use (not the bare base) and answers the same way each time
    assert type(first.model).__name__ == "PeftModelForCausalLM"
    assert generation.complete(first, prompt, 5)[0] == generation.complete(second, prompt, 5)[0]
