"""Switchboard's reference trainer: sequence-level distillation of a teacher's answers into a small student."""
