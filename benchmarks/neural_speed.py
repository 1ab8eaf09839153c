"""Throughput of real-size neural models with random weights (nothing is downloaded).

    python -m benchmarks.neural_speed                      # both models, CPU, 2 threads
    python -m benchmarks.neural_speed --only labse --threads 4

* ``labse``: a LaBSE-size ``BertModel`` (vocabulary 501,153, 12 layers, hidden 768; ~471M
  parameters) encoding 256 sentences of random token ids with lengths drawn around 30
  tokens (Turkish news sentences are ~25-35 LaBSE tokens), in length-sorted batches of 32
  as ``align.neural.encoder`` does, under ``torch.inference_mode``.
* ``opus-mt``: an opus-mt-size ``MarianMTModel`` (vocabulary 58,101, 6+6 layers, d_model
  512; ~74M parameters) translating 64 such sentences with beam 4 in batches of 16 (the
  ``Translator`` default). Random weights would emit EOS at once, so ``min_new_tokens =
  max_new_tokens = 40`` forces every output to exactly 40 tokens: a fixed, slightly
  pessimistic workload (real opus-mt outputs for 30-token inputs are ~25-35 tokens).

Each (model, device) runs in a fresh child process, so the peak RSS (``ru_maxrss``) is that
model's alone (it includes Python, torch and the fp32 weights). One warm-up batch is run and
not timed. CUDA figures are added when ``torch.cuda.is_available()``.
"""
from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from collections.abc import Sequence
from typing import Any

LABSE: dict[str, Any] = {
    "vocab_size": 501153, "hidden_size": 768, "num_hidden_layers": 12, "num_attention_heads": 12,
    "intermediate_size": 3072, "max_position_embeddings": 512,
}
# As in Helsinki-NLP/opus-mt-tr-en's config.json: eos 0, pad = decoder start = 58100
MARIAN: dict[str, Any] = {
    "vocab_size": 58101, "d_model": 512, "encoder_layers": 6, "decoder_layers": 6,
    "encoder_attention_heads": 8, "decoder_attention_heads": 8, "encoder_ffn_dim": 2048,
    "decoder_ffn_dim": 2048, "max_position_embeddings": 512, "pad_token_id": 58100,
    "eos_token_id": 0, "decoder_start_token_id": 58100, "forced_eos_token_id": 0,
    "scale_embedding": True, "share_encoder_decoder_embeddings": True,
}


def _lengths(n: int, seed: int) -> list[int]:
    import random

    rng = random.Random(seed)
    return [max(6, min(80, round(rng.gauss(30, 9)))) for _ in range(n)]


def _batches(lengths: list[int], size: int) -> list[list[int]]:
    order = sorted(range(len(lengths)), key=lambda i: -lengths[i])
    return [order[b:b + size] for b in range(0, len(order), size)]


def _ids(torch: Any, n: int, vocab: int, low: int, g: Any) -> Any:
    return torch.randint(low, vocab - 1, (n,), generator=g)


def _encoder(torch: Any, device: str, n: int, batch: int) -> dict[str, Any]:
    from transformers import BertConfig, BertModel

    t0 = time.perf_counter()
    model: Any = BertModel(BertConfig(**LABSE))
    model = model.to(device).eval()
    build_s = time.perf_counter() - t0
    g = torch.Generator().manual_seed(0)
    lengths = _lengths(n, 1)
    # [CLS]=101 ... [SEP]=102 around random ids, as a BERT tokenizer output
    seqs = [torch.cat([torch.tensor([101]), _ids(torch, k - 2, LABSE["vocab_size"], 1000, g),
                       torch.tensor([102])]) for k in lengths]

    def run(idx: list[int]) -> None:
        width = max(len(seqs[i]) for i in idx)
        ids = torch.zeros((len(idx), width), dtype=torch.long)
        mask = torch.zeros_like(ids)
        for r, i in enumerate(idx):
            ids[r, :len(seqs[i])] = seqs[i]
            mask[r, :len(seqs[i])] = 1
        out = model(input_ids=ids.to(device), attention_mask=mask.to(device))
        out.pooler_output.float().cpu()

    return _time(torch, device, run, _batches(lengths, batch), n, build_s, model)


