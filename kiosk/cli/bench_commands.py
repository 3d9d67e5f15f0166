"""``kiosk bench [NAME] [--json]``: run the benchmarks, print figures and baselines."""

from __future__ import annotations

import tempfile
from pathlib import Path

import click

from kiosk.bench import discover
from kiosk.cli.context import emit_json, say


@click.command()
@click.argument("name", required=False)
@click.option("--json", "as_json", is_flag=True, help="JSON: one object per benchmark.")
@click.option("--quick", is_flag=True, help="A small run that proves it works (not a verdict).")
@click.option("--list", "list_only", is_flag=True, help="List the benchmarks and exit.")
def bench(name: str | None, as_json: bool, quick: bool, list_only: bool) -> None:
    """The project's benchmarks; each prints its figure and its same-run baseline."""
    benchmarks = discover()
    if list_only:
        for bench_name, benchmark in benchmarks.items():
            click.echo(f"{bench_name:10} {benchmark.description}")
        return
    if name is not None and name not in benchmarks:
        raise click.BadParameter(f"unknown benchmark; known: {', '.join(benchmarks)}")
    chosen = [benchmarks[name]] if name else list(benchmarks.values())
    failed = False
    for benchmark in chosen:
        say(f"running {benchmark.name}: {benchmark.description}")
        with tempfile.TemporaryDirectory(prefix=f"kiosk-bench-{benchmark.name}-") as work:
            result = benchmark.run(Path(work), quick)
        failed |= not result.met
        if as_json:
            emit_json(result.to_json())
        else:
            verdict = "goal met" if result.met else "GOAL MISSED"
            click.echo(
                f"{result.name}: {result.value:.3f} {result.unit} vs {result.baseline} "
                f"{result.baseline_value:.3f} {result.unit} (ratio {result.ratio:.4f}; "
                f"goal {result.goal}: {verdict})"
            )
            off = {k: v for k, v in result.details.items() if k.endswith("_encryption_off")}
            if off:  # the same benchmark on a plain store, measured in this run
                click.echo(f"  {result.details.get('encryption', '')}; off: {off}")
    if failed and not quick:
        raise SystemExit(4)
