"""Command line: ``train`` and ``serve``, exit codes 0 ok, 1 other, 2 bad arguments or data, 3 out of memory."""

from __future__ import annotations

import argparse
import dataclasses
import json
import logging
import os
import platform
import sys
from pathlib import Path

import torch
import transformers

from switchboard_trainer import artifact, distributed, lora
from switchboard_trainer.data import load_examples
from switchboard_trainer.distributed import World
from switchboard_trainer.errors import BadInput
from switchboard_trainer.student import StudentSpec, build_from_config, load_pretrained, parameter_counts
from switchboard_trainer.tokenizer import build_tokenizer
from switchboard_trainer.training import TrainResult, TrainSettings, learning_curve, train

LOGGER = logging.getLogger("switchboard_trainer")
ENV_PREFIX = "SWITCHBOARD_TRAINER_"
# Defaults by what trains: a student built from a configuration starts from random weights and needs more passes
# (faster rates stalled on a plateau of guessing the commonest answer); pretrained weights need gentler steps,
# adapters in between.
LEARNING_RATES = {("config", "full"): 1e-3, ("pretrained", "full"): 2e-5, ("pretrained", "lora"): 2e-4}
EPOCHS = {"config": 8, "pretrained": 3}


class _Parser(argparse.ArgumentParser):
    """argparse, with every option's default also readable from SWITCHBOARD_TRAINER_<OPTION> (flags win).

    argparse applies an option's type to a string default, so values from the environment are converted too."""

    def add_argument(self, *names: str, **kwargs):  # type: ignore[override]
        option = next((n for n in names if n.startswith("--")), None)
        if option is not None:
            env = os.environ.get(ENV_PREFIX + option[2:].upper().replace("-", "_"))
            if env is not None:
                kwargs["default"] = env
                kwargs["required"] = False
        return super().add_argument(*names, **kwargs)


def parser() -> argparse.ArgumentParser:
    root = argparse.ArgumentParser(prog="python -m switchboard_trainer",
                                   description="Distil a teacher's answers into a small student; serve it.")
    commands = root.add_subparsers(dest="command", required=True, parser_class=_Parser)

    fit = commands.add_parser("train", help="fine-tune a student on the teacher's answers")
    fit.add_argument("--train", type=Path, required=True, help="training examples (JSONL)")
    fit.add_argument("--eval", type=Path, help="held-out examples (JSONL), for the eval loss in metrics.json")
    fit.add_argument("--student", required=True,
                     help='catalog entry as JSON, or key=value pairs: kind=config,architecture=llama,size=tiny')
    fit.add_argument("--method", choices=["full", "lora"], default="full")
    fit.add_argument("--output", type=Path, required=True, help="directory for the artifact and metrics.json")
    fit.add_argument("--epochs", type=int, help="default by kind (see README)")
    fit.add_argument("--max-steps", type=int, help="stop after this many optimizer steps")
    fit.add_argument("--batch-size", type=int, default=16)
    fit.add_argument("--learning-rate", type=float, help="default by kind and method (see README)")
    fit.add_argument("--max-length", type=int, default=512, help="tokens of prompt and answer together")
    fit.add_argument("--vocab-size", type=int, default=2000, help="BPE vocabulary of a config-built student")
    fit.add_argument("--lora-rank", type=int, default=16)
    fit.add_argument("--lora-alpha", type=int, default=32)
    fit.add_argument("--lora-dropout", type=float, default=0.05)
    fit.add_argument("--seed", type=int, default=0)
    fit.add_argument("--stop-below", type=float,
                     help="stop early when the learning curve projects an exact agreement with the teacher's "
                          "held-out answers below this (0 to 1); needs --eval")
    fit.add_argument("--device", default="auto", help="auto, cpu, cuda, cuda:N")
    fit.add_argument("--threads", type=int, help="CPU threads for torch")

    serve = commands.add_parser("serve", help="OpenAI-compatible server for a trained student")
    serve.add_argument("--model", type=Path, required=True, help="output directory of a training run")
    serve.add_argument("--host", default="0.0.0.0")
    serve.add_argument("--port", type=int, default=8000)
    serve.add_argument("--device", default="auto")
    serve.add_argument("--threads", type=int)
    return root


def main(argv: list[str] | None = None) -> int:
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s %(message)s")
    args = parser().parse_args(argv)
    try:
        if args.threads:
            torch.set_num_threads(args.threads)
        device = _device(args.device)
        if args.command == "train":
            world = distributed.world()
            run_training(args, distributed.join(world, device), world)
            distributed.leave(world)
        else:
            run_server(args, device)
        return 0
    except BadInput as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    except (torch.OutOfMemoryError, MemoryError) as e:
        print(f"error: out of memory ({type(e).__name__}); try a smaller --batch-size or --max-length",
              file=sys.stderr)
        return 3
    except Exception:
        LOGGER.exception("failed")
        return 1


def _device(name: str) -> torch.device:
    if name == "auto":
        return torch.device("cuda" if torch.cuda.is_available() else "cpu")
    if name.startswith("cuda") and not torch.cuda.is_available():
        raise BadInput(f"--device: {name} asked for, but no CUDA device is available")
    try:
        return torch.device(name)
    except RuntimeError:
        raise BadInput(f"--device: {name!r} is not a device (auto, cpu, cuda, cuda:N)") from None


