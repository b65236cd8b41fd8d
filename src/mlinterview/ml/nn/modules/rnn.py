"""RNN, LSTM and GRU layers and cells with PyTorch's arguments, weight names and shapes.

Shapes (``batch_first=False``): input (T, B, I) — or (B, T, I) with ``batch_first`` — or
unbatched (T, I); h0 (num_layers · D, B, H) with D = 2 if bidirectional. Returns
``output`` (T, B, D·H) with the last layer's hidden state at every step, and ``h_n``
(num_layers · D, B, H) (for the LSTM, the pair ``(h_n, c_n)``).

The input and the initial states must have the weights' dtype (``TypeError`` otherwise),
as in PyTorch (``_dtypes.py``).
"""

from __future__ import annotations

import math

import numpy as np

from mlinterview.ml.autograd import Tensor, cat, stack
from mlinterview.ml.nn import functional as F
from mlinterview.ml.nn import init
from mlinterview.ml.nn._dtypes import check_input_dtype
from mlinterview.ml.nn._rnn import GATES, RecurrentLayer
from mlinterview.ml.nn.module import Module, Parameter


def _zeros(shape, dtype) -> Tensor:
    return Tensor(np.zeros(shape, dtype=dtype))


class RNNBase(Module):
    """Shared by RNN, LSTM and GRU: registers ``weight_ih_l{k}[_reverse]``,
    ``weight_hh_l{k}``, ``bias_ih_l{k}``, ``bias_hh_l{k}`` and runs the layers."""

    def __init__(self, mode: str, input_size: int, hidden_size: int, num_layers: int = 1,
                 bias: bool = True, batch_first: bool = False, dropout: float = 0.0,
                 bidirectional: bool = False, dtype=np.float32,
                 generator: np.random.Generator | None = None):
        super().__init__()
        for name, value in (("input_size", input_size), ("hidden_size", hidden_size),
                            ("num_layers", num_layers)):
            if not isinstance(value, int | np.integer) or value <= 0:
                raise ValueError(f"{name} must be a positive integer, got {value!r}")
        if not 0 <= dropout <= 1:
            raise ValueError(f"dropout must be in [0, 1], got {dropout}")
        self.mode, self.input_size, self.hidden_size = mode, input_size, hidden_size
        self.num_layers, self.bias, self.batch_first = num_layers, bias, batch_first
        self.dropout, self.bidirectional = dropout, bidirectional
        self._flat_names: list[str] = []
        gate_size = GATES[mode] * hidden_size
        for layer in range(num_layers):
            for suffix in ("", "_reverse")[: 1 + bidirectional]:
                layer_in = input_size if layer == 0 else hidden_size * (1 + bidirectional)
                shapes = {f"weight_ih_l{layer}{suffix}": (gate_size, layer_in),
                          f"weight_hh_l{layer}{suffix}": (gate_size, hidden_size)}
                if bias:
                    shapes[f"bias_ih_l{layer}{suffix}"] = (gate_size,)
                    shapes[f"bias_hh_l{layer}{suffix}"] = (gate_size,)
                for name, shape in shapes.items():
                    setattr(self, name, Parameter(np.empty(shape, dtype=dtype)))
                    self._flat_names.append(name)
        self.reset_parameters(generator)

    def reset_parameters(self, generator=None) -> None:
        """Every weight and bias ~ U(-1/√H, 1/√H), PyTorch's default."""
        bound = 1 / math.sqrt(self.hidden_size)
        for p in self.parameters():
            init.uniform_(p, -bound, bound, generator)

    def _weights(self, layer: int, suffix: str):
        get = self._parameters.get
        return (get(f"weight_ih_l{layer}{suffix}"), get(f"weight_hh_l{layer}{suffix}"),
                get(f"bias_ih_l{layer}{suffix}"), get(f"bias_hh_l{layer}{suffix}"))

    def forward(self, input, hx=None):
        is_lstm = self.mode == "LSTM"
        if input.ndim not in (2, 3):
            raise ValueError(f"{type(self).__name__}: expected input of 2 (unbatched) or 3 "
                             f"dimensions, got shape {tuple(input.shape)}")
        check_input_dtype(type(self).__name__, input,
                          {name: self._parameters[name] for name in self._flat_names})
        batched = input.ndim == 3
        x = input if batched else input.unsqueeze(1)
        if batched and self.batch_first:
            x = x.transpose(0, 1)
        if x.shape[2] != self.input_size:
            raise ValueError(f"{type(self).__name__}(input_size={self.input_size}): input "
                             f"has {x.shape[2]} features (shape {tuple(input.shape)})")
        n_dir = 1 + self.bidirectional
        state_shape = (self.num_layers * n_dir, x.shape[1], self.hidden_size)
        h0, c0 = self._initial_states(hx, batched, state_shape, x.dtype, is_lstm)
        h_n, c_n = [], []
        layer_input = x
        for layer in range(self.num_layers):
            outputs = []
            for d, suffix in enumerate(("", "_reverse")[:n_dir]):
                k = layer * n_dir + d
                w_ih, w_hh, b_ih, b_hh = self._weights(layer, suffix)
                out = RecurrentLayer.apply(layer_input, h0[k], c0[k] if is_lstm else None,
                                           w_ih, w_hh, b_ih, b_hh, mode=self.mode,
                                           reverse=bool(d))
                T = layer_input.shape[0]
                seq = out[:T] if is_lstm else out
                outputs.append(seq)
                h_n.append(seq[0] if d else seq[T - 1])
                if is_lstm:
                    c_n.append(out[T])
            layer_input = outputs[0] if n_dir == 1 else cat(outputs, dim=2)
            if self.dropout and self.training and layer < self.num_layers - 1:
                layer_input = F.dropout(layer_input, self.dropout, True)
        output = layer_input
        h_n = stack(h_n, 0)
        c_n = stack(c_n, 0) if is_lstm else None
        if batched and self.batch_first:
            output = output.transpose(0, 1)
        if not batched:
            output = output.squeeze(1)
            h_n = h_n.squeeze(1)
            c_n = c_n.squeeze(1) if is_lstm else None
        return output, ((h_n, c_n) if is_lstm else h_n)

    def _initial_states(self, hx, batched, shape, dtype, is_lstm):
        if hx is None:
            zeros = _zeros(shape, dtype)
            return zeros, (zeros if is_lstm else None)
        if is_lstm:
            if not isinstance(hx, tuple | list) or len(hx) != 2:
                raise TypeError("LSTM expects hx as a tuple (h0, c0)")
            h0, c0 = hx
        else:
            h0, c0 = hx, None
        states = []
        for name, s in (("h0", h0), ("c0", c0)):
            if s is None:
                states.append(None)
                continue
            if hasattr(s, "dtype"):  # a tensor or an array: it must have the weights' dtype
                check_input_dtype(type(self).__name__, s,
                                  {"weight_ih_l0": self.weight_ih_l0}, input_name=name)
            s = s if isinstance(s, Tensor) else Tensor(np.asarray(s, dtype=dtype))
            if not batched:
                s = s.unsqueeze(1)
            if tuple(s.shape) != shape:
                raise ValueError(f"{type(self).__name__}: expected {name} of shape {shape}, "
                                 f"got {tuple(s.shape)}")
            states.append(s)
        return states[0], states[1]

    def extra_repr(self) -> str:
        s = f"{self.input_size}, {self.hidden_size}"
        if self.num_layers != 1:
            s += f", num_layers={self.num_layers}"
        for name, default in (("bias", True), ("batch_first", False), ("dropout", 0.0),
                              ("bidirectional", False)):
            if getattr(self, name) != default:
                s += f", {name}={getattr(self, name)}"
        return s


