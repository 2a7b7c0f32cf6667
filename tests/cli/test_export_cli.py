"""``race --session FILE --png/--svg/--gif/--mp4``: images and animations headless."""

import xml.etree.ElementTree as ET

import imageio.v2 as iio2
import imageio.v3 as iio

from arena import PRESETS_DIR

from .conftest import run_subprocess

TEXTBOOK = str(PRESETS_DIR / "textbook.json")


def run(*args):
    return run_subprocess(*args, timeout=300)


def test_session_to_png_svg_gif_mp4(tmp_path):
    png, svg, gif, mp4, csv = (tmp_path / n for n in ("r.png", "r.svg", "r.gif", "r.mp4", "r.csv"))
    res = run(
        "race",
        "--session",
        TEXTBOOK,
        "--png",
        str(png),
        "--svg",
        str(svg),
        "--gif",
        str(gif),
        "--mp4",
        str(mp4),
        "--csv",
        str(csv),
    )
    assert res.returncode == 0, res.stderr
    assert f"wrote {png}" in res.stdout and f"wrote {gif}" in res.stdout
    image = iio.imread(png)
    assert image.shape[1] == 2400 and len({tuple(px) for px in image[::37, ::37, :3].reshape(-1, 3)}) > 30
    root = ET.parse(svg).getroot()
    assert root.tag.endswith("svg") and "SGD" in svg.read_text() and "<path" in svg.read_text()
    assert iio.improps(gif, index=None).shape[0] == 31  # textbook: 30 steps, 1 step per frame + the start
    assert iio2.get_reader(str(mp4)).count_frames() == 31
    assert csv.exists()


def test_headless_export_errors_exit_2_and_leave_nothing(tmp_path, cli):
    res = cli("race", "--session", TEXTBOOK, "--gif", str(tmp_path / "missing" / "x.gif"))
    assert res.returncode == 2 and res.stderr.startswith("error: --gif") and "does not exist" in res.stderr
    res = run("race", "--session", TEXTBOOK, "--png", "/proc/ga-test.png")  # found when writing: Qt has loaded
    assert res.returncode == 2 and "Traceback" not in res.stderr
    assert list(tmp_path.iterdir()) == []
