"""Sequence-level distillation: next-token loss on the teacher's answer tokens only, the prompt masked out."""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass

import torch
from transformers import PreTrainedTokenizerBase, get_linear_schedule_with_warmup

from switchboard_trainer import distributed
from switchboard_trainer.data import Example
from switchboard_trainer.distributed import World
from switchboard_trainer.errors import BadInput
from switchboard_trainer.tokenizer import encode_answer, encode_prompt

LOGGER = logging.getLogger(__name__)
IGNORE = -100  # the label transformers' loss skips


@dataclass(frozen=True)
class TrainSettings:
    epochs: int
    batch_size: int
    learning_rate: float
    max_length: int
    max_steps: int | None
    device: torch.device
    world: World = distributed.SINGLE


@dataclass(frozen=True)
class Encoded:
    input_ids: list[int]
    labels: list[int]


@dataclass(frozen=True)
class TrainResult:
    training_seconds: float
    steps: int
    tokens_seen: int
    answer_tokens_seen: int
    final_train_loss: float
    initial_eval_loss: float | None
    final_eval_loss: float | None


def encode(tokenizer: PreTrainedTokenizerBase, example: Example, max_length: int) -> Encoded:
    """Prompt then answer; labels only on the answer. Too long: the prompt loses its start, then the answer its end."""
    prompt = encode_prompt(tokenizer, example.messages)
    answer = encode_answer(tokenizer, example.answer)[:max_length - 1]
    prompt = prompt[max(0, len(prompt) - (max_length - len(answer))):]
    return Encoded(input_ids=prompt + answer, labels=[IGNORE] * len(prompt) + answer)


def _batch(items: list[Encoded], pad_id: int, device: torch.device) -> dict[str, torch.Tensor]:
    width = max(len(item.input_ids) for item in items)
    ids = [item.input_ids + [pad_id] * (width - len(item.input_ids)) for item in items]
    labels = [item.labels + [IGNORE] * (width - len(item.labels)) for item in items]
    mask = [[1] * len(item.input_ids) + [0] * (width - len(item.input_ids)) for item in items]
    return {
        "input_ids": torch.tensor(ids, device=device),
        "labels": torch.tensor(labels, device=device),
        "attention_mask": torch.tensor(mask, device=device),
    }


def _answer_tokens(batch: dict[str, torch.Tensor]) -> int:
    # The loss predicts token t+1 from position t: the first label never counts.
    return int((batch["labels"][:, 1:] != IGNORE).sum())


@torch.no_grad()
def evaluate(model: torch.nn.Module, items: list[Encoded], settings: TrainSettings, pad_id: int) -> float:
    """Mean loss per answer token over the items."""
    model.eval()
    total, count = 0.0, 0
    for start in range(0, len(items), settings.batch_size):
        batch = _batch(items[start:start + settings.batch_size], pad_id, settings.device)
        tokens = _answer_tokens(batch)
        total += float(model(**batch).loss) * tokens
        count += tokens
    return total / max(count, 1)


def batches(order: list[int], settings: TrainSettings) -> list[list[int]]:
    """This process's share of each batch of one epoch, in order. A batch is batch_size examples however many
    processes train, dealt out among them in turn, so that the steps are those of one process; a last batch too small
    for every process to get one is left out of the epoch."""
    world = settings.world
    whole = [order[start:start + settings.batch_size] for start in range(0, len(order), settings.batch_size)]
    return [batch[world.rank::world.size] for batch in whole if len(batch) >= world.size]


