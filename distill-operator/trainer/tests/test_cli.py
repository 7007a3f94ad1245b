"""Bad arguments and data end with exit code 2 and a message naming what is wrong."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from switchboard_trainer.cli import main

TRAINER = Path(__file__).resolve().parents[1]


def test_bad_line_exits_2_naming_the_line_from_the_real_command(tmp_path: Path) -> None:
    # given a dataset whose second line has no answer
    good = {"messages": [{"role": "user", "content": "where is my parcel"}], "answer": "shipping"}
    bad = {"messages": [{"role": "user", "content": "refund please"}]}
    train = tmp_path / "train.jsonl"
    train.write_text(json.dumps(good) + "\n" + json.dumps(bad) + "\n")

    # when the image's command runs on it
    result = subprocess.run([sys.executable, "-m", "switchboard_trainer", "train", "--train", str(train),
                             "--student", "kind=config", "--output", str(tmp_path / "out")],
                            cwd=TRAINER, capture_output=True, text=True, timeout=120)

    # then it fails with 2 and says which line and why
    assert result.returncode == 2
    assert f"{train} line 2: no 'answer', and the last message is not the assistant's answer" in result.stderr
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize(("line", "message"), [
    ("{not json", "line 1: not valid JSON"),
    ('{"messages": [], "answer": "x"}', "line 1: messages: expected a non-empty list"),
    ('{"messages": [{"role": "tool", "content": "x"}], "answer": "x"}', "messages[0].role: must be one of"),
    ('{"messages": [{"role": "user", "content": "x"}], "answer": " "}', "line 1: the answer is empty"),
    ('{"messages": [{"role": "user", "content": 3}], "answer": "x"}', "messages[0].content: must be a string"),
])
def test_bad_data_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str], line: str, message: str) -> None:
    train = tmp_path / "train.jsonl"
    train.write_text(line + "\n")

    code = main(["train", "--train", str(train), "--student", "kind=config", "--output", str(tmp_path / "out")])

    assert code == 2
    assert message in capsys.readouterr().err


@pytest.mark.parametrize(("args", "message"), [
    (["--student", "kind=config,size=huge"], "--student: size 'huge' is not one of tiny, small"),
    (["--student", "kind=remote"], "--student: kind must be 'config' or 'pretrained'"),
    (["--student", "{broken"], "--student: not valid JSON"),
    (["--student", "kind=pretrained"], "a pretrained student needs 'base'"),
    (["--student", "kind=config", "--method", "lora"], "--method lora needs a pretrained student"),
    (["--student", "kind=pretrained,base=/nowhere/model"], "cannot load the base '/nowhere/model'"),
    (["--student", "kind=config", "--epochs", "0"], "--epochs: must be at least 1"),
    (["--student", "kind=config", "--max-steps", "0"], "--max-steps: must be at least 1"),
    (["--student", "kind=config", "--learning-rate", "-1"], "--learning-rate: must be positive"),
])
def test_bad_arguments_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str], args: list[str],
                              message: str) -> None:
    train = tmp_path / "train.jsonl"
    train.write_text('{"messages": [{"role": "user", "content": "hi"}], "answer": "hello"}\n')

    code = main(["train", "--train", str(train), "--output", str(tmp_path / "out"), *args])

    assert code == 2
    assert message in capsys.readouterr().err


def test_missing_file_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["train", "--train", str(tmp_path / "absent.jsonl"), "--student", "kind=config",
                 "--output", str(tmp_path / "out")])

    assert code == 2
    assert "absent.jsonl: no such file" in capsys.readouterr().err


def test_options_come_from_the_environment_too(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    # given the student in the environment instead of a flag
    monkeypatch.setenv("SWITCHBOARD_TRAINER_STUDENT", "kind=config,architecture=gpt9")
    train = tmp_path / "train.jsonl"
    train.write_text('{"messages": [{"role": "user", "content": "hi"}], "answer": "hello"}\n')

    code = main(["train", "--train", str(train), "--output", str(tmp_path / "out")])

    # then it is read (and, here, rejected by name)
    assert code == 2
    assert "--student: architecture 'gpt9' is not one of llama, qwen2" in capsys.readouterr().err


def test_out_of_memory_exits_3(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                               monkeypatch: pytest.MonkeyPatch) -> None:
    # given a training step that runs out of memory
    def exhausted(*_args: object, **_kwargs: object) -> None:
        raise MemoryError()

    monkeypatch.setattr("switchboard_trainer.cli.train", exhausted)
    train = tmp_path / "train.jsonl"
    train.write_text('{"messages": [{"role": "user", "content": "hi"}], "answer": "hello"}\n')

    code = main(["train", "--train", str(train), "--student", "kind=config", "--output", str(tmp_path / "out")])

    assert code == 3
    assert "out of memory" in capsys.readouterr().err
    assert not (tmp_path / "out").exists()
