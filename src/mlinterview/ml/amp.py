"""Mixed precision: dynamic loss scaling (``GradScaler``) over float32 master weights.

float16 has a 10-bit mantissa and its smallest subnormal is 2⁻²⁴ ≈ 6e-8; gradients of a
well-trained network are often smaller, so they underflow to 0 in float16. Multiplying the
loss by a large factor S shifts every gradient up by S (the chain rule is linear), into the
representable range. Before the optimiser step the gradients are divided by S again, in
float32. If S was too large some gradient overflows to inf/NaN: that step is skipped and S
is halved. After ``growth_interval`` clean steps S is doubled, so S tracks the largest
scale that does not overflow.

The optimiser updates float32 *master* weights: adding a tiny update to a float16 weight
would round it away (1 + 1e-4 == 1 in float16).
"""

from __future__ import annotations

import numpy as np

from mlinterview.ml.autograd import Tensor


class GradScaler:
    """PyTorch's ``torch.amp.GradScaler`` algorithm.

    Args:
        init_scale: starting S (2¹⁶).
        growth_factor: multiply S by this after ``growth_interval`` steps without inf/NaN.
        backoff_factor: multiply S by this when a step had inf/NaN gradients (and skip it).
        enabled: when False every method is a pass-through.
    """

    def __init__(self, init_scale: float = 2.0**16, growth_factor: float = 2.0,
                 backoff_factor: float = 0.5, growth_interval: int = 2000,
                 enabled: bool = True):
        if growth_factor <= 1.0:
            raise ValueError(f"growth_factor must be > 1, got {growth_factor}")
        if not 0.0 < backoff_factor < 1.0:
            raise ValueError(f"backoff_factor must be in (0, 1), got {backoff_factor}")
        if growth_interval <= 0:
            raise ValueError(f"growth_interval must be a positive integer, got {growth_interval}")
        self._scale = float(init_scale)
        self._growth_factor, self._backoff_factor = growth_factor, backoff_factor
        self._growth_interval, self._enabled = int(growth_interval), enabled
        self._growth_tracker = 0
        self._per_optimizer: dict[int, dict] = {}

    def is_enabled(self) -> bool:
        return self._enabled

    def get_scale(self) -> float:
        """The current loss scale S (1.0 when disabled)."""
        return self._scale if self._enabled else 1.0

    def scale(self, outputs):
        """outputs · S (a tensor, or a list/tuple of tensors)."""
        if not self._enabled:
            return outputs
        if isinstance(outputs, list | tuple):
            return type(outputs)(self.scale(o) for o in outputs)
        return outputs * self._scale

    def _state(self, optimizer) -> dict:
        return self._per_optimizer.setdefault(id(optimizer), {"unscaled": False,
                                                              "found_inf": False})

    def unscale_(self, optimizer) -> None:
        """Divide the optimiser's gradients by S in place (float32 arithmetic) and record
        whether any of them is inf or NaN. Call it before clipping gradients."""
        if not self._enabled:
            return
        state = self._state(optimizer)
        if state["unscaled"]:
            raise RuntimeError("unscale_() has already been called on this optimizer since "
                               "the last update().")
        inv = np.float32(1.0 / self._scale)
        found = False
        for group in optimizer.param_groups:
            for p in group["params"]:
                if p.grad is None:
                    continue
                g = p.grad.data
                if not np.all(np.isfinite(g)):
                    found = True
                p.grad.data = (g.astype(np.float32) * inv).astype(g.dtype)
        state["unscaled"], state["found_inf"] = True, found

    def step(self, optimizer, *args, **kwargs):
        """Unscale if needed, then ``optimizer.step()`` unless a gradient was inf/NaN."""
        if not self._enabled:
            return optimizer.step(*args, **kwargs)
        state = self._state(optimizer)
        if not state["unscaled"]:
            self.unscale_(optimizer)
        if state["found_inf"]:
            return None
        return optimizer.step(*args, **kwargs)

    def update(self, new_scale: float | None = None) -> None:
        """Back off after a skipped step; grow after ``growth_interval`` good ones."""
        if not self._enabled:
            return
        if new_scale is not None:
            self._scale = float(new_scale.item() if isinstance(new_scale, Tensor)
                                else new_scale)
        else:
            found_inf = any(s["found_inf"] for s in self._per_optimizer.values())
            if found_inf:
                self._scale *= self._backoff_factor
                self._growth_tracker = 0
            else:
                self._growth_tracker += 1
                if self._growth_tracker == self._growth_interval:
                    self._scale *= self._growth_factor
                    self._growth_tracker = 0
        # PyTorch keeps the scale as a float32 tensor.
        self._scale = float(np.float32(self._scale))
        self._per_optimizer.clear()

    def state_dict(self) -> dict:
        return {"scale": self.get_scale(), "growth_factor": self._growth_factor,
                "backoff_factor": self._backoff_factor,
                "growth_interval": self._growth_interval,
                "_growth_tracker": self._growth_tracker} if self._enabled else {}

    def load_state_dict(self, state: dict) -> None:
        if not state:
            return
        self._scale = float(state["scale"])
        self._growth_factor = state["growth_factor"]
        self._backoff_factor = state["backoff_factor"]
        self._growth_interval = state["growth_interval"]
        self._growth_tracker = state["_growth_tracker"]


def master_params_to_model(model_params, master_params) -> None:
    """Copy float32 master weights into the (float16) model that runs forward/backward."""
    for p, m in zip(model_params, master_params, strict=True):
        p.data = m.data.astype(p.data.dtype)


def model_grads_to_master(model_params, master_params) -> None:
    """Copy the model's (float16) gradients onto the float32 master weights."""
    for p, m in zip(model_params, master_params, strict=True):
        m.grad = None if p.grad is None else Tensor(p.grad.data.astype(m.data.dtype))


__all__ = ["GradScaler", "master_params_to_model", "model_grads_to_master"]
