"""The dashboard's charts show every axis label whole, at 1920x1080 and 1366x768, in both
languages: a trial found the line chart's end time cut at the canvas edge (":35" for "09:35")
on the right-to-left page, where time runs right to left."""

from __future__ import annotations

import io

import pytest
import requests
from PIL import Image
from playwright.sync_api import Page, expect

from tests.e2e.conftest import shot, sign_in
from tests.live import LiveServer

CHARTS = ["chart-line", "chart-hours", "chart-waits"]

# Where Chart.js draws each tick label of each axis (its own label items) and how wide that
# text is in the label's font: the label's left and right in the canvas's CSS pixels.
LABEL_BOXES = """(id) => {
  const chart = Chart.getChart(document.querySelector('#' + id + ' canvas'));
  const ctx = document.createElement('canvas').getContext('2d');
  const out = [];
  for (const scale of Object.values(chart.scales)) {
    for (const item of scale.getLabelItems()) {
      const lines = [].concat(item.label);
      ctx.font = item.font.string;
      const w = Math.max(...lines.map((l) => ctx.measureText(String(l)).width));
      const [x] = item.options.translation;
      const align = item.options.textAlign;
      const left = align === 'center' ? x - w / 2
        : (align === 'right' || align === 'end') ? x - w : x;
      out.push({axis: scale.id, label: lines.join(' '), left, right: left + w,
                rotation: item.options.rotation});
    }
  }
  return {width: chart.width, labels: out};
}"""


def ink_at_edges(png: bytes) -> tuple[int, int]:
    """Pixels of text ink (far darker than the white canvas and its light grey axis lines) in
    the first and the last column: a label cut by the canvas's edge leaves its strokes there."""
    img = Image.open(io.BytesIO(png)).convert("RGB")
    px = img.load()
    assert px is not None

    def column(x: int) -> int:
        return sum(1 for y in range(img.height) if sum(255 - c for c in px[x, y]) > 300)

    return column(0), column(img.width - 1)


def busy_hour(server: LiveServer) -> None:
    kiosk = {"Authorization": f"Bearer {server.token('--role', 'kiosk')}"}
    boss = {"Authorization": f"Bearer {server.token('--role', 'supervisor')}"}
    for code in ["reconciliation", "legalization", "permits", "payments"] * 4:
        r = requests.post(
            f"{server.url}/api/v1/tickets", json={"service": code}, headers=kiosk, timeout=5
        )
        assert r.status_code == 201
    for n in range(1, 6):
        r = requests.post(f"{server.url}/api/v1/windows/{n}/call-next", headers=boss, timeout=5)
        assert r.status_code == 200


@pytest.mark.parametrize("size", [(1920, 1080), (1366, 768)], ids=["1920", "1366"])
@pytest.mark.parametrize("lang", ["ar", "en"])
def test_every_axis_label_is_whole(
    server: LiveServer, page: Page, lang: str, size: tuple[int, int]
) -> None:
    busy_hour(server)
    page.set_viewport_size({"width": size[0], "height": size[1]})
    sign_in(page, server, f"/dashboard?lang={lang}", "sara", "supervisor")
    for chart in CHARTS:
        expect(page.locator(f"#{chart} canvas")).to_be_visible()
    page.wait_for_function(
        "() => Chart.getChart(document.querySelector('#chart-line canvas')).data.labels.length >= 2"
    )
    shot(page, f"dashboard-charts-{lang}-{size[0]}")
    for chart in CHARTS:
        found = page.evaluate(LABEL_BOXES, chart)
        assert found["labels"], chart
        for label in found["labels"]:
            assert label["rotation"] == 0 or label["axis"] != "x", (chart, label)
            whole = label["left"] >= 0 and label["right"] <= found["width"]
            assert whole, f"{chart}: {label['axis']} label {label['label']!r} is cut: {label}"
        canvas = page.locator(f"#{chart} canvas")
        canvas.scroll_into_view_if_needed()
        assert ink_at_edges(canvas.screenshot()) == (0, 0), f"{chart}: ink at the canvas edge"
