"""Entry point of the trainer image: ``python -m switchboard_trainer train|serve ...``."""

from switchboard_trainer.cli import main

raise SystemExit(main())
