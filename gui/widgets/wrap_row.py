"""WrapRow: groups of controls in one row where the width allows, wrapped onto more rows
where it does not (a narrow dock gets two short rows instead of a horizontal scroll bar)."""

from __future__ import annotations

from PySide6 import QtCore, QtWidgets


def group(*widgets: QtWidgets.QWidget, spacing: int = 4) -> QtWidgets.QWidget:
    """Widgets that stay together on one line (a label and its field)."""
    box = QtWidgets.QWidget()
    layout = QtWidgets.QHBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(spacing)
    for w in widgets:
        layout.addWidget(w)
    return box


class WrapRow(QtWidgets.QWidget):
    """Lays out its groups left to right, starting a new row when the next one would not fit."""

    def __init__(self, groups: list[QtWidgets.QWidget], spacing: int = 12, parent=None):
        super().__init__(parent)
        self.groups = list(groups)
        self.spacing = spacing
        self.grid = QtWidgets.QGridLayout(self)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.grid.setHorizontalSpacing(spacing)
        self.grid.setVerticalSpacing(4)
        self.rows: list[list[QtWidgets.QWidget]] = []
        self._arrange(10**6)

    def widths(self) -> list[int]:
        return [g.sizeHint().width() for g in self.groups]

    def one_row_width(self) -> int:
        return sum(self.widths()) + self.spacing * (len(self.groups) - 1)

    def minimumSizeHint(self) -> QtCore.QSize:  # noqa: N802 - Qt API
        widest = max(self.widths(), default=0)
        return QtCore.QSize(widest, super().minimumSizeHint().height())

    def _split(self, width: int) -> list[list[QtWidgets.QWidget]]:
        rows: list[list[QtWidgets.QWidget]] = [[]]
        used = 0
        for g, w in zip(self.groups, self.widths()):
            need = w if not rows[-1] else used + self.spacing + w
            if rows[-1] and need > width:
                rows.append([g])
                used = w
            else:
                rows[-1].append(g)
                used = need
        return rows

    def _arrange(self, width: int) -> None:
        rows = self._split(width)
        if rows == self.rows:
            return
        self.rows = rows
        for g in self.groups:
            self.grid.removeWidget(g)
        for r, row in enumerate(rows):
            for c, g in enumerate(row):
                self.grid.addWidget(g, r, c, QtCore.Qt.AlignmentFlag.AlignLeft)
        for c in range(self.grid.columnCount()):
            self.grid.setColumnStretch(c, 0)
        self.grid.setColumnStretch(max(len(r) for r in rows), 1)  # the rest of the width stays empty
        self.updateGeometry()

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt API
        super().resizeEvent(event)
        self._arrange(event.size().width())
