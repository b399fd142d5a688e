"""Dev-only helpers shared by the benchmarks and the tests; not part of the installed package.

- ``support.synthetic``: generated news pages (distinct, realistic, short) for load and resume runs.
- ``support.coref_metrics``: MUC, B-cubed, CEAF-e and CoNLL coreference scores.

Bench scripts put ``bench/`` on ``sys.path``; pytest does through ``pythonpath`` in ``pyproject.toml``.
"""
