"""Small reusable widgets (number fields, colour swatches) that panels and docks share."""
