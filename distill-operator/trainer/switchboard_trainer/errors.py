"""Failures the trainer maps to exit codes (see README: the trainer contract)."""


class BadInput(Exception):
    """Bad arguments or data (exit code 2). The message names the argument, file, line or field that is wrong."""
