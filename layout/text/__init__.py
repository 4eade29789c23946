"""Chinese text composition: classes, normalisation, segmentation, items, line breaking, justification."""
