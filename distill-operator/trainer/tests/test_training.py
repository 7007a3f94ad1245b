"""A config-built student learns the teacher's answers; metrics and determinism are as the contract says."""

from __future__ import annotations

import json
import random
from pathlib import Path

from conftest import held_out_accuracy, train_args

from switchboard_trainer.cli import main


def test_student_answers_held_out_tickets_far_above_chance(trained: Path, data: Path) -> None:
    # given a student trained on tickets labelled by their words (5% noise), and tickets it never saw
    # when it answers each one greedily
    accuracy = held_out_accuracy(trained, data)

    # then it is right far more often than the 25% of guessing
    print(f"held-out accuracy: {accuracy:.2f}")
    assert accuracy >= 0.9


def test_metrics_report_training_and_a_falling_eval_loss(trained: Path) -> None:
    metrics = json.loads((trained / "metrics.json").read_text())

    assert metrics["student"] == "tickets-tiny"
    assert metrics["device"] == "cpu"
    assert metrics["training_seconds"] > 0
    assert metrics["tokens_seen"] > metrics["answer_tokens_seen"] > 0
    assert metrics["train_tokens_per_second"] > 0
    assert 10_000 < metrics["parameters"] < 1_000_000
    assert metrics["trainable_parameters"] == metrics["parameters"]
    assert metrics["final_eval_loss"] < metrics["initial_eval_loss"] / 10
    assert metrics["final_train_loss"] < 1.0
    print(f"training: {metrics['training_seconds']} s, {metrics['train_tokens_per_second']} tokens/s")


def test_same_seed_same_student(data: Path, tmp_path: Path) -> None:
    # given two short runs with the same seed, of a Qwen2-style student this time
    runs = []
    for name in ("first", "second"):
        code = main(train_args(data, tmp_path / name, "--student", "kind=config,architecture=qwen2,size=tiny",
                               "--max-steps", "5", "--seed", "7"))
        assert code == 0
        runs.append(tmp_path / name)

    # then losses and weights are identical
    first, second = (json.loads((run / "metrics.json").read_text()) for run in runs)
    assert first["final_eval_loss"] == second["final_eval_loss"]
    assert (runs[0] / "model" / "model.safetensors").read_bytes() == (runs[1] / "model" / "model.safetensors").read_bytes()


def test_a_learning_curve_that_cannot_reach_the_bound_stops_early(data: Path, tmp_path: Path) -> None:
    # given tickets whose labels are shuffled among them: nothing in the words tells the answer
    shuffled = tmp_path / "shuffled"
    shuffled.mkdir()
    rows = [json.loads(line) for line in (data / "train.jsonl").read_text().splitlines()]
    answers = [row["answer"] for row in rows]
    random.Random(5).shuffle(answers)
    (shuffled / "train.jsonl").write_text("".join(json.dumps({**row, "answer": answer}) + "\n"
                                                  for row, answer in zip(rows, answers)))
    held_out = [json.loads(line) for line in (data / "eval.jsonl").read_text().splitlines()]
    eval_answers = [row["answer"] for row in held_out]
    random.Random(6).shuffle(eval_answers)
    (shuffled / "eval.jsonl").write_text("".join(json.dumps({**row, "answer": answer}) + "\n"
                                                 for row, answer in zip(held_out, eval_answers)))

    # when a student is held to 90% agreement with them
    code = main(train_args(shuffled, tmp_path / "out", "--student", "kind=config,architecture=llama,size=tiny",
                           "--stop-below", "0.9"))

    # then it stops after half the data, saying why, and its artifact is still there to be evaluated
    assert code == 0
    curve = json.loads((tmp_path / "out" / "metrics.json").read_text())["learning_curve"]
    assert curve["stopped_early"] is True
    assert [point["fraction"] for point in curve["points"]] == [0.25, 0.5]
    assert curve["projected"] < 0.85
    assert (tmp_path / "out" / "student.json").is_file()


def test_a_learning_curve_within_reach_trains_on_all_the_data(data: Path, tmp_path: Path) -> None:
    # when the tickets' own labels are held to 50% agreement
    code = main(train_args(data, tmp_path / "out", "--student", "kind=config,architecture=llama,size=tiny",
                           "--stop-below", "0.5"))

    # then the curve does not stop the run, and training goes on over the whole data
    assert code == 0
    metrics = json.loads((tmp_path / "out" / "metrics.json").read_text())
    assert metrics["learning_curve"]["stopped_early"] is False
    assert metrics["learning_curve"]["projected"] >= 0.45
