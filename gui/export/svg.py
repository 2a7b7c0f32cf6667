"""SVG of one plot (pyqtgraph's SVGExporter, which clips curves to the plot area) or of the
window's three panels placed as on screen.

Qt's own SVG generator has no clipping, so a path that leaves the view would run
across the axes. Curves, markers and text stay vectors; the colour map is an
embedded bitmap; the "Show:" selectors are left out.
"""

from __future__ import annotations

import re
from xml.sax.saxutils import escape as xml_escape

import pyqtgraph as pg
import pyqtgraph.exporters  # noqa: F401 - registers SVGExporter
from PySide6 import QtCore, QtGui, QtWidgets

from export.files import ExportError, reason

from ..i18n import tr
from .png import plot_rect, window_pieces


def render_item_svg(item: pg.GraphicsItem, background: QtGui.QColor) -> bytes:
    """SVG of one plot item through pyqtgraph's SVGExporter (it clips curves to the plot)."""
    exporter = pg.exporters.SVGExporter(item)
    exporter.parameters()["background"] = background
    try:
        data = exporter.export(toBytes=True)
    except Exception as exc:  # noqa: BLE001 - pyqtgraph raises anything (see PLATFORM_NOTES)
        raise ExportError(tr("the SVG exporter failed ({reason})").format(reason=reason(exc))) from None
    if not data:
        raise ExportError(tr("the SVG exporter failed (returned {data})").format(data=repr(data)))
    return data


def svg_body(text: str, prefix: str) -> tuple[str, str]:
    """(viewBox, content) of a pyqtgraph SVG document, every id prefixed so several
    documents can sit in one file."""
    root = re.search(r"<svg\b[^>]*>", text)
    if root is None or "</svg>" not in text:
        raise ExportError(tr("the SVG exporter wrote no <svg> document"))
    view_box = re.search(r'viewBox\s*=\s*"([^"]+)"', root.group(0))
    body = text[root.end() : text.rindex("</svg>")]
    body = re.sub(r"<title>.*?</title>|<desc>.*?</desc>", "", body, flags=re.S)
    body = re.sub(r'\bid="([^"]+)"', lambda m: f'id="{prefix}{m.group(1)}"', body)
    body = re.sub(r"url\(#([^)]+)\)", lambda m: f"url(#{prefix}{m.group(1)})", body)
    body = re.sub(r'((?:xlink:)?href)="#([^"]+)"', lambda m: f'{m.group(1)}="#{prefix}{m.group(2)}"', body)
    return (view_box.group(1) if view_box else None), body


def svg_text(label: QtWidgets.QLabel, root: QtWidgets.QWidget) -> str:
    """A QLabel's text as an SVG <text> where the label sits in ``root``."""
    font = label.font()
    info = QtGui.QFontInfo(font)
    metrics = QtGui.QFontMetricsF(font)
    rect = label.contentsRect()
    origin = label.mapTo(root, QtCore.QPoint(0, 0))
    x = origin.x() + rect.x()
    y = origin.y() + rect.y() + (rect.height() - metrics.height()) / 2 + metrics.ascent()
    weight = "bold" if font.bold() else "normal"
    color = label.palette().color(QtGui.QPalette.ColorRole.WindowText).name()
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" font-family="{xml_escape(info.family())}" '
        f'font-size="{info.pixelSize()}" font-weight="{weight}" fill="{color}">'
        f"{xml_escape(label.text())}</text>"
    )


def render_window_svg(window, background: QtGui.QColor, width: int | None = None) -> bytes:
    """SVG of the window's three panels laid out as on screen (``window.splitter``).

    Each plot is pyqtgraph's SVG of it (vector curves and text, clipped to the
    plot area; the colour map embedded as a bitmap), placed where it sits in the
    splitter; the loss and learning-rate titles are text where their labels are.
    The "Show:" selectors are left out. ``width`` sets the nominal size only."""
    root = window.splitter
    w, h = root.width(), root.height()
    if w < 1 or h < 1:
        raise ExportError(tr("the window has no size yet (is it shown?)"))
    parts = []
    for i, (view, label) in enumerate(window_pieces(window)):
        if not view.isVisibleTo(root) or view.width() < 1 or view.height() < 1:
            continue
        view_box, body = svg_body(render_item_svg(view.plotItem, background).decode("utf-8"), f"p{i}_")
        box = plot_rect(view, root)
        origin = box.topLeft()
        # a group, not a nested <svg>: SVG Tiny readers (Qt's own) skip nested documents
        sx = sy = 1.0
        if view_box:
            _, _, vw, vh = (float(v) for v in view_box.replace(",", " ").split())
            sx, sy = box.width() / max(vw, 1e-9), box.height() / max(vh, 1e-9)
        parts.append(f'<g transform="translate({origin.x()},{origin.y()}) scale({sx:.6g},{sy:.6g})">{body}</g>')
        if label is not None and label.isVisibleTo(root) and label.text():
            parts.append(svg_text(label, root))
    nominal_w = w if width is None else width
    nominal_h = h if width is None else max(1, round(h * width / w))
    fill = f'<rect width="100%" height="100%" fill="{background.name()}"/>\n' if background.alpha() else ""
    doc = (
        '<?xml version="1.0" encoding="UTF-8" standalone="no"?>\n'
        f'<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" version="1.1" '
        f'width="{nominal_w}" height="{nominal_h}" viewBox="0 0 {w} {h}">\n'
        "<title>Gradient Arena</title>\n" + fill + "\n".join(parts) + "\n</svg>\n"
    )
    return doc.encode("utf-8")
