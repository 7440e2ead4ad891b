"""English word handling shared by the clustering and writing stages: one tokenizer, one
stemmer, one stop-word list. Pure functions, no Django, imports nothing above it."""
