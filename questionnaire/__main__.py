"""Command-line entry: python -m questionnaire."""
from .cli import run

if __name__ == "__main__":  # not when a worker process of `advise --batch` imports it (spawn)
    run()
