"""The student: which one (a catalog entry) and how it is built, from a configuration or from pretrained weights."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

import torch
from transformers import (
    AutoModelForCausalLM,
    AutoTokenizer,
    LlamaConfig,
    LlamaForCausalLM,
    PreTrainedModel,
    PreTrainedTokenizerBase,
    Qwen2Config,
    Qwen2ForCausalLM,
)

from switchboard_trainer.errors import BadInput
from switchboard_trainer.tokenizer import prepare_pretrained_tokenizer

ARCHITECTURES = {"llama": (LlamaConfig, LlamaForCausalLM), "qwen2": (Qwen2Config, Qwen2ForCausalLM)}

# Catalog sizes of config-built students: tens to hundreds of thousands of parameters, trained on a CPU in seconds.
SIZES: dict[str, dict[str, int]] = {
    "tiny": {"hidden_size": 64, "intermediate_size": 128, "num_hidden_layers": 2, "num_attention_heads": 4},
    "small": {"hidden_size": 128, "intermediate_size": 256, "num_hidden_layers": 4, "num_attention_heads": 4},
}


@dataclass(frozen=True)
class StudentSpec:
    """The fields of a catalog entry the trainer reads; the catalog's other fields (cost, hardware) are ignored."""

    name: str
    kind: str
    architecture: str = "llama"
    size: str = "tiny"
    base: str | None = None

    @staticmethod
    def parse(value: str) -> StudentSpec:
        """A catalog entry as a JSON object, or the same fields as ``key=value,key=value``."""
        if value.lstrip().startswith("{"):
            try:
                entry = json.loads(value)
            except json.JSONDecodeError as e:
                raise BadInput(f"--student: not valid JSON ({e.msg})") from None
        else:
            pairs = [item.split("=", 1) for item in value.split(",") if item.strip()]
            if any(len(pair) != 2 for pair in pairs):
                raise BadInput("--student: expected a JSON object or key=value pairs separated by commas")
            entry = {key.strip(): val.strip() for key, val in pairs}
        if not isinstance(entry, dict):
            raise BadInput("--student: expected a JSON object")
        return StudentSpec.from_entry(entry)

    @staticmethod
    def from_entry(entry: dict[str, Any]) -> StudentSpec:
        kind = entry.get("kind")
        if kind == "config":
            architecture = entry.get("architecture", "llama")
            size = entry.get("size", "tiny")
            if architecture not in ARCHITECTURES:
                raise BadInput(f"--student: architecture {architecture!r} is not one of {', '.join(ARCHITECTURES)}")
            if size not in SIZES:
                raise BadInput(f"--student: size {size!r} is not one of {', '.join(SIZES)}")
            name = entry.get("name", f"{architecture}-{size}")
            return StudentSpec(name=str(name), kind=kind, architecture=architecture, size=size)
        if kind == "pretrained":
            base = entry.get("base")
            if not isinstance(base, str) or not base:
                raise BadInput("--student: a pretrained student needs 'base' (a Hugging Face id or a mounted path)")
            name = entry.get("name", base.rstrip("/").rsplit("/", 1)[-1])
            return StudentSpec(name=str(name), kind=kind, base=base)
        raise BadInput(f"--student: kind must be 'config' or 'pretrained', not {kind!r}")


def build_from_config(spec: StudentSpec, tokenizer: PreTrainedTokenizerBase, max_length: int) -> PreTrainedModel:
    """A freshly initialised model of the catalog's architecture and size, sized to the tokenizer's vocabulary."""
    config_class, model_class = ARCHITECTURES[spec.architecture]
    dimensions = SIZES[spec.size]
    config = config_class(
        vocab_size=len(tokenizer),
        max_position_embeddings=max_length,
        num_key_value_heads=dimensions["num_attention_heads"] // 2,
        tie_word_embeddings=True,
        pad_token_id=tokenizer.pad_token_id,
        eos_token_id=tokenizer.eos_token_id,
        bos_token_id=None,
        **dimensions,
    )
    return model_class(config)


def load_pretrained(spec: StudentSpec, device: torch.device) -> tuple[PreTrainedModel, PreTrainedTokenizerBase]:
    """The base's weights and tokenizer, from a mounted path or the Hugging Face cache or hub."""
    # bfloat16 halves memory on GPUs that support it; CPUs train in float32.
    dtype = torch.bfloat16 if device.type == "cuda" and torch.cuda.is_bf16_supported() else torch.float32
    try:
        tokenizer = AutoTokenizer.from_pretrained(spec.base)
        model = AutoModelForCausalLM.from_pretrained(spec.base, dtype=dtype)
    except (OSError, ValueError) as e:
        raise BadInput(f"--student: cannot load the base {spec.base!r}: {e}") from None
    prepare_pretrained_tokenizer(tokenizer, spec.base)
    return model, tokenizer


def parameter_counts(model: torch.nn.Module) -> tuple[int, int]:
    """All parameters and the trainable ones (a LoRA student trains only its adapter)."""
    total = sum(p.numel() for p in model.parameters())
    trainable = sum(p.numel() for p in model.parameters() if p.requires_grad)
    return total, trainable
