"""Gradient Arena's window: the only package that imports Qt or pyqtgraph."""
