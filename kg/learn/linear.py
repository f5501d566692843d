"""A logistic model over sparse binary features: fitted once (numpy, scipy), read as a table.

Fitting is deterministic (L-BFGS from zero weights on features sorted by name), so the same gold
gives the same model file byte for byte. Scoring needs no numpy: a sum over a dict.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path

BIAS = "(bias)"


@dataclass(frozen=True)
class LinearModel:
    weights: dict[str, float]
    bias: float

    def prob(self, features) -> float:
        z = self.bias + sum(self.weights.get(f, 0.0) for f in set(features))
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    def to_tsv(self, header: str = "") -> str:
        lines = [f"# {ln}" for ln in header.splitlines()]
        lines.append(f"{BIAS}\t{self.bias:.6f}")
        # Features that weigh nothing are left out; the order is the weight's, then the name's.
        kept = [(f, w) for f, w in self.weights.items() if abs(w) >= 5e-7]
        lines += [f"{f}\t{w:.6f}" for f, w in sorted(kept, key=lambda fw: (-fw[1], fw[0]))]
        return "\n".join(lines) + "\n"


def parse_tsv(text: str, where: str = "model") -> LinearModel:
    weights: dict[str, float] = {}
    bias = None
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        name, sep, value = line.rpartition("\t")
        try:
            w = float(value)
        except ValueError:
            raise ValueError(f"{where}:{n}: not 'feature<TAB>weight': {line!r}") from None
        if not sep:
            raise ValueError(f"{where}:{n}: not 'feature<TAB>weight': {line!r}")
        if name == BIAS:
            bias = w
        else:
            weights[name] = w
    if bias is None:
        raise ValueError(f"{where}: no {BIAS} line")
    return LinearModel(weights, bias)


def load(path: Path) -> LinearModel:
    return parse_tsv(Path(path).read_text(encoding="utf-8"), str(path))


def fit(examples: list[list[str]], labels: list[int], c: float = 0.3, min_count: int = 2) -> LinearModel:
    """L2-regularised logistic regression (``c``: inverse strength); features seen fewer than
    ``min_count`` times are dropped (a weight learnt from one sentence is that sentence's)."""
    import numpy as np
    from scipy.optimize import minimize
    from scipy.sparse import csr_matrix

    counts: dict[str, int] = {}
    for feats in examples:
        if bad := next((f for f in feats if not f or any(ch in f for ch in "\t\n\r")), None):
            raise ValueError(f"a feature must be one TSV field: {bad!r}")
        for f in set(feats):
            counts[f] = counts.get(f, 0) + 1
    names = sorted(f for f, n in counts.items() if n >= min_count)
    index = {f: i for i, f in enumerate(names)}
    rows, cols = [], []
    for i, feats in enumerate(examples):
        for j in sorted({index[f] for f in feats if f in index}):
            rows.append(i)
            cols.append(j)
    x = csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(len(examples), len(names)))
    y = np.asarray(labels, dtype=float)

    def loss(w):
        z = x @ w[:-1] + w[-1]
        p = 1.0 / (1.0 + np.exp(-z))
        value = np.sum(np.logaddexp(0.0, z) - y * z) + 0.5 / c * (w[:-1] @ w[:-1])
        grad = np.append(x.T @ (p - y) + w[:-1] / c, np.sum(p - y))
        return value, grad

    res = minimize(loss, np.zeros(len(names) + 1), jac=True, method="L-BFGS-B", options={"maxiter": 1000})
    w = res.x
    return LinearModel({f: round(float(w[i]), 6) for f, i in index.items()}, round(float(w[-1]), 6))
