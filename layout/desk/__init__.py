"""The layout desk in the browser (`layout serve`): pages as the engine renders them, modules
moved and resized by hand with live copyfit, every change written back into the issue file."""
