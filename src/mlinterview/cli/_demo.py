"""``mlinterview demo``: one sub-command per registered demo, options from its parameters.

The demo registry is only imported when ``demo`` is invoked, and each demo's command is
built from its :class:`~mlinterview.demos.ParamSpec` list through Typer's public API, so
``mlinterview demo classification-metrics --help`` lists that demo's own parameters with
their bounds. Values are validated by the same ``ParamSpec.parse`` as the web form.
"""

from __future__ import annotations

import inspect
from pathlib import Path
from typing import Any

import typer
from typer.core import TyperGroup

from mlinterview.cli import _output as o

FORMATS = ("png", "svg", "pdf")


def _default_out(demo_id: str) -> Path:
    from mlinterview.study.store import data_dir

    return data_dir() / "demos" / demo_id.replace("/", "-")


def _run(spec, raw: dict[str, Any], out: Path | None, fmt: str, json_: bool) -> None:
    from mlinterview.demos import ParamError
    from mlinterview.demos._figures import save

    if fmt not in FORMATS:
        o.fail(f"--format: expected one of {', '.join(FORMATS)}; got {fmt!r}", code=2)
    try:
        if o.is_terminal() and not json_:
            with o.err().status(f"Running {spec.id}..."):
                outcome = spec.run(**raw)
        else:
            outcome = spec.run(**raw)
    except ParamError as exc:
        o.fail(str(exc), code=2)
    folder = out or _default_out(spec.id)
    try:
        paths = [save(fig, folder / name, fmt) for name, fig in outcome.result.figures.items()]
    except OSError as exc:
        o.fail(f"--out: cannot write the figures to {folder}: {exc.strerror or exc}")
    result = outcome.result
    if json_:
        o.print_json({"demo": spec.id, "params": outcome.params,
                      "seconds": round(outcome.seconds, 3),
                      "table": {"columns": result.table.columns, "rows": result.table.rows},
                      "summary": result.summary, "figures": [str(p) for p in paths]})
        return
    o.say(spec.title, style="bold")
    o.say(", ".join(f"{k}={v}" for k, v in outcome.params.items()), style="dim")
    o.table(result.table.columns, result.table.rows,
            numeric=range(1, len(result.table.columns)))
    if result.summary:
        o.say()
        o.say(result.summary)
    o.say()
    o.say(f"Figures ({outcome.seconds:.2f} s):", style="bold")
    for path in paths:
        o.say(f"  {path}")


def _command_for(spec):
    """A Typer command whose options are the demo's parameters."""
    params = []
    for p in spec.params:
        help_text = (p.param.help + " " if p.param.help else "") + f"[{p.bounds_text}]"
        if p.param.type is bool:
            option = typer.Option(p.default, f"{p.option}/--no-{p.option[2:]}", help=help_text)
            annotation: type = bool
        else:
            option = typer.Option(str(p.default), p.option, help=help_text,
                                  metavar=p.type_name.upper(), show_default=True)
            annotation = str
        params.append(inspect.Parameter(p.name, inspect.Parameter.KEYWORD_ONLY,
                                        default=option, annotation=annotation))
    params += [
        inspect.Parameter("out", inspect.Parameter.KEYWORD_ONLY, annotation=Path,
                          default=typer.Option(None, "--out", "-o",
                                               help="Folder for the figures (default: the "
                                                    "data folder's demos/ID).")),
        inspect.Parameter("fmt", inspect.Parameter.KEYWORD_ONLY, annotation=str,
                          default=typer.Option("png", "--format",
                                               help="Figure format: png, svg or pdf.")),
        inspect.Parameter("json_", inspect.Parameter.KEYWORD_ONLY, annotation=bool,
                          default=typer.Option(False, "--json",
                                               help="Print the table as JSON.")),
    ]
    names = [p.name for p in spec.params]

    def callback(**kwargs: Any) -> None:
        raw = {n: kwargs[n] for n in names}
        _run(spec, raw, kwargs["out"], kwargs["fmt"], kwargs["json_"])

    callback.__signature__ = inspect.Signature(params)
    first = spec.description.split("\n\n")[0].replace("\n", " ") if spec.description else ""
    example = f"Example: mlinterview demo {spec.id}" + (
        f" {spec.params[0].option} {spec.params[0].default}" if spec.params else "")
    sub = typer.Typer(add_completion=False, rich_markup_mode="rich")
    rules = "".join(f"\n\nRule: {r.text}." for r in spec.rules)
    sub.command(name=spec.id, help=f"{spec.title}.\n\n{first}{rules}\n\n{example}")(callback)
    command = typer.main.get_command(sub)
    command.name = spec.id
    return command


class DemoGroup(TyperGroup):
    """Lists demo ids as sub-commands, building each on demand."""

    def list_commands(self, ctx) -> list[str]:
        from mlinterview.demos import registry

        return sorted(registry())

    def get_command(self, ctx, cmd_name: str):
        from mlinterview.demos import registry

        spec = registry().get(cmd_name)
        return _command_for(spec) if spec is not None else None

    def resolve_command(self, ctx, args):
        if args and not args[0].startswith("-") and self.get_command(ctx, args[0]) is None:
            import difflib

            from mlinterview.demos import registry

            close = difflib.get_close_matches(args[0], list(registry()), n=3, cutoff=0.5)
            hint = f"; did you mean {', '.join(close)}?" if close else \
                "; see `mlinterview demo` for the list"
            o.fail(f"no demo {args[0]!r}{hint}", code=2)
        return super().resolve_command(ctx, args)


demo_app = typer.Typer(
    cls=DemoGroup,
    invoke_without_command=True,
    add_completion=False,
    rich_markup_mode="rich",
    help=(
        "Run a topic's demo: prints its table and saves its figures.\n\n"
        "Each demo takes its own options; see mlinterview demo SLUG --help.\n\n"
        "Example: mlinterview demo classification-metrics --threshold 0.3 --out figs"
    ),
)


@demo_app.callback()
def demo_list(ctx: typer.Context) -> None:
    """List the demos when no demo id is given."""
    if ctx.invoked_subcommand is not None:
        return
    from mlinterview.demos import registry

    specs = registry()
    o.table(["demo", "title", "parameters"],
            [[s.id, s.title, ", ".join(p.name for p in s.params)] for s in specs.values()],
            title=f"{len(specs)} demos: run one with mlinterview demo ID [OPTIONS]")
