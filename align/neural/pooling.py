"""Sentence-embedding pooling: pooler, CLS, mean, and sentence-transformers Dense layers.

``pool`` turns a transformer output into one L2-normalised vector per sentence,
(batch, dim) float; ``st_dense`` reads the Dense layers a sentence-transformers model folder
adds after pooling (LaBSE's ``2_Dense``).
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from align.errors import AlignError
from align.neural import runtime
from align.neural.models import ModelRef


@dataclass(frozen=True)
class DenseLayer:
    """A sentence-transformers ``Dense`` module: ``act(x @ weight.T + bias)``;
    weight (out, in) float32, bias (out,) float32 or None, act "tanh" | "identity"."""

    weight: Any
    bias: Any
    activation: str


def st_dense(ref: ModelRef) -> list[DenseLayer]:
    """The ``*_Dense`` modules of a sentence-transformers directory, in order (often none)."""
    import json

    out: list[DenseLayer] = []
    for folder in sorted(p for p in ref.path.glob("*_Dense") if p.is_dir()):
        config = json.loads((folder / "config.json").read_text(encoding="utf-8"))
        act = str(config.get("activation_function", "")).rsplit(".", 1)[-1].lower()
        state = _read_state(folder)
        out.append(DenseLayer(state["linear.weight"], state.get("linear.bias"), "tanh" if act == "tanh" else "identity"))
    return out


def _read_state(folder: Path) -> dict[str, Any]:
    if (folder / "model.safetensors").is_file():
        from safetensors.torch import load_file

        return load_file(str(folder / "model.safetensors"))
    torch = runtime.torch_module()
    weights: dict[str, Any] = torch.load(folder / "pytorch_model.bin", map_location="cpu",
                                         weights_only=True)
    return weights


def pool(output: Any, attention_mask: Any, pooling: str, dense: Sequence[DenseLayer] = ()) -> Any:
    """Sentence vectors from an encoder output: (batch, dim) float32 torch tensor, L2-normalised.

    ``attention_mask`` (batch, seq) 1 for tokens; ``pooling`` per the module docstring;
    ``dense`` (from :func:`st_dense`) replaces the BERT pooler with CLS + those layers.
    """
    torch = runtime.torch_module()
    hidden = output.last_hidden_state
    if pooling == "mean":
        m = attention_mask.unsqueeze(-1).to(hidden.dtype)
        vec = (hidden * m).sum(1) / m.sum(1).clamp(min=1e-9)
    elif pooling == "cls" or (pooling == "pooler" and dense):
        vec = hidden[:, 0]
    elif pooling == "pooler":
        vec = output.pooler_output
        if vec is None:
            raise AlignError("pooling 'pooler' asked for but the model has no pooler layer")
    else:
        raise AlignError(f"unknown pooling {pooling!r} (known: pooler, mean, cls)")
    for layer in dense:
        w = layer.weight.to(vec.device, vec.dtype)
        vec = vec @ w.T + (layer.bias.to(vec.device, vec.dtype) if layer.bias is not None else 0)
        if layer.activation == "tanh":
            vec = torch.tanh(vec)
    return torch.nn.functional.normalize(vec.float(), p=2, dim=-1)
