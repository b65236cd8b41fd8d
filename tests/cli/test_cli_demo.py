"""``mlinterview demo``: the list, a run with changed parameters, figures on disk, and
parameter errors. The printed table is compared with the demo run directly through its
registry entry (the same function the web form calls)."""

from __future__ import annotations

import json

import pytest

from mlinterview.demos import registry

DEMO = "classification-metrics"
SMALL = ["--n-samples", "2000"]  # keeps each run well under a second


def test_demo_lists_the_registered_demos(cli):
    result = cli("demo")
    assert result.exit_code == 0
    for demo_id, spec in registry().items():
        line = next(line for line in result.stdout.splitlines() if line.startswith(demo_id))
        assert spec.title in line
    assert "threshold" in result.stdout


def test_run_with_a_changed_parameter_writes_figures_and_prints_the_table(cli, tmp_path):
    out = tmp_path / "figs"
    result = cli("demo", DEMO, "--threshold", "0.3", *SMALL, "--out", out)
    assert result.exit_code == 0, result.stderr
    expected = registry()[DEMO].run(threshold="0.3", n_samples="2000").result
    text = result.stdout
    assert "threshold=0.3" in text and "n_samples=2000" in text
    assert " ".join(expected.table.columns) in " ".join(text.split())
    for row in expected.table.rows:
        name = row[0]
        line = next(line for line in text.splitlines() if line.startswith(name + "  "))
        values = [float(v) for v in line[len(name):].split()]
        assert values == pytest.approx([float(v) for v in row[1:]], rel=1e-3, abs=1e-4)
    files = sorted(out.iterdir())
    assert [f.name for f in files] == sorted(f"{name}.png" for name in expected.figures)
    for f in files:
        assert f.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
        assert str(f) in text
    assert expected.summary.split(".")[0] in text


def test_json_and_svg(cli, tmp_path):
    result = cli("demo", DEMO, "--threshold", "0.7", *SMALL, "--out", tmp_path,
                 "--format", "svg", "--json")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    expected = registry()[DEMO].run(threshold="0.7", n_samples="2000").result
    assert data["demo"] == DEMO
    assert data["params"]["threshold"] == 0.7 and data["params"]["n_samples"] == 2000
    assert data["table"]["columns"] == expected.table.columns
    assert data["table"]["rows"] == json.loads(json.dumps(expected.table.rows, default=str))
    assert data["summary"] == expected.summary
    assert {p.rsplit("/", 1)[-1] for p in data["figures"]} == {f"{n}.svg"
                                                             for n in expected.figures}
    assert all((tmp_path / f"{n}.svg").read_text().lstrip().startswith("<?xml")
               for n in expected.figures)


def test_default_folder_is_in_the_data_folder(cli, isolated_home):
    result = cli("demo", DEMO, *SMALL)
    assert result.exit_code == 0
    folder = isolated_home / "demos" / DEMO
    assert sorted(p.suffix for p in folder.iterdir()) == [".png"] * len(list(folder.iterdir()))
    assert str(folder) in result.stdout


@pytest.mark.parametrize(("args", "words"), [
    (["--threshold", "1.5"], ["threshold", "[0, 1]", "1.5"]),
    (["--threshold", "abc"], ["threshold", "abc"]),
    (["--n-samples", "10"], ["n_samples", "10"]),
    (["--n-samples", "2.5"], ["n_samples"]),
    (["--format", "bmp"], ["--format", "png"]),
])
def test_bad_parameter_is_one_line_and_exit_2(cli, tmp_path, args, words):
    result = cli("demo", DEMO, *args, "--out", tmp_path)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1 and result.stderr.startswith("error: ")
    for word in words:
        assert word in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_a_broken_rule_between_parameters_is_one_line_and_exit_2(cli, tmp_path):
    result = cli("demo", "conv-parameters", "--channels", "16", "--groups", "3",
                 "--out", tmp_path)
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr == ("error: groups must divide channels (each group has channels "
                             "/ groups of them); got groups=3, channels=16\n")
    assert list(tmp_path.iterdir()) == []
    shown = " ".join(cli("demo", "conv-parameters", "--help").stdout.split())
    assert "Rule: groups must divide channels" in shown


def test_unknown_demo_suggests(cli):
    result = cli("demo", "classification-metric")
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1 and "classification-metrics" in result.stderr


def test_out_that_is_a_file_is_one_line(cli, tmp_path):
    target = tmp_path / "a-file"
    target.write_text("keep me", encoding="utf-8")
    result = cli("demo", DEMO, *SMALL, "--out", target)
    assert result.exit_code == 1
    assert result.stderr.startswith("error: --out: cannot write") and \
        result.stderr.count("\n") == 1
    assert target.read_text(encoding="utf-8") == "keep me"