def run_training(args: argparse.Namespace, device: torch.device, world: World = distributed.SINGLE) -> None:
    """Trains, and writes the artifact and metrics.json; of several processes (torchrun), the first writes."""
    spec = StudentSpec.parse(args.student)
    if spec.kind == "config" and args.method == "lora":
        raise BadInput("--method lora needs a pretrained student (kind=pretrained); a config-built one trains full")
    for name in ("epochs", "batch_size", "max_length", "vocab_size", "max_steps", "lora_rank"):
        if getattr(args, name) is not None and getattr(args, name) < 1:
            raise BadInput(f"--{name.replace('_', '-')}: must be at least 1")
    if args.learning_rate is not None and args.learning_rate <= 0:
        raise BadInput("--learning-rate: must be positive")
    if args.stop_below is not None and not (0 < args.stop_below <= 1 and args.eval):
        raise BadInput("--stop-below: must be above 0 and at most 1, with --eval")
    train_examples = load_examples(args.train)
    eval_examples = load_examples(args.eval) if args.eval else []
    LOGGER.info("student=%s kind=%s method=%s train_examples=%d eval_examples=%d device=%s process=%d/%d",
                spec.name, spec.kind, args.method, len(train_examples), len(eval_examples), device, world.rank + 1,
                world.size)

    transformers.set_seed(args.seed)
    if spec.kind == "config":
        texts = [m["content"] for e in train_examples for m in e.messages] + [e.answer for e in train_examples]
        tokenizer = distributed.from_leader(build_tokenizer(texts, args.vocab_size) if world.leads else None, world)
        model = build_from_config(spec, tokenizer, args.max_length)
    else:
        model, tokenizer = load_pretrained(spec, device)
    if args.method == "lora":
        model = lora.add_adapter(model, lora.LoraSettings(args.lora_rank, args.lora_alpha,
                                                          args.lora_dropout))
    total, trainable = parameter_counts(model)

    rate = args.learning_rate if args.learning_rate else LEARNING_RATES[(spec.kind, args.method)]
    settings = TrainSettings(epochs=args.epochs or EPOCHS[spec.kind], batch_size=args.batch_size, learning_rate=rate,
                             max_length=args.max_length,
                             max_steps=args.max_steps, device=device, world=world)
    curve = None
    results: list[TrainResult] = []
    if args.stop_below is not None:
        curve = learning_curve(model, tokenizer, train_examples, eval_examples, settings, args.seed, args.stop_below)
        # one decision for every process: one that trained on alone would wait for the others for ever
        curve = dataclasses.replace(curve, stopped=distributed.from_leader(curve.stopped, world))
        results.extend(curve.results)
        if curve.stopped:
            LOGGER.info("stopped early: projected agreement %.3f is below --stop-below %s", curve.projected,
                        args.stop_below)
    if curve is None or not curve.stopped:
        results.append(train(model, tokenizer, train_examples, eval_examples, settings, args.seed))
    result = results[-1]
    seconds = sum(r.training_seconds for r in results)
    tokens_seen = sum(r.tokens_seen for r in results)
    if not world.leads:
        return

    args.output.mkdir(parents=True, exist_ok=True)
    artifact.save(args.output, model, tokenizer, spec, args.method)
    metrics = {
        "student": spec.name, "kind": spec.kind, "method": args.method, "seed": args.seed,
        "device": str(device), "device_name": _device_name(device), "processes": world.size,
        "training_seconds": round(seconds, 3), "steps": sum(r.steps for r in results),
        "train_examples": len(train_examples), "eval_examples": len(eval_examples),
        "tokens_seen": tokens_seen, "answer_tokens_seen": sum(r.answer_tokens_seen for r in results),
        "train_tokens_per_second": round(tokens_seen / seconds, 1),
        "final_train_loss": result.final_train_loss,
        "initial_eval_loss": results[0].initial_eval_loss, "final_eval_loss": result.final_eval_loss,
        "parameters": total, "trainable_parameters": trainable,
        "versions": {"torch": torch.__version__, "transformers": transformers.__version__},
    }
    if curve is not None:
        metrics["learning_curve"] = {
            "points": [{"fraction": p.fraction, "agreement": round(p.agreement, 4)} for p in curve.points],
            "projected": round(curve.projected, 4), "stop_below": args.stop_below, "stopped_early": curve.stopped,
        }
    (args.output / "metrics.json").write_text(json.dumps(metrics, indent=2) + "\n", encoding="utf-8")
    LOGGER.info("done steps=%d seconds=%.1f tokens_per_second=%.0f eval_loss=%s", metrics["steps"], seconds,
                metrics["train_tokens_per_second"], result.final_eval_loss)


def _device_name(device: torch.device) -> str:
    if device.type == "cuda":
        return torch.cuda.get_device_name(device)
    return platform.processor() or platform.machine()


def run_server(args: argparse.Namespace, device: torch.device) -> None:
    import uvicorn

    from switchboard_trainer.server import create_app

    student = artifact.load(args.model, device)
    LOGGER.info("serving student=%s port=%d device=%s", student.name, args.port, device)
    uvicorn.run(create_app(student), host=args.host, port=args.port, log_level="info")
