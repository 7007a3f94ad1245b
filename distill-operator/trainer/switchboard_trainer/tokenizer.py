"""Tokenizers: a byte-level BPE built from the training data for config-built students, and prompt encoding."""

from __future__ import annotations

from collections.abc import Iterable

from tokenizers import Tokenizer, decoders, models, pre_tokenizers, trainers
from transformers import PreTrainedTokenizerBase, PreTrainedTokenizerFast

from switchboard_trainer.errors import BadInput

PAD, END = "<|pad|>", "<|end|>"
SPECIAL_TOKENS = [PAD, END, "<|system|>", "<|user|>", "<|assistant|>"]

# Each message as <|role|>content<|end|>; the answer follows <|assistant|> and ends with <|end|> (the EOS token).
CHAT_TEMPLATE = (
    "{% for message in messages %}<|{{ message['role'] }}|>{{ message['content'] }}<|end|>{% endfor %}"
    "{% if add_generation_prompt %}<|assistant|>{% endif %}"
)
# For pretrained bases without a template: plain text, so no new tokens (and no embedding resize) are needed.
PLAIN_CHAT_TEMPLATE = (
    "{% for message in messages %}{{ message['role'] }}: {{ message['content'] }}\n{% endfor %}"
    "{% if add_generation_prompt %}assistant: {% endif %}"
)


def build_tokenizer(texts: Iterable[str], vocab_size: int) -> PreTrainedTokenizerFast:
    """Trains a byte-level BPE on the texts: any input encodes without unknown tokens and decodes back exactly."""
    tokenizer = Tokenizer(models.BPE())
    tokenizer.pre_tokenizer = pre_tokenizers.ByteLevel(add_prefix_space=False)
    tokenizer.decoder = decoders.ByteLevel()
    trainer = trainers.BpeTrainer(
        vocab_size=vocab_size,
        special_tokens=SPECIAL_TOKENS,
        initial_alphabet=pre_tokenizers.ByteLevel.alphabet(),
        show_progress=False,
    )
    tokenizer.train_from_iterator(texts, trainer)
    wrapped = PreTrainedTokenizerFast(tokenizer_object=tokenizer, pad_token=PAD, eos_token=END)
    wrapped.chat_template = CHAT_TEMPLATE
    return wrapped


def prepare_pretrained_tokenizer(tokenizer: PreTrainedTokenizerBase, base: str) -> None:
    """Gives a pretrained tokenizer what training needs: a chat template and a padding token; it must have EOS."""
    if tokenizer.eos_token_id is None:
        raise BadInput(f"student base {base!r}: its tokenizer has no EOS token, so answers could not end")
    if tokenizer.chat_template is None:
        tokenizer.chat_template = PLAIN_CHAT_TEMPLATE
    if tokenizer.pad_token is None:
        tokenizer.pad_token = tokenizer.eos_token


def encode_prompt(tokenizer: PreTrainedTokenizerBase, messages: Iterable[dict[str, str]]) -> list[int]:
    """The prompt's token ids up to and including the assistant's turn marker."""
    text = tokenizer.apply_chat_template(list(messages), add_generation_prompt=True, tokenize=False)
    # The template writes any BOS itself; letting the tokenizer add one again would double it.
    return tokenizer(text, add_special_tokens=False)["input_ids"]


def encode_answer(tokenizer: PreTrainedTokenizerBase, answer: str) -> list[int]:
    """The answer's token ids followed by EOS, so the student learns where to stop."""
    return tokenizer(answer, add_special_tokens=False)["input_ids"] + [tokenizer.eos_token_id]
