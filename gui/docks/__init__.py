"""The window's docks: the controls that edit the race configuration (surface, racers, race)."""
