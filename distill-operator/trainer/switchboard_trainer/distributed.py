"""Data-parallel training over several processes and nodes, as torchrun starts them (and Kubeflow Trainer's torch
runtime, which runs torchrun on every node): WORLD_SIZE, RANK and LOCAL_RANK in the environment. Every process holds
the whole model and trains on its share of each batch; the gradients are averaged before each step. A single process
(no WORLD_SIZE) trains exactly as before."""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import TypeVar

import torch
import torch.distributed as dist

from switchboard_trainer.errors import BadInput

T = TypeVar("T")


@dataclass(frozen=True)
class World:
    size: int
    rank: int
    local_rank: int

    @property
    def leads(self) -> bool:
        """The process that writes the artifact and metrics.json."""
        return self.rank == 0

    @property
    def joined(self) -> bool:
        return self.size > 1


SINGLE = World(size=1, rank=0, local_rank=0)


def world() -> World:
    """The processes torchrun started, read from its environment."""
    try:
        size = int(os.environ.get("WORLD_SIZE", "1"))
        rank = int(os.environ.get("RANK", "0"))
        local_rank = int(os.environ.get("LOCAL_RANK", "0"))
    except ValueError:
        raise BadInput("WORLD_SIZE, RANK and LOCAL_RANK must be integers (torchrun sets them)") from None
    if size < 1 or not 0 <= rank < size or local_rank < 0:
        raise BadInput(f"RANK {rank} of WORLD_SIZE {size}: the rank must lie in [0, WORLD_SIZE)")
    return World(size, rank, local_rank)


def join(world: World, device: torch.device) -> torch.device:
    """Joins the process group (NCCL on GPUs, Gloo on CPUs); each process on a node takes its own GPU."""
    if not world.joined:
        return device
    if device.type == "cuda":
        device = torch.device("cuda", world.local_rank)
        torch.cuda.set_device(device)
    dist.init_process_group("nccl" if device.type == "cuda" else "gloo")
    return device


def leave(world: World) -> None:
    """Leaves the group without waiting for the others: the leader may still be writing the student, which can take
    longer than a collective's timeout."""
    if world.joined:
        dist.destroy_process_group()


def wrap(model: torch.nn.Module, world: World, device: torch.device) -> torch.nn.Module:
    """The model whose backward pass averages gradients across the processes."""
    if not world.joined:
        return model
    from torch.nn.parallel import DistributedDataParallel

    return DistributedDataParallel(model, device_ids=[device.index] if device.type == "cuda" else None)


def from_leader(value: T, world: World) -> T:
    """The leader's value, in every process (a tokenizer built from the data, say, so that all encode alike)."""
    if not world.joined:
        return value
    box = [value if world.leads else None]
    dist.broadcast_object_list(box, src=0)
    return box[0]


def total(value: float, world: World) -> float:
    """The sum of each process's value."""
    if not world.joined:
        return value
    tensor = torch.tensor([float(value)], dtype=torch.float64)
    if dist.get_backend() == "nccl":
        tensor = tensor.cuda()
    dist.all_reduce(tensor)
    return float(tensor.item())
