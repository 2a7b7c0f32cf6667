"""PanelLegend: a legend laid out in its plot's own grid, in a row under the x axis,
so it never covers a curve; racer pens and legend samples that keep 10+ racers apart.

The legend is part of the PlotItem (``side="bottom"``: row 4 of its layout,
spanning the axes and the view, entries wrapped into as many columns as the
plot's width allows; ``side="right"``: one column right of the view), so exports
of the plot carry it. Hidden racers leave the legend and come back in their
place when shown again.

A legend that would take more than ``ROOM_SHARE`` of its plot's height (ten racers
under a short loss panel on a small screen) steps aside on screen: the map's legend,
the racer list and the leaderboard name the same colours and markers there. Image
exports of the panel show it again (``shown_for_export``).
"""

from __future__ import annotations

import pyqtgraph as pg
from PySide6 import QtCore, QtGui, QtWidgets

from arena.palette import dash_for, symbol_for

LEGEND_ROW = 4  # PlotItem layout: 0 title, 1 top axis, 2 view and side axes, 3 bottom axis
ROW_HEIGHT = 18  # a row of entries: labels 22 px tall, overlapping by the legend's -6 px spacing (+4 at the end)
ROOM_SHARE = 0.3  # of the plot's height, at most, for a legend under it
MAX_SIDE_COLUMNS = 2  # a legend beside the plot wraps into a second column, then steps aside
SAMPLE_WIDTH = 20


def racer_pen(color: str, width: float = 2.0, alpha: int | None = None) -> QtGui.QPen:
    """The racer's line: its colour, solid for the first six palette slots, dashed for the next six."""
    qcolor = QtGui.QColor(color)
    if alpha is not None:
        qcolor.setAlpha(alpha)
    pen = pg.mkPen(qcolor, width=width)
    if dash_for(color) == "dash":
        pen.setStyle(QtCore.Qt.PenStyle.DashLine)
    return pen


def racer_sample(color: str, with_line: bool = True) -> pg.PlotDataItem:
    """A data-less item that a legend draws as the racer's line and marker."""
    pen = racer_pen(color, 2.2) if with_line else None
    sample = pg.PlotDataItem(pen=pen)
    sample.opts["symbol"] = symbol_for(color)
    # an item without data never hands its symbol style to its scatter: set it directly
    sample.scatter.setSymbol(symbol_for(color))
    sample.scatter.setSize(9)
    sample.scatter.setBrush(pg.mkBrush(QtGui.QColor(color)))
    sample.scatter.setPen(pg.mkPen("w"))
    return sample


