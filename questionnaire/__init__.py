"""The side that faces people: the command line, the questionnaire, the summary and the store.

The only package that imports questionary (and only where a prompt is shown)."""
