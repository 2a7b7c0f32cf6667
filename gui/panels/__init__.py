"""The window's panels: widgets that only draw what the run records hold (no Qt-free logic, no docks)."""