def train(
    model: torch.nn.Module,
    tokenizer: PreTrainedTokenizerBase,
    train_examples: list[Example],
    eval_examples: list[Example],
    settings: TrainSettings,
    seed: int,
) -> TrainResult:
    """AdamW with linear decay over shuffled batches; the order is fixed by the seed, and is the same in every
    process of a distributed run."""
    model.to(settings.device)
    pad_id = tokenizer.pad_token_id
    train_items = [encode(tokenizer, e, settings.max_length) for e in train_examples]
    eval_items = [encode(tokenizer, e, settings.max_length) for e in eval_examples]
    initial_eval = evaluate(model, eval_items, settings, pad_id) if eval_items else None

    batches_per_epoch = len(batches(list(range(len(train_items))), settings))
    if batches_per_epoch == 0:
        raise BadInput(f"{len(train_items)} training examples cannot be shared by {settings.world.size} processes")
    total_steps = batches_per_epoch * settings.epochs
    if settings.max_steps is not None:
        total_steps = min(total_steps, settings.max_steps)
    trainable = [p for p in model.parameters() if p.requires_grad]
    optimizer = torch.optim.AdamW(trainable, lr=settings.learning_rate, weight_decay=0.0)
    schedule = get_linear_schedule_with_warmup(optimizer, max(1, total_steps // 20), total_steps)
    order = torch.Generator().manual_seed(seed)
    net = distributed.wrap(model, settings.world, settings.device)

    model.train()
    step, tokens, answer_tokens, recent_losses = 0, 0, 0, []
    started = time.perf_counter()
    while step < total_steps:
        permutation = torch.randperm(len(train_items), generator=order).tolist()
        for share in batches(permutation, settings):
            if step == total_steps:
                break
            batch = _batch([train_items[i] for i in share], pad_id, settings.device)
            loss = net(**batch).loss
            loss.backward()
            torch.nn.utils.clip_grad_norm_(trainable, 1.0)
            optimizer.step()
            schedule.step()
            optimizer.zero_grad(set_to_none=True)
            step += 1
            tokens += int(batch["attention_mask"].sum())
            answer_tokens += _answer_tokens(batch)
            recent_losses = (recent_losses + [float(loss.detach())])[-batches_per_epoch:]
            if step % 50 == 0 or step == total_steps:
                LOGGER.info("step=%d/%d loss=%.4f tokens=%d", step, total_steps, recent_losses[-1], tokens)
    seconds = time.perf_counter() - started

    final_eval = evaluate(model, eval_items, settings, pad_id) if eval_items else None
    world = settings.world
    return TrainResult(
        training_seconds=seconds,
        steps=step,
        tokens_seen=int(distributed.total(tokens, world)),
        answer_tokens_seen=int(distributed.total(answer_tokens, world)),
        final_train_loss=distributed.total(sum(recent_losses) / len(recent_losses), world) / world.size,
        initial_eval_loss=initial_eval,
        final_eval_loss=final_eval,
    )


# The learning curve: the data fractions trained on before the whole, and how far a projection may miss the bound
# before the run stops (the curve is measured on a sample, and students learn in steps).
CURVE_FRACTIONS = (0.25, 0.5)
CURVE_MARGIN = 0.05
CURVE_SAMPLE = 100


@dataclass(frozen=True)
class CurvePoint:
    fraction: float
    agreement: float


@dataclass(frozen=True)
class Curve:
    """Agreement with the teacher after each fraction, its projection to the whole data, and whether it stopped."""

    points: list[CurvePoint]
    projected: float
    stopped: bool
    results: list[TrainResult]


@torch.no_grad()
def agreement(model: torch.nn.Module, tokenizer: PreTrainedTokenizerBase, examples: list[Example]) -> float:
    """The share of held-out examples whose greedy answer is the teacher's, exactly (surrounding space aside)."""
    from switchboard_trainer import generation
    from switchboard_trainer.artifact import Student

    model.eval()
    student = Student(name="curve", model=model, tokenizer=tokenizer)
    sample = examples[:CURVE_SAMPLE]
    same = 0
    for example in sample:
        limit = len(encode_answer(tokenizer, example.answer)) + 2
        answer, _ = generation.complete(student, example.messages, max_tokens=limit)
        same += answer.strip() == example.answer.strip()
    model.train()
    return same / max(len(sample), 1)


def learning_curve(
    model: torch.nn.Module,
    tokenizer: PreTrainedTokenizerBase,
    train_examples: list[Example],
    eval_examples: list[Example],
    settings: TrainSettings,
    seed: int,
    stop_below: float,
) -> Curve:
    """Trains on growing fractions of the data (half the epochs each), measuring agreement on held-out examples
    after each. The whole run doubles both the data and the epochs of the last fraction, so the projection adds the
    last gain twice; a projection that still misses {@code stop_below} by the margin stops the run. A flat curve far
    below the bound stops; a curve that has just started to rise does not."""
    order = torch.randperm(len(train_examples), generator=torch.Generator().manual_seed(seed)).tolist()
    shuffled = [train_examples[i] for i in order]
    stage = TrainSettings(epochs=max(1, settings.epochs // 2), batch_size=settings.batch_size,
                          learning_rate=settings.learning_rate, max_length=settings.max_length,
                          max_steps=settings.max_steps, device=settings.device, world=settings.world)
    points: list[CurvePoint] = []
    results: list[TrainResult] = []
    for fraction in CURVE_FRACTIONS:
        part = shuffled[:max(1, int(len(shuffled) * fraction))]
        results.append(train(model, tokenizer, part, eval_examples, stage, seed))
        points.append(CurvePoint(fraction, agreement(model, tokenizer, eval_examples)))
        LOGGER.info("learning curve: fraction=%.2f agreement=%.3f", fraction, points[-1].agreement)
    gain = points[-1].agreement - points[-2].agreement
    projected = min(1.0, points[-1].agreement + 2 * max(0.0, gain))
    return Curve(points, projected, projected + CURVE_MARGIN < stop_below, results)