class RNN(RNNBase):
    """Elman RNN: h_t = tanh(W_ih x_t + b_ih + W_hh h_(t-1) + b_hh) (or relu)."""

    def __init__(self, input_size: int, hidden_size: int, num_layers: int = 1,
                 nonlinearity: str = "tanh", bias: bool = True, batch_first: bool = False,
                 dropout: float = 0.0, bidirectional: bool = False, dtype=np.float32,
                 generator: np.random.Generator | None = None):
        if nonlinearity not in ("tanh", "relu"):
            raise ValueError(f"nonlinearity must be 'tanh' or 'relu', got {nonlinearity!r}")
        super().__init__(f"RNN_{nonlinearity.upper()}", input_size, hidden_size, num_layers,
                         bias, batch_first, dropout, bidirectional, dtype, generator)
        self.nonlinearity = nonlinearity


class LSTM(RNNBase):
    """Long short-term memory; returns ``output, (h_n, c_n)``. Gates in the order i, f, g, o."""

    def __init__(self, input_size: int, hidden_size: int, num_layers: int = 1,
                 bias: bool = True, batch_first: bool = False, dropout: float = 0.0,
                 bidirectional: bool = False, dtype=np.float32,
                 generator: np.random.Generator | None = None):
        super().__init__("LSTM", input_size, hidden_size, num_layers, bias, batch_first,
                         dropout, bidirectional, dtype, generator)


