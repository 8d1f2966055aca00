"""Pure-Python optimizers for Tadamon: JSON-shaped dicts in, JSON-shaped dicts out.

Nothing here imports Django, so the models can be run, tested and benchmarked on their own
(``python -m tadamon.optimize select INSTANCE.json``).
"""