class PanelLegend(pg.LegendItem):
    """Legend entries in rows under a PlotItem's x axis (``items`` holds the shown ones)."""

    def __init__(self, plot: pg.PlotItem, side: str = "bottom", room_share: float = ROOM_SHARE):
        super().__init__(
            horSpacing=6, verSpacing=-6, labelTextSize="9pt", labelTextColor=(35, 35, 35), frame=False, colCount=1
        )
        self.layout.setContentsMargins(0, 0, 0, 0)  # the style's default margins push the last row out of the plot
        self.side = side
        self.entries: list[list] = []  # [sample item, name, shown]
        self.plot = plot
        self.room_share = room_share
        self.squeezed = False  # stepped aside for lack of room (on screen only)
        self.forced = False  # shown whatever the room (during an export)
        self._place()
        plot.geometryChanged.connect(self._check_room)

    def _place(self) -> None:
        policy = QtWidgets.QSizePolicy.Policy
        layout = self.plot.layout
        if self.side == "right":
            self.setSizePolicy(policy.Fixed, policy.Fixed)
            self.setContentsMargins(6, 0, 2, 0)
            layout.addItem(self, 2, 3)
            layout.setAlignment(self, QtCore.Qt.AlignmentFlag.AlignTop)
        else:
            self.setSizePolicy(policy.Expanding, policy.Fixed)
            self.setContentsMargins(4, 0, 4, 2)
            layout.addItem(self, LEGEND_ROW, 0, 1, 3)

    def set_side(self, side: str) -> None:
        """Move the legend beside the plot (``"right"``) or under its x axis (``"bottom"``)."""
        if side == self.side:
            return
        self.plot.layout.removeItem(self)
        self.side = side
        self.setMinimumSize(0, 0)
        self.setMaximumSize(16777215, 16777215)
        self._place()
        self._rebuild()
        self.updateSize()

    # ------------------------------------------------------------ entries
    def set_entries(self, entries) -> None:
        """``entries``: (sample item, name, shown) in legend order."""
        self.entries = [[s, n, bool(v)] for s, n, v in entries]
        self._rebuild()

    def set_shown(self, index: int, shown: bool) -> None:
        if 0 <= index < len(self.entries) and self.entries[index][2] != shown:
            self.entries[index][2] = shown
            self._rebuild()

    def rename(self, index: int, name: str) -> None:
        if 0 <= index < len(self.entries):
            self.entries[index][1] = name
            self._rebuild()

    def names(self) -> list[str]:
        return [label.text for _, label in self.items]

    def _rebuild(self) -> None:
        self.clear()
        for sample, name, shown in self.entries:
            if shown:
                self.addItem(sample, name)
        cache = QtWidgets.QGraphicsItem.CacheMode.DeviceCoordinateCache  # text is costly to draw every frame
        for sample, label in self.items:
            sample.setAcceptedMouseButtons(QtCore.Qt.MouseButton.NoButton)  # no eye toggle on click
            sample.setCacheMode(cache)
            label.setCacheMode(cache)
        self._fit_columns(force=True)
        self._check_room()
        self.setVisible(bool(self.items) and not self.squeezed)

    # ------------------------------------------------------------ layout
    def _entry_width(self) -> float:
        widest = max((label.item.boundingRect().width() for _, label in self.items), default=40.0)
        return SAMPLE_WIDTH + widest + 18

    def _right_columns(self) -> int:
        """Columns a legend beside the plot needs to fit the plot's height (one while it can)."""
        room = max(1.0, self.plot.vb.height() if self.plot is not None else 0)  # the legend's row is the view's
        return max(1, -(-len(self.items) * ROW_HEIGHT // int(room)))

    def _fit_columns(self, force: bool = False) -> None:
        if self.side == "right":
            cols = min(MAX_SIDE_COLUMNS, self._right_columns())
            if force or cols != self.columnCount:
                self.columnCount = -1
                self.setColumnCount(cols)
            return
        n = len(self.items)
        # the legend spans the plot's width (its own width may lag behind the plot's)
        width = (self.plot.width() - 8 if self.plot is not None else 0) or self.width()
        cols = max(1, min(n, int(width // self._entry_width()))) if n else 1
        if force or cols != self.columnCount:
            self.columnCount = -1  # setColumnCount only re-lays out on a change
            self.setColumnCount(cols)

    def rows_needed(self, width: float | None = None) -> int:
        if not self.items:
            return 0
        if self.side == "right":
            return -(-len(self.items) // self._right_columns())
        width = self.plot.width() - 8 if width is None else width
        cols = max(1, min(len(self.items), int(width // self._entry_width())))
        return -(-len(self.items) // cols)

    def _check_room(self) -> None:
        """Step aside when the rows would take too much of the plot's height; come back when they fit."""
        height = self.plot.height() if self.plot is not None else 0
        self._fit_columns()
        if self.side == "right":  # beside the plot it only needs to fit, in up to MAX_SIDE_COLUMNS columns
            squeezed = not self.forced and height > 0 and self._right_columns() > MAX_SIDE_COLUMNS
        else:
            squeezed = not self.forced and height > 0 and self.rows_needed() * ROW_HEIGHT > self.room_share * height
        if squeezed != self.squeezed:
            self.squeezed = squeezed
            self.setVisible(bool(self.items) and not squeezed)
            self.updateSize()

    def set_forced(self, forced: bool) -> None:
        """Shown whatever the room (True, for an export), or as the room allows (False)."""
        self.forced = forced
        if forced and self.squeezed:
            self.squeezed = False
            self.setVisible(bool(self.items))
            self.updateSize()
        elif not forced:
            self._check_room()

    def updateSize(self):  # noqa: N802 - pyqtgraph API
        """Ask the plot's layout for room (never place itself: the layout does)."""
        rows = -(-len(self.items) // max(1, self.columnCount)) if self.items and not self.squeezed else 0
        height = rows * ROW_HEIGHT + (4 if rows else 0)
        if self.side == "right":
            width = self._entry_width() * max(1, self.columnCount) + 14 if self.items and not self.squeezed else 0
            self.setMinimumSize(width, height)
            self.setMaximumSize(width, height)
            self.updateGeometry()
            return
        self.setMinimumHeight(height)
        self.setMaximumHeight(height)
        self.setPreferredWidth(self._entry_width() if self.items else 0)
        self.setMinimumWidth(0)
        self.updateGeometry()

    def resizeEvent(self, ev):  # noqa: N802 - Qt API
        super().resizeEvent(ev)
        if self.side == "bottom" and self.items and int(ev.newSize().width()) != int(ev.oldSize().width()):
            QtCore.QTimer.singleShot(0, self._fit_columns)

    def mouseDragEvent(self, ev):  # noqa: N802 - the legend stays in its row
        ev.ignore()

    def paint(self, p, *args):
        pass
