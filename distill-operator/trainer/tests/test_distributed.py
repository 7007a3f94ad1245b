"""Data-parallel training under torchrun: the processes share each batch, and the first writes the student."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import torch
from conftest import held_out_accuracy

from switchboard_trainer.distributed import World
from switchboard_trainer.training import TrainSettings, batches


def settings(world: World) -> TrainSettings:
    return TrainSettings(epochs=1, batch_size=4, learning_rate=1e-3, max_length=64, max_steps=None,
                         device=torch.device("cpu"), world=world)


def test_processes_deal_each_batch_out_and_together_see_the_epoch_once() -> None:
    order = list(range(19))

    shares = [batches(order, settings(World(size=2, rank=rank, local_rank=rank))) for rank in (0, 1)]

    # 4 examples a batch, 2 for each process: four full batches, then one of 3, which both get a part of
    assert [len(share) for share in shares[0]] == [2, 2, 2, 2, 2]
    assert [len(share) for share in shares[1]] == [2, 2, 2, 2, 1]
    assert shares[0][0] == [0, 2] and shares[1][0] == [1, 3]
    seen = [i for rank in shares for share in rank for i in share]
    assert sorted(seen) == order
    # one process alone: batches in order, the last one short
    assert batches(order, settings(World(size=1, rank=0, local_rank=0)))[-1] == [16, 17, 18]


def test_a_last_batch_too_small_to_share_is_left_out() -> None:
    shares = batches(list(range(9)), settings(World(size=2, rank=1, local_rank=1)))

    assert shares == [[1, 3], [5, 7]]


def test_two_processes_under_torchrun_train_the_student_one_process_would(data: Path, trained: Path,
                                                                          tmp_path: Path) -> None:
    # given the session's student, trained by one process on the same data with the same settings
    alone = json.loads((trained / "metrics.json").read_text())

    # when two processes train it under torchrun, as Kubeflow Trainer runs the trainer (gloo on the CPU)
    output = tmp_path / "student"
    command = [sys.executable, "-m", "torch.distributed.run", "--standalone", "--nproc_per_node", "2",
               "--module", "switchboard_trainer", "train", "--train", str(data / "train.jsonl"),
               "--eval", str(data / "eval.jsonl"), "--output", str(output), "--threads", "1",
               "--student", '{"name": "tickets-tiny", "kind": "config", "architecture": "llama", "size": "tiny"}']
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "TOKENIZERS_PARALLELISM": "false", "OMP_NUM_THREADS": "1"}
    run = subprocess.run(command, env=env, capture_output=True, text=True, timeout=600)
    assert run.returncode == 0, run.stderr[-3000:]

    # then the processes shared each batch: the same steps over the same examples, and as low a loss
    metrics = json.loads((output / "metrics.json").read_text())
    assert metrics["processes"] == 2
    assert metrics["steps"] == alone["steps"] == 8 * 25  # 400 examples, 16 a step, 8 epochs
    assert metrics["tokens_seen"] == alone["tokens_seen"]
    assert metrics["answer_tokens_seen"] == alone["answer_tokens_seen"]
    assert metrics["initial_eval_loss"] == alone["initial_eval_loss"]
    assert metrics["final_eval_loss"] < alone["initial_eval_loss"] / 10

    # and the student it wrote answers held-out tickets far above the 25% of guessing
    accuracy = held_out_accuracy(output, data)
    print(f"two processes: {metrics['training_seconds']} s, held-out accuracy {accuracy:.2f}")
    assert accuracy >= 0.9
