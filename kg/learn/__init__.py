"""Models learnt from the pooled gold: features in, probabilities out.

Rules read the claims a lexicon names; the models weigh what the rules cannot list one by one
(which argument of which predicate, in which construction, holds a party). They are trained by
``kg.learn.train`` from the gold of ``tests/data`` and shipped as plain TSV files in
``kg/models/``: one feature and its weight per line, readable and diffable.
"""
