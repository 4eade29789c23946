"""Frozen data passed between the stages: the input spec, resolved styles, the layout result."""
