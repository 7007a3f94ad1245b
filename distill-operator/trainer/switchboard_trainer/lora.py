"""LoRA adapters (peft) for pretrained students: only the adapter's weights train and are saved."""

from __future__ import annotations

from dataclasses import dataclass

from peft import LoraConfig, PeftModel, get_peft_model
from transformers import PreTrainedModel


@dataclass(frozen=True)
class LoraSettings:
    rank: int = 16
    alpha: int = 32
    dropout: float = 0.05
    # peft's "all-linear": every linear layer of the blocks, not the output head.
    target_modules: str = "all-linear"


def add_adapter(model: PreTrainedModel, settings: LoraSettings) -> PeftModel:
    """Wraps the model with a fresh adapter and freezes the base's weights."""
    config = LoraConfig(
        r=settings.rank,
        lora_alpha=settings.alpha,
        lora_dropout=settings.dropout,
        target_modules=settings.target_modules,
        task_type="CAUSAL_LM",
    )
    return get_peft_model(model, config)
