"""Command-line entry: python -m questionnaire."""
from .cli import run

run()
