"""Sentence translation with a local seq2seq model (MarianMT, NLLB, M2M100).

The model is resolved with :func:`align.neural.models.resolve` (a local directory or the
Hugging Face cache, never the network) and loaded with ``AutoTokenizer`` and
``AutoModelForSeq2SeqLM`` (``local_files_only=True``) on first use. Translation is
``model.generate(num_beams=beam, max_length=max_length)`` over batches of sentences
sorted by length; results are cached on disk (:class:`align.neural.cache.TranslationCache`)
under a key that names the model files, the decoding parameters and the language pair.

Language handling by model family:

* Marian (OPUS-MT): one direction per model; a multilingual target side
  (``>>eng<<`` tokens in the vocabulary) gets the target's ISO 639-3 prefix.
* NLLB: FLORES-200 codes (``tur_Latn``); the tokenizer's ``src_lang`` is set and
  ``forced_bos_token_id`` is the target code's id.
* M2M100: ISO 639-1 codes (``tr``) the same way.
"""
from __future__ import annotations

import logging
import warnings
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from align.errors import AlignError

log = logging.getLogger("align")

# ISO 639-1 -> ISO 639-3 for the languages this project handles; NLLB's FLORES-200 code
# is the 639-3 code plus the script (all Latin here).
ISO3 = {"tr": "tur", "en": "eng", "de": "deu", "fr": "fra", "is": "isl"}
NLLB_CODES = {iso: f"{code}_Latn" for iso, code in ISO3.items()}

FAMILIES = ("marian", "nllb", "m2m", "other")


def model_family(model_type: str, tokenizer_class: str = "") -> str:
    """"marian" | "nllb" | "m2m" | "other" from ``config.model_type`` and the tokenizer's class name.

    NLLB checkpoints have model_type ``m2m_100``; only the tokenizer tells them apart.
    """
    if tokenizer_class.lower().startswith("nllb"):
        return "nllb"
    if model_type == "marian":
        return "marian"
    if model_type == "m2m_100":
        return "m2m"
    return "other"


def lang_code(family: str, lang: str) -> str | None:
    """The model family's code for language ``lang`` (ISO 639-1, or already a model code).

    nllb: ``tr`` -> ``tur_Latn``; m2m: ``tr`` -> ``tr``; marian: ``tr`` -> ``tur`` (used
    as ``>>tur<<``); other: None. A code already in the family's form is returned as is.
    Raises AlignError for an ISO code the table does not know.
    """
    if family not in FAMILIES:
        raise ValueError(f"unknown model family {family!r} (known: {', '.join(FAMILIES)})")
    if family == "other":
        return None
    base = lang.strip()
    if family == "nllb":
        if "_" in base:
            return base
        table = NLLB_CODES
    elif family == "marian":
        if len(base) == 3:
            return base
        table = ISO3
    else:
        return base.lower()
    code = table.get(base.lower())
    if code is None:
        raise AlignError(f"no {family} language code for {lang!r} (known: {', '.join(sorted(table))}); "
                         "pass the model's own code as src_lang/tgt_lang")
    return code


