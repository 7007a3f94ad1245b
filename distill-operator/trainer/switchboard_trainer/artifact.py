"""The trained artifact in the output directory: HF model or LoRA adapter, tokenizer, and student.json."""

from __future__ import annotations

import json
import shutil
from dataclasses import dataclass
from pathlib import Path

import torch
from peft import PeftModel
from transformers import AutoModelForCausalLM, AutoTokenizer, PreTrainedTokenizerBase

from switchboard_trainer.errors import BadInput
from switchboard_trainer.student import StudentSpec

MANIFEST = "student.json"


@dataclass(frozen=True)
class Student:
    """A trained student ready to answer: the model in eval mode and its tokenizer."""

    name: str
    model: torch.nn.Module
    tokenizer: PreTrainedTokenizerBase


def save(output: Path, model: torch.nn.Module, tokenizer: PreTrainedTokenizerBase, spec: StudentSpec,
         method: str) -> None:
    """Full fine-tunes go to ``model/`` (model and tokenizer); LoRA to ``adapter/`` (adapter, tokenizer, base ref).

    An earlier run's artifact in the same directory (another candidate of the job) is replaced, not merged.
    """
    directory = output / ("adapter" if method == "lora" else "model")
    if directory.exists():
        shutil.rmtree(directory)
    model.save_pretrained(directory)
    tokenizer.save_pretrained(directory)
    manifest = {"name": spec.name, "kind": spec.kind, "method": method, "artifact": directory.name}
    if method == "lora":
        manifest["base"] = spec.base
    else:
        manifest["architecture"] = model.config.model_type
    (output / MANIFEST).write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")


def load(output: Path, device: torch.device) -> Student:
    """Reads what save wrote; a LoRA student loads its base (same id or path as in training) plus the adapter."""
    manifest_path = output / MANIFEST
    if not manifest_path.is_file():
        raise BadInput(f"--model: {output} has no {MANIFEST}; expected the output directory of a training run")
    manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    directory = output / manifest["artifact"]
    tokenizer = AutoTokenizer.from_pretrained(directory)
    if manifest["method"] == "lora":
        base = AutoModelForCausalLM.from_pretrained(manifest["base"])
        model = PeftModel.from_pretrained(base, directory)
    else:
        model = AutoModelForCausalLM.from_pretrained(directory)
    model.to(device).eval()
    return Student(name=manifest["name"], model=model, tokenizer=tokenizer)
