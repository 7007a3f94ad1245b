#!/usr/bin/env python3
"""Writes dev/distill/tickets.jsonl: synthetic support tickets with the label a careful person gives each one.

A ticket is five to eight filler words and up to three keywords of one or two categories. Its `expected` label is the
category with the most keywords (the first in alphabetical order on a tie, `other` with none): the rule the simulated
teacher (`task: tickets`) follows, except for the one answer in twenty where it errs. The evaluation scores student
and teacher against `expected`, so the teacher's errors show as its own accuracy, not as the student's.

    python3 dev/distill/make-tickets.py > dev/distill/tickets.jsonl
"""

import json
import random
import sys

KEYWORDS = {
    "account": ["password", "login", "locked", "username", "email"],
    "billing": ["refund", "invoice", "charged", "payment", "receipt"],
    "bug": ["crash", "error", "freezes", "broken", "exception"],
    "shipping": ["delivery", "parcel", "tracking", "courier", "arrived"],
}
FILLER = ["a", "account", "again", "app", "can", "hello", "help", "i", "is", "it", "my", "need", "not", "order",
          "phone", "please", "since", "still", "team", "thanks", "the", "this", "today", "urgent", "was", "website",
          "week", "why", "with", "yesterday", "you"]
# keywords per category drawn, for the one or two categories a ticket mentions
SHAPES = [(2,), (1,), (1, 1), (), (2, 1)]
SYSTEM = "Classify the support ticket. Answer with one word: account, billing, bug, shipping or other."
COUNT = 2400
SEED = 7


def ticket(rng: random.Random, number: int) -> dict:
    shape = rng.choice(SHAPES)
    categories = rng.sample(sorted(KEYWORDS), len(shape))
    words = rng.sample(FILLER, rng.randint(5, 8))
    counts = dict.fromkeys(KEYWORDS, 0)
    for category, count in zip(categories, shape):
        words += rng.sample(KEYWORDS[category], count)
        counts[category] = count
    rng.shuffle(words)
    most = max(counts.values())
    expected = min(c for c, n in counts.items() if n == most) if most else "other"
    return {"id": f"t-{number}", "messages": [{"role": "system", "content": SYSTEM},
                                             {"role": "user", "content": " ".join(words)}], "expected": expected}


def main() -> None:
    rng = random.Random(SEED)
    for number in range(1, COUNT + 1):
        sys.stdout.write(json.dumps(ticket(rng, number)) + "\n")


if __name__ == "__main__":
    main()
