"""Images and animations of the window and its panels (PNG, SVG, GIF, MP4) and their dialogs."""