def _marian(torch: Any, device: str, n: int, batch: int, beam: int, new_tokens: int) -> dict[str, Any]:
    from transformers import MarianConfig, MarianMTModel

    t0 = time.perf_counter()
    model: Any = MarianMTModel(MarianConfig(**MARIAN))
    model = model.to(device).eval()
    build_s = time.perf_counter() - t0
    g = torch.Generator().manual_seed(0)
    lengths = _lengths(n, 2)
    seqs = [torch.cat([_ids(torch, k - 1, MARIAN["vocab_size"], 10, g), torch.tensor([0])]) for k in lengths]
    produced: list[int] = []

    def run(idx: list[int]) -> None:
        width = max(len(seqs[i]) for i in idx)
        ids = torch.full((len(idx), width), MARIAN["pad_token_id"], dtype=torch.long)
        mask = torch.zeros_like(ids)
        for r, i in enumerate(idx):
            ids[r, :len(seqs[i])] = seqs[i]
            mask[r, :len(seqs[i])] = 1
        out = model.generate(input_ids=ids.to(device), attention_mask=mask.to(device), num_beams=beam,
                             max_new_tokens=new_tokens, min_new_tokens=new_tokens, do_sample=False)
        produced.append(int(out.shape[1]) - 1)  # minus the decoder start token

    res = _time(torch, device, run, _batches(lengths, batch), n, build_s, model)
    res.update(beam=beam, forced_new_tokens=new_tokens, output_tokens_seen=sorted(set(produced)))
    return res


def _time(torch: Any, device: str, run: Any, batches: list[list[int]], n: int, build_s: float,
          model: Any) -> dict[str, Any]:
    with torch.inference_mode():
        run(batches[0])  # warm-up, not timed
        if device == "cuda":
            torch.cuda.synchronize()
        t0 = time.perf_counter()
        for idx in batches:
            run(idx)
        if device == "cuda":
            torch.cuda.synchronize()
        seconds = time.perf_counter() - t0
    res = {"device": device, "sentences": n, "batch": len(batches[0]), "seconds": round(seconds, 2),
           "sentences_per_s": round(n / seconds, 1), "build_s": round(build_s, 1),
           "params_m": round(sum(p.numel() for p in model.parameters()) / 1e6, 1),
           "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)}
    if device == "cuda":
        res["peak_cuda_mb"] = round(torch.cuda.max_memory_allocated() / 2**20)
    return res


def _child(args: argparse.Namespace) -> dict[str, Any]:
    import torch

    torch.set_num_threads(args.threads)
    torch.manual_seed(0)
    if args.child == "labse":
        res = _encoder(torch, args.device, args.encode_n, 32)
    else:
        res = _marian(torch, args.device, args.translate_n, 16, args.beam, args.new_tokens)
    return {"model": args.child, "threads": args.threads, "torch": torch.__version__, **res}


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--only", choices=["labse", "opus-mt"], help="run one model (default: both)")
    ap.add_argument("--threads", type=int, default=2, help="torch CPU threads (default: 2)")
    ap.add_argument("--encode-n", type=int, default=256, help="sentences to encode (default: 256)")
    ap.add_argument("--translate-n", type=int, default=64, help="sentences to translate (default: 64)")
    ap.add_argument("--beam", type=int, default=4, help="beam size (default: 4)")
    ap.add_argument("--new-tokens", type=int, default=40, help="forced output length (default: 40)")
    ap.add_argument("--device", default="cpu", help=argparse.SUPPRESS)
    ap.add_argument("--child", choices=["labse", "opus-mt"], help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.child:
        print(json.dumps(_child(args)))
        return 0
    import torch  # only to ask whether a GPU is there

    devices = ["cpu"] + (["cuda"] if torch.cuda.is_available() else [])
    names = [args.only] if args.only else ["labse", "opus-mt"]
    common = ["--threads", str(args.threads), "--encode-n", str(args.encode_n), "--translate-n",
              str(args.translate_n), "--beam", str(args.beam), "--new-tokens", str(args.new_tokens)]
    for name in names:
        for device in devices:
            cmd = [sys.executable, "-m", "benchmarks.neural_speed", "--child", name, "--device", device, *common]
            res = subprocess.run(cmd, capture_output=True, text=True, check=False)
            if res.returncode != 0:
                sys.stderr.write(res.stderr)
                return res.returncode
            print(res.stdout.strip().splitlines()[-1], flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
