"""What every command gets: the resolved configuration and a way to open the store."""

from __future__ import annotations

import dataclasses
import json
import sys
from collections.abc import Callable
from typing import Any, TypeVar

import click

from kiosk.config import KioskConfig, load_config, resolve_data_dir
from kiosk.store import Store

F = TypeVar("F", bound=Callable[..., Any])


@dataclasses.dataclass
class CliContext:
    config: KioskConfig

    @classmethod
    def create(cls, data_dir: str | None) -> CliContext:
        return cls(load_config(resolve_data_dir(data_dir)))

    def open_store(self) -> Store:
        """The existing store; a clear error when ``kiosk init`` has not run."""
        return Store(self.config.store_path, must_exist=True)


def pass_cli(fn: F) -> F:
    return click.make_pass_decorator(CliContext)(fn)  # type: ignore[return-value]


def emit_json(document: Any) -> None:
    sys.stdout.write(json.dumps(document, ensure_ascii=False, default=str) + "\n")
    sys.stdout.flush()


def say(message: str) -> None:
    """A human message: stderr, so stdout stays machine-readable."""
    click.echo(message, err=True)
