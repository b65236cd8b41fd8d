"""Cases for vanishing-gradients/signal-variance.

The weight standard deviations come from the library's initialisers
(mlinterview.ml.nn.init and nn.Linear's reset, themselves PyTorch's formulas, checked in
tests/parity): each is run on a weight of the layer's shape with a stand-in generator that
returns the scale it is asked for (the std of a normal draw, the bound of a uniform one),
so the numbers are the library's own. E[phi(z)^2] for tanh comes from
scipy.integrate.quad; the recursion itself is the closed form in the statement. The first
cases are worked by hand.
"""

import itertools
import math

import numpy as np
from scipy import integrate

from mlinterview.exercises.spec import AllClose, Case, ExerciseSpec, Limits
from mlinterview.ml import nn


class _Scale:
    """A generator stand-in: normal() returns its std, uniform() its upper bound."""

    def normal(self, mean, std, size):
        return np.full(size, float(std))

    def uniform(self, low, high, size):
        return np.full(size, float(high))


def _library_std(fan_in, fan_out, init, activation):
    if init == "default":
        layer = nn.Linear(fan_in, fan_out, dtype=np.float64, generator=_Scale())
        return float(layer.weight.data[0, 0]) / math.sqrt(3.0)   # U(-a, a): std a/√3
    weight = nn.Parameter(np.zeros((fan_out, fan_in)))
    if init == "xavier":
        nn.init.xavier_normal_(weight, gain=nn.init.calculate_gain(activation),
                               generator=_Scale())
    else:
        nn.init.kaiming_normal_(weight, mode="fan_in", nonlinearity=activation,
                                generator=_Scale())
    return float(weight.data[0, 0])


def _tanh_second_moment(q):
    density = lambda z: math.exp(-z * z / (2 * q)) / math.sqrt(2 * math.pi * q)  # noqa: E731
    value, _ = integrate.quad(lambda z: math.tanh(z) ** 2 * density(z), -np.inf, np.inf,
                              epsabs=0.0, epsrel=1e-12, limit=200)
    return value


def reference(widths, init, activation, input_var=1.0):
    std = np.array([_library_std(a, b, init, activation)
                    for a, b in itertools.pairwise(widths)])
    q = np.zeros(len(std))
    for l, s in enumerate(std):
        if l == 0:
            incoming = input_var
        elif activation == "linear":
            incoming = q[l - 1]
        elif activation == "relu":
            incoming = q[l - 1] / 2
        else:
            incoming = _tanh_second_moment(q[l - 1])
        q[l] = widths[l] * s * s * incoming
    return std, q


def fixed():
    s = math.sqrt(0.02)
    return [
        Case(([100, 100, 100], "kaiming", "relu"), note="He init keeps a ReLU net's variance",
             expected=(np.array([s, s]), np.array([2.0, 2.0]))),
        Case(([64, 64, 64], "default", "relu"), note="PyTorch's default shrinks it 6x a layer",
             expected=(np.full(2, 1 / math.sqrt(192)), np.array([1 / 3, 1 / 18]))),
        Case(([10, 30], "xavier", "linear"), note="one layer: only the input's variance counts",
             expected=(np.array([math.sqrt(0.05)]), np.array([0.5]))),
        Case(([10, 30], "xavier", "linear"), {"input_var": 4.0},
             note="input second moment 4 scales q_1",
             expected=(np.array([math.sqrt(0.05)]), np.array([2.0]))),
        Case(([50, 200, 20, 200], "xavier", "relu"),
             note="xavier with relu's gain, unequal fans"),
        Case(([128, 128, 128, 128, 128], "xavier", "tanh"),
             note="tanh with gain 5/3: q settles to a fixed point"),
        Case(([32, 32, 32, 32, 32, 32], "default", "tanh"),
             note="tanh with the default init: the signal fades"),
        Case(([8, 64, 64, 64], "kaiming", "tanh"), {"input_var": 9.0},
             note="tanh saturates: large q where quadrature must be fine"),
        Case(([16, 16, 16, 16], "kaiming", "linear"), note="linear kaiming: exactly q stays",
             expected=(np.full(3, 0.25), np.ones(3))),
        Case(([1, 1], "default", "relu"), note="one input unit",
             expected=(np.array([1 / math.sqrt(3)]), np.array([1 / 3]))),
    ]


def generated(rng):
    cases = []
    for i in range(30):
        depth = 1 + int(rng.integers(0, 2 + i // 4))
        widths = [int(v) for v in rng.integers(1, 20 + 10 * i, depth + 1)]
        init = ("default", "xavier", "kaiming")[i % 3]
        activation = ("linear", "relu", "tanh")[(i // 3) % 3]
        kwargs = {"input_var": float(rng.uniform(0.1, 5.0))} if i % 2 else {}
        cases.append(Case((widths, init, activation), kwargs,
                          note=f"{init}, {activation}, widths {widths}", size=i))
    return cases


SPEC = ExerciseSpec(
    function="signal_variances",
    # Each q_l holds a numerical integral (for tanh): 1e-8 relative leaves room for any
    # quadrature accurate to 1e-9, as the statement asks, over a few layers.
    compare=AllClose(rtol=1e-8, atol=0.0),
    fixed=fixed,
    generated=generated,
    reference=reference,
    limits=Limits(cpu_seconds=5, wall_seconds=10, memory_mb=1024),
)
