"""The side that faces people: the `magnesium` command and its rooms.

intake/ asks the client, summary/ writes the practitioner's summary, store.py keeps intakes,
commands/ holds one module per subcommand and common/ the small helpers several rooms share.
The intake and the summary do not import each other; the store imports neither.
"""
