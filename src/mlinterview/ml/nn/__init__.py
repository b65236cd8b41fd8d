"""Neural-network layers, losses and helpers with PyTorch's names, shapes and defaults.

    >>> from mlinterview.ml import nn
    >>> model = nn.Sequential(nn.Linear(4, 8), nn.ReLU(), nn.Linear(8, 3))
    >>> loss = nn.CrossEntropyLoss()(model(x), y)

Layers are NumPy inside, built on :mod:`mlinterview.ml.autograd`.
"""

from mlinterview.ml.nn import efficient_attention, functional, init, positional, shapes, utils
from mlinterview.ml.nn.module import Module, ModuleList, Parameter, Sequential
from mlinterview.ml.nn.modules.activation import (
    ELU,
    GELU,
    Hardtanh,
    LeakyReLU,
    LogSigmoid,
    LogSoftmax,
    ReLU,
    Sigmoid,
    SiLU,
    Softmax,
    Softplus,
    Tanh,
)
from mlinterview.ml.nn.modules.attention import MultiheadAttention
from mlinterview.ml.nn.modules.conv import Conv1d, Conv2d, ConvTranspose2d
from mlinterview.ml.nn.modules.grouped_query_attention import GroupedQueryAttention
from mlinterview.ml.nn.modules.linear import Dropout, Embedding, Flatten, Identity, Linear
from mlinterview.ml.nn.modules.lora import LoRALinear
from mlinterview.ml.nn.modules.loss import (
    BCELoss,
    BCEWithLogitsLoss,
    CrossEntropyLoss,
    L1Loss,
    MSELoss,
    NLLLoss,
)
from mlinterview.ml.nn.modules.moe import MixtureOfExperts, MoE, MoERouting
from mlinterview.ml.nn.modules.normalization import BatchNorm1d, BatchNorm2d, LayerNorm
from mlinterview.ml.nn.modules.pooling import AdaptiveAvgPool2d, AvgPool2d, MaxPool2d
from mlinterview.ml.nn.modules.positional import (
    LearnedPositionalEmbedding,
    RotaryEmbedding,
    SinusoidalPositionalEncoding,
)
from mlinterview.ml.nn.modules.rms_norm import RMSNorm
from mlinterview.ml.nn.modules.rnn import GRU, LSTM, RNN, GRUCell, LSTMCell, RNNCell
from mlinterview.ml.nn.modules.transformer import (
    SwiGLU,
    TransformerEncoder,
    TransformerEncoderLayer,
    generate_square_subsequent_mask,
)

__all__ = [
    "ELU",
    "GELU",
    "GRU",
    "LSTM",
    "RNN",
    "AdaptiveAvgPool2d",
    "AvgPool2d",
    "BCELoss",
    "BCEWithLogitsLoss",
    "BatchNorm1d",
    "BatchNorm2d",
    "Conv1d",
    "Conv2d",
    "ConvTranspose2d",
    "CrossEntropyLoss",
    "Dropout",
    "Embedding",
    "Flatten",
    "GRUCell",
    "GroupedQueryAttention",
    "Hardtanh",
    "Identity",
    "L1Loss",
    "LSTMCell",
    "LayerNorm",
    "LeakyReLU",
    "LearnedPositionalEmbedding",
    "Linear",
    "LoRALinear",
    "LogSigmoid",
    "LogSoftmax",
    "MSELoss",
    "MaxPool2d",
    "MixtureOfExperts",
    "MoE",
    "MoERouting",
    "Module",
    "ModuleList",
    "MultiheadAttention",
    "NLLLoss",
    "Parameter",
    "RMSNorm",
    "RNNCell",
    "ReLU",
    "RotaryEmbedding",
    "Sequential",
    "SiLU",
    "Sigmoid",
    "SinusoidalPositionalEncoding",
    "Softmax",
    "Softplus",
    "SwiGLU",
    "Tanh",
    "TransformerEncoder",
    "TransformerEncoderLayer",
    "efficient_attention",
    "functional",
    "generate_square_subsequent_mask",
    "init",
    "positional",
    "shapes",
    "utils",
]