class Translator:
    """A seq2seq model that translates sentences, loaded lazily, with a disk cache.

    ``model``: a model id in the local Hugging Face cache or a local directory.
    ``generate_calls`` counts batches sent to ``model.generate`` (cache hits send none).
    """

    def __init__(self, model: str, beam: int = 4, max_length: int = 256, batch_size: int = 16,
                 device: str = "auto", cache_dir: str | Path | None = None) -> None:
        if beam < 1 or max_length < 1 or batch_size < 1:
            raise AlignError(f"beam, max_length and batch_size must be >= 1 "
                             f"(got {beam}, {max_length}, {batch_size})")
        self.model_name = model
        self.beam, self.max_length, self.batch_size = beam, max_length, batch_size
        self.device_request = device
        self.cache_dir = Path(cache_dir) if cache_dir is not None else None
        self.generate_calls = 0
        self._model_ref: Any = None
        self._loaded: tuple[Any, Any, str, str] | None = None  # tokenizer, model, device, family

    def _ref(self) -> Any:
        """The resolved :class:`align.neural.models.ModelRef` (no model loading)."""
        if self._model_ref is None:
            from align.neural.models import resolve

            self._model_ref = resolve(self.model_name)
        return self._model_ref

    def _load(self) -> tuple[Any, Any, str, str]:
        """(tokenizer, model, device, family), loaded on first call."""
        if self._loaded is not None:
            return self._loaded
        from align.neural.models import load_model, load_tokenizer
        from align.neural.runtime import pick_device

        ref = self._ref()
        device = pick_device(self.device_request)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # MarianTokenizer: "Recommended: pip install sacremoses."
            tok = load_tokenizer(ref)
            model = load_model(ref, "seq2seq", device)
        family = model_family(getattr(model.config, "model_type", ""), type(tok).__name__)
        log.info("translation model %s (%s) on %s", ref.name, family, device)
        self._loaded = (tok, model, device, family)
        return self._loaded

    @property
    def family(self) -> str:
        """Model family (loads the model)."""
        return self._load()[3]

    def cache_key(self, src_lang: str | None, tgt_lang: str | None) -> str:
        """Key of the translation cache: the model's ``name@revision`` (snapshot commit, or
        a hash of a directory's config and weights), decoding parameters, language pair."""
        return (f"{self._ref().key}|beam={self.beam}|max_length={self.max_length}"
                f"|{src_lang or ''}>{tgt_lang or ''}")

    def translate(self, texts: Sequence[str], src_lang: str | None = None,
                  tgt_lang: str | None = None) -> list[str]:
        """Translations of ``texts``, same length and order; empty input -> "".

        ``src_lang``/``tgt_lang``: ISO 639-1 (or the model's own codes); needed by NLLB and
        M2M100, used by multilingual Marian targets, ignored otherwise.
        """
        from align.neural.cache import TranslationCache

        out = ["" for _ in texts]
        todo = [i for i, t in enumerate(texts) if t.strip()]
        if not todo:
            return out
        cache = TranslationCache(self.cache_key(src_lang, tgt_lang), self.cache_dir)
        try:
            wanted = [texts[i] for i in todo]
            hits = cache.get_many(wanted)
            for k, tr in hits.items():
                out[todo[k]] = tr
            missing = sorted({w for k, w in enumerate(wanted) if k not in hits}, key=len, reverse=True)
            if missing:
                done = self._generate(missing, src_lang, tgt_lang)
                cache.put_many(missing, done)
                by_text = dict(zip(missing, done))
                for k, w in enumerate(wanted):
                    if k not in hits:
                        out[todo[k]] = by_text[w]
        finally:
            cache.close()
        return out

    def _generate(self, texts: list[str], src_lang: str | None, tgt_lang: str | None) -> list[str]:
        """Translate unique non-empty ``texts`` (already sorted by length) in batches."""
        from align.neural.runtime import torch_module

        torch = torch_module()
        tok, model, device, family = self._load()
        # Never past the model's position table (generate would index out of range).
        limit = getattr(model.config, "max_position_embeddings", None) or self.max_length
        max_len = min(self.max_length, int(limit))
        gen_kw: dict[str, Any] = {"num_beams": self.beam, "max_length": max_len}
        prefix = ""
        if family in ("nllb", "m2m"):
            if not src_lang or not tgt_lang:
                raise AlignError(f"model {self.model_name} ({family}) needs the source and target "
                                 "languages; pass src_lang and tgt_lang")
            tok.src_lang = lang_code(family, src_lang)
            tgt = lang_code(family, tgt_lang)
            get_id = getattr(tok, "get_lang_id", None) if family == "m2m" else None
            gen_kw["forced_bos_token_id"] = get_id(tgt) if get_id else tok.convert_tokens_to_ids(tgt)
        elif family == "marian" and tgt_lang and getattr(tok, "supported_language_codes", None):
            code = f">>{ISO3.get(tgt_lang.lower(), tgt_lang)}<<"
            if code in tok.supported_language_codes:
                prefix = code + " "
        out: list[str] = []
        for b in range(0, len(texts), self.batch_size):
            batch = [prefix + t for t in texts[b:b + self.batch_size]]
            enc = tok(batch, return_tensors="pt", padding=True, truncation=True,
                      max_length=max_len).to(device)
            with torch.inference_mode():
                ids = model.generate(**enc, **gen_kw)
            self.generate_calls += 1
            out += [s.strip() for s in tok.batch_decode(ids, skip_special_tokens=True)]
        return out


__all__ = ["ISO3", "NLLB_CODES", "Translator", "lang_code", "model_family"]