class GRU(RNNBase):
    """Gated recurrent unit; gates in the order r, z, n."""

    def __init__(self, input_size: int, hidden_size: int, num_layers: int = 1,
                 bias: bool = True, batch_first: bool = False, dropout: float = 0.0,
                 bidirectional: bool = False, dtype=np.float32,
                 generator: np.random.Generator | None = None):
        super().__init__("GRU", input_size, hidden_size, num_layers, bias, batch_first,
                         dropout, bidirectional, dtype, generator)


class _CellBase(Module):
    """One time step; weights ``weight_ih``, ``weight_hh``, ``bias_ih``, ``bias_hh``."""

    mode = "LSTM"

    def __init__(self, input_size: int, hidden_size: int, bias: bool = True,
                 dtype=np.float32, generator: np.random.Generator | None = None):
        super().__init__()
        self.input_size, self.hidden_size, self.bias = input_size, hidden_size, bias
        gate_size = GATES[self.mode] * hidden_size
        self.weight_ih = Parameter(np.empty((gate_size, input_size), dtype=dtype))
        self.weight_hh = Parameter(np.empty((gate_size, hidden_size), dtype=dtype))
        if bias:
            self.bias_ih = Parameter(np.empty(gate_size, dtype=dtype))
            self.bias_hh = Parameter(np.empty(gate_size, dtype=dtype))
        else:
            self.register_parameter("bias_ih", None)
            self.register_parameter("bias_hh", None)
        bound = 1 / math.sqrt(hidden_size)
        for p in self.parameters():
            init.uniform_(p, -bound, bound, generator)

    def _step(self, input, hx):
        check_input_dtype(type(self).__name__, input,
                          {name: p for name, p in self._parameters.items()})
        batched = input.ndim == 2
        x = input if batched else input.unsqueeze(0)
        if x.shape[1] != self.input_size:
            raise ValueError(f"{type(self).__name__}(input_size={self.input_size}): input "
                             f"has {x.shape[1]} features (shape {tuple(input.shape)})")
        shape = (x.shape[0], self.hidden_size)
        is_lstm = self.mode == "LSTM"
        if hx is None:
            h0 = _zeros(shape, x.dtype)
            c0 = h0 if is_lstm else None
        else:
            h0, c0 = (hx if is_lstm else (hx, None))
            for name, state in (("h0", h0), ("c0", c0)):
                if state is not None:
                    check_input_dtype(type(self).__name__, state,
                                      {"weight_ih": self.weight_ih}, input_name=name)
            h0 = h0 if batched else h0.unsqueeze(0)
            c0 = (c0 if batched else c0.unsqueeze(0)) if is_lstm else None
        out = RecurrentLayer.apply(x.unsqueeze(0), h0, c0, self.weight_ih, self.weight_hh,
                                   self.bias_ih, self.bias_hh, mode=self.mode)
        h, c = out[0], (out[1] if is_lstm else None)
        if not batched:
            h = h.squeeze(0)
            c = c.squeeze(0) if is_lstm else None
        return (h, c) if is_lstm else h


class RNNCell(_CellBase):
    """h' = tanh(W_ih x + b_ih + W_hh h + b_hh) (or relu)."""

    def __init__(self, input_size: int, hidden_size: int, bias: bool = True,
                 nonlinearity: str = "tanh", dtype=np.float32, generator=None):
        if nonlinearity not in ("tanh", "relu"):
            raise ValueError(f"nonlinearity must be 'tanh' or 'relu', got {nonlinearity!r}")
        object.__setattr__(self, "mode", f"RNN_{nonlinearity.upper()}")
        super().__init__(input_size, hidden_size, bias, dtype, generator)

    def forward(self, input, hx=None):
        return self._step(input, hx)


class LSTMCell(_CellBase):
    """One LSTM step: returns (h', c')."""

    mode = "LSTM"

    def forward(self, input, hx=None):
        return self._step(input, hx)


class GRUCell(_CellBase):
    """One GRU step: returns h'."""

    mode = "GRU"

    def forward(self, input, hx=None):
        return self._step(input, hx)
