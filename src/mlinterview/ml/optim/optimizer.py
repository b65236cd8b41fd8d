"""``Optimizer``: parameter groups, per-parameter state, zero_grad, state_dict — PyTorch's
contract. Subclasses implement ``_update(p, grad, state, group)`` for one parameter.

Updates write into ``p.data`` in place: the parameters keep their identity, so the model,
the optimiser and any scheduler keep pointing at the same tensors.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Iterable
from typing import Any

import numpy as np

from mlinterview.ml.autograd import Tensor, no_grad


class Optimizer:
    """Base class. ``params`` is an iterable of tensors or of dicts (parameter groups, each
    with a ``"params"`` list and optional per-group options that override ``defaults``)."""

    def __init__(self, params: Iterable[Any], defaults: dict[str, Any]):
        self.defaults = dict(defaults)
        self.param_groups: list[dict[str, Any]] = []
        self.state: dict[int, dict[str, Any]] = {}
        params = list(params)
        if not params:
            raise ValueError("optimizer got an empty parameter list")
        groups = params if isinstance(params[0], dict) else [{"params": params}]
        for group in groups:
            self.add_param_group(group)

    def add_param_group(self, param_group: dict[str, Any]) -> None:
        """Add a group of parameters with its own options (e.g. a smaller lr)."""
        group = dict(param_group)
        params = group["params"]
        group["params"] = [params] if isinstance(params, Tensor) else list(params)
        for p in group["params"]:
            if not isinstance(p, Tensor):
                raise TypeError(f"optimizer can only optimize Tensors, got {type(p).__name__}")
            if not p.is_leaf:
                raise ValueError("can't optimize a non-leaf Tensor")
        seen = {id(p) for g in self.param_groups for p in g["params"]}
        if any(id(p) in seen for p in group["params"]):
            raise ValueError("some parameters appear in more than one parameter group")
        for key, value in self.defaults.items():
            group.setdefault(key, value)
        self._check_group(group)
        self.param_groups.append(group)

    def _check_group(self, group: dict[str, Any]) -> None:
        lr = group.get("lr")
        if lr is None or not lr >= 0:
            raise ValueError(f"Invalid learning rate: {lr}")
        if group.get("weight_decay", 0) < 0:
            raise ValueError(f"Invalid weight_decay value: {group['weight_decay']}")

    def zero_grad(self, set_to_none: bool = True) -> None:
        """Forget the gradients (they accumulate across backward calls)."""
        for group in self.param_groups:
            for p in group["params"]:
                if set_to_none:
                    p.grad = None
                elif p.grad is not None:
                    p.grad.data[...] = 0

    def step(self, closure: Callable[[], Any] | None = None):
        """One update of every parameter that has a gradient. ``closure`` re-evaluates the
        model and returns the loss (needed by some optimisers; optional here)."""
        loss = None
        if closure is not None:
            from mlinterview.ml.autograd import enable_grad

            with enable_grad():
                loss = closure()
        with no_grad():
            for group in self.param_groups:
                for p in group["params"]:
                    if p.grad is None:
                        continue
                    grad = p.grad.data
                    if group.get("maximize", False):
                        grad = -grad
                    state = self.state.setdefault(id(p), {})
                    self._update(p, grad, state, group)
        return loss

    def _update(self, p: Tensor, grad: np.ndarray, state: dict, group: dict) -> None:
        raise NotImplementedError

    # -- state -------------------------------------------------------------------------
    def state_dict(self) -> dict[str, Any]:
        """{"state": {index: {...}}, "param_groups": [{..., "params": [indices]}]} with
        parameters numbered in group order, like PyTorch."""
        index: dict[int, int] = {}
        groups = []
        for group in self.param_groups:
            ids = []
            for p in group["params"]:
                index.setdefault(id(p), len(index))
                ids.append(index[id(p)])
            packed = {k: v for k, v in group.items() if k != "params"}
            groups.append({**copy.deepcopy(packed), "params": ids})
        state = {index[k]: copy.deepcopy(v) for k, v in self.state.items() if k in index}
        return {"state": state, "param_groups": groups}

    def load_state_dict(self, state_dict: dict[str, Any]) -> None:
        """Restore options and state saved by :meth:`state_dict` (same parameter layout)."""
        groups = state_dict["param_groups"]
        if len(groups) != len(self.param_groups) or any(
                len(g["params"]) != len(own["params"])
                for g, own in zip(groups, self.param_groups, strict=True)):
            raise ValueError("loaded state dict has a different parameter layout "
                             "(number of groups or of parameters per group)")
        params = [p for g in self.param_groups for p in g["params"]]
        self.state = {}
        for i, st in state_dict["state"].items():
            p = params[int(i)]
            self.state[id(p)] = {k: (v.data.copy() if isinstance(v, Tensor) else
                                     np.array(v, dtype=p.dtype) if isinstance(v, np.ndarray)
                                     else copy.deepcopy(v)) for k, v in st.items()}
        for group, saved in zip(self.param_groups, groups, strict=True):
            group.update({k: copy.deepcopy(v) for k, v in saved.items() if k != "params"})

    def __repr__(self) -> str:
        lines = [f"{type(self).__name__} ("]
        for i, g in enumerate(self.param_groups):
            lines.append(f"Parameter Group {i}")
            lines += [f"    {k}: {v}" for k, v in sorted(g.items()) if k != "params"]
        return "\n".join([*lines, ")"])
