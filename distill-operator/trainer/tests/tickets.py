"""A learnable synthetic task: support tickets whose category follows from their words, with a little label noise."""

from __future__ import annotations

import json
import random
from pathlib import Path

CATEGORIES = {
    "billing": ["refund", "invoice", "charged", "payment", "receipt"],
    "account": ["password", "login", "locked", "username", "email"],
    "bug": ["crash", "error", "freezes", "broken", "exception"],
    "shipping": ["delivery", "parcel", "tracking", "courier", "arrived"],
}
FILLER = ["my", "the", "please", "help", "today", "again", "since", "yesterday", "with", "order", "app", "i", "it",
          "is", "was", "not", "hello", "thanks", "urgent", "team", "still", "why", "a", "this"]
SYSTEM = "Classify the support ticket. Answer with one word: billing, account, bug or shipping."


def ticket(rng: random.Random, noise: float, relabel: dict[str, str]) -> dict:
    category = rng.choice(sorted(CATEGORIES))
    words = rng.sample(FILLER, 6) + rng.sample(CATEGORIES[category], 2)
    rng.shuffle(words)
    answer = rng.choice(sorted(CATEGORIES)) if rng.random() < noise else relabel.get(category, category)
    return {"messages": [{"role": "system", "content": SYSTEM}, {"role": "user", "content": " ".join(words)}],
            "answer": answer, "label": category}


def write(path: Path, count: int, seed: int, noise: float = 0.05, relabel: dict[str, str] | None = None) -> list[dict]:
    """Writes count tickets; relabel swaps answers, to make a related task with other rules."""
    rng = random.Random(seed)
    examples = [ticket(rng, noise, relabel or {}) for _ in range(count)]
    path.write_text("".join(json.dumps(e) + "\n" for e in examples), encoding="utf-8")
    return examples
