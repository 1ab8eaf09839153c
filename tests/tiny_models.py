"""Tiny real models built from scratch for tests (never downloaded).

Each section belongs to one scorer's tests; builders write under a directory the caller
gives (a pytest ``tmp_path_factory`` folder) and are deterministic for a fixed seed.
"""
from __future__ import annotations

import warnings
from collections.abc import Sequence
from pathlib import Path
from typing import Any

# --- Marian ---
# A tiny MarianMT model (Turkish -> English) built from scratch and overfitted on the
# pairs below, for tests of the ``mt`` scorer. Nothing is downloaded: SentencePiece is
# trained on the pairs, the model is trained with AdamW until greedy decoding reproduces
# every training target. The pairs were written for these tests (no licence constraints).
MARIAN_PAIRS: tuple[tuple[str, str], ...] = (
    ("Hükümet yeni ekonomik önlemleri açıkladı.", "The government announced new economic measures."),
    ("Enflasyon geçen ay yüzde on iki oldu.", "Inflation was twelve percent last month."),
    ("Merkez bankası faizleri sabit tuttu.", "The central bank kept interest rates steady."),
    ("Ankara'da şiddetli kar yağışı yolları kapattı.", "Heavy snow closed the roads in Ankara."),
    ("Belediye yeni bir park inşa edecek.", "The municipality will build a new park."),
    ("Futbol takımı dün akşam maçı kazandı.", "The football team won the match last night."),
    ("Öğretmenler maaş artışı için grev yaptı.", "Teachers went on strike for a pay rise."),
    ("Bakan gazetecilerin sorularını yanıtladı.", "The minister answered the questions of journalists."),
    ("İstanbul'da trafik sabah saatlerinde durdu.", "Traffic stopped in Istanbul in the morning hours."),
    ("Deprem bölgesinde evler yeniden yapılıyor.", "Houses are being rebuilt in the earthquake zone."),
    ("Mahkeme davayı gelecek aya erteledi.", "The court postponed the case to next month."),
    ("Seçimler mayıs ayında yapılacak.", "The elections will be held in May."),
    ("Fabrika işçileri daha iyi koşullar istiyor.", "Factory workers want better conditions."),
    ("Turist sayısı bu yıl arttı.", "The number of tourists increased this year."),
    ("Yangın ormanın büyük bir kısmını yaktı.", "The fire burned a large part of the forest."),
    ("Üniversite öğrencileri kütüphanede çalışıyor.", "University students are studying in the library."),
    ("Hastaneye yeni doktorlar atandı.", "New doctors were appointed to the hospital."),
    ("Çiftçiler kuraklıktan şikayet ediyor.", "Farmers are complaining about the drought."),
    ("Köprü inşaatı iki yıl sürecek.", "The construction of the bridge will take two years."),
    ("Polis şüpheliyi havalimanında yakaladı.", "The police caught the suspect at the airport."),
    ("Benzin fiyatları yine yükseldi.", "Petrol prices rose again."),
    ("Cumhurbaşkanı Almanya'yı ziyaret etti.", "The president visited Germany."),
    ("Müze yarın ziyaretçilere açılacak.", "The museum will open to visitors tomorrow."),
    ("Yağmur nedeniyle konser iptal edildi.", "The concert was cancelled because of the rain."),
    ("Şirket yüz kişiyi işe aldı.", "The company hired one hundred people."),
    ("Okullar eylülde yeniden açılıyor.", "Schools reopen in September."),
    ("Meclis yeni yasayı kabul etti.", "Parliament passed the new law."),
    ("Gemi limana güvenle ulaştı.", "The ship reached the port safely."),
    ("Doktorlar grip aşısı öneriyor.", "Doctors recommend the flu vaccine."),
    ("Kitap fuarı binlerce okur çekti.", "The book fair attracted thousands of readers."),
    ("Nehir taştı ve köyleri su bastı.", "The river overflowed and flooded the villages."),
    ("Bilim insanları yeni bir tür keşfetti.", "Scientists discovered a new species."),
    ("İhracat geçen yıla göre azaldı.", "Exports fell compared with last year."),
    ("Tren seferleri iki gün durduruldu.", "Train services were stopped for two days."),
    ("Vali halkı sakin olmaya çağırdı.", "The governor called on the public to stay calm."),
    ("Sergi Picasso'nun eserlerini gösteriyor.", "The exhibition shows the works of Picasso."),
)


def _marian_spm(corpus: Path, prefix: Path, vocab_size: int) -> None:
    import sentencepiece as spm

    # Marian's own vocab.json maps pieces to ids; SentencePiece only segments. No BOS
    # (Marian does not use one); </s> and <unk> are the special tokens vocab.json keeps.
    spm.SentencePieceTrainer.train(
        input=str(corpus), model_prefix=str(prefix), vocab_size=vocab_size,
        model_type="unigram", character_coverage=1.0, hard_vocab_limit=False,
        unk_id=0, bos_id=-1, eos_id=1, pad_id=-1, num_threads=1, minloglevel=2,
        seed_sentencepiece_size=20000, shuffle_input_sentence=False,
    )


def build_tiny_marian(out: Path, pairs: Sequence[tuple[str, str]] = MARIAN_PAIRS,
                      steps: int = 400, seed: int = 0) -> dict[str, Any]:
    """Train a tiny tr->en MarianMT model on ``pairs`` and save model + tokenizer in ``out``.

    One joint SentencePiece model serves as both ``source.spm`` and ``target.spm``;
    ``vocab.json`` is ``</s>`` = 0, ``<unk>`` = 1, every other piece, then ``<pad>``
    (last id, also the decoder start, as in the OPUS-MT conversions). Training stops as
    soon as greedy decoding reproduces every target (checked every 10 steps from 50; about
    100 steps, ~3 s of one CPU core). One torch thread: deterministic, and on a busy 2-core
    machine two threads ran 3-10x slower (spin-waiting). Returns {"steps", "seconds",
    "exact"} (exact: targets reproduced at the end).
    """
    import json
    import shutil
    import time

    import sentencepiece as spm
    import torch
    from transformers import MarianConfig, MarianMTModel, MarianTokenizer

    t0 = time.perf_counter()
    out.mkdir(parents=True, exist_ok=True)
    work = out / "_spm"
    work.mkdir(exist_ok=True)
    corpus = work / "corpus.txt"
    corpus.write_text("\n".join(s for p in pairs for s in p) + "\n", encoding="utf-8")
    _marian_spm(corpus, work / "joint", 320)
    sp = spm.SentencePieceProcessor(model_file=str(work / "joint.model"))
    pieces = [sp.id_to_piece(i) for i in range(sp.get_piece_size())
              if not sp.is_control(i) and not sp.is_unknown(i)]
    vocab = {"</s>": 0, "<unk>": 1}
    for p in pieces:
        vocab.setdefault(p, len(vocab))
    vocab["<pad>"] = len(vocab)
    for name in ("source.spm", "target.spm"):
        (out / name).write_bytes((work / "joint.model").read_bytes())
    (out / "vocab.json").write_text(json.dumps(vocab, ensure_ascii=False), encoding="utf-8")
    shutil.rmtree(work)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # "Recommended: pip install sacremoses."
        tok = MarianTokenizer(str(out / "source.spm"), str(out / "target.spm"),
                              str(out / "vocab.json"), source_lang="tr", target_lang="en")
    pad = vocab["<pad>"]
    cfg = MarianConfig(
        vocab_size=len(vocab), d_model=64, encoder_layers=2, decoder_layers=2,
        encoder_attention_heads=4, decoder_attention_heads=4, encoder_ffn_dim=128,
        decoder_ffn_dim=128, max_position_embeddings=128, dropout=0.0, attention_dropout=0.0,
        activation_dropout=0.0, pad_token_id=pad, eos_token_id=0, forced_eos_token_id=0,
        decoder_start_token_id=pad, bos_token_id=None, scale_embedding=True,
    )
    threads = torch.get_num_threads()
    torch.set_num_threads(1)
    try:
        torch.manual_seed(seed)
        model = MarianMTModel(cfg)
        src = [p[0] for p in pairs]
        tgt = [p[1] for p in pairs]
        batch = tok(src, text_target=tgt, return_tensors="pt", padding=True)
        labels = batch["labels"].masked_fill(batch["labels"] == pad, -100)
        opt = torch.optim.AdamW(model.parameters(), lr=5e-3, weight_decay=0.0)
        done, exact = 0, False
        for step in range(1, steps + 1):
            model.train()
            loss = model(input_ids=batch["input_ids"], attention_mask=batch["attention_mask"],
                         labels=labels).loss
            opt.zero_grad()
            loss.backward()
            opt.step()
            done = step
            if step >= 50 and step % 10 == 0:
                model.eval()
                with torch.no_grad():
                    gen = model.generate(  # type: ignore[misc]  # transformers' stub
                        input_ids=batch["input_ids"], attention_mask=batch["attention_mask"],
                        num_beams=1, max_length=64)
                if tok.batch_decode(gen, skip_special_tokens=True) == tgt:
                    exact = True
                    break
        model.eval()
        model.save_pretrained(out)
        tok.save_pretrained(out)
    finally:
        torch.set_num_threads(threads)
    return {"steps": done, "seconds": time.perf_counter() - t0, "exact": exact}


# --- BERT ---
# A tiny BertModel + WordPiece tokenizer for tests of the ``embed`` scorer, built from
# scratch (nothing downloaded, no training). Random weights cannot tell translations
# apart, so with ``bag=True`` the model is made meaningful by construction: the Turkish
# and English words of each pair in ``ties`` share one random word-embedding row, every
# other row (untied words, specials, punctuation) is zero, position and token-type
# embeddings are zero, and each layer's attention-output and FFN-output projections are
# zero. Each layer then returns LayerNorm(x + 0) = x, so the last hidden state of a token
# is LayerNorm(its word vector) and mean pooling is a bag of tied words: a sentence and its
# translation get (nearly) the same vector. ``untied="random"`` gives every other word its
# own random vector instead (unrelated words then dilute a bag, as with a real encoder). The pairs and ties were written for these
# tests (a drone-strike news story, as in samples/bayraktar; no licence constraints).
BERT_PAIRS: tuple[tuple[str, str], ...] = (
    ("Ukrayna ordusu Donbas bölgesinde bir topçu mevziini vurdu.",
     "The Ukrainian army hit an artillery position in the Donbas region."),
    ("Saldırıda Türkiye'den alınan bir Bayraktar kullanıldı.",
     "A Bayraktar bought from Turkey was used in the attack."),
    ("Rusya saldırıyı sert bir dille kınadı.", "Russia condemned the attack in harsh words."),
    ("Kremlin sözcüsü Peskov Ankara'yı uyardı.", "Kremlin spokesman Peskov warned Ankara."),
    ("Uzmanlar gerginliğin artabileceğini söylüyor.", "Experts say that the tension may grow."),
    ("Ateşkes anlaşması Minsk'te imzalanmıştı.", "The ceasefire agreement was signed in Minsk."),
    ("Bir Ukrayna askeri hayatını kaybetti. Bir asker de yaralandı.",
     "One Ukrainian soldier died and another soldier was wounded."),
    ("Ankara henüz bir açıklama yapmadı.", "Ankara has not yet made a statement."),
    ("NATO gelişmeleri yakından izliyor.", "NATO is closely following the developments."),
    ("Görüntüler sosyal medyada paylaşıldı.", "The images were shared on social media."),
    ("Fiyatlar geçen hafta yükseldi.", "Prices rose last week."),
    ("Hava yarın yağmurlu olacak.", "The weather will be rainy tomorrow."),
    ("Belediye yeni bir park açtı.", "The municipality opened a new park."),
    ("Öğrenciler sınavlara hazırlanıyor.", "Students are preparing for the exams."),
)
BERT_TIES: tuple[tuple[str, str], ...] = (
    ("ukrayna", "ukrainian"), ("ordusu", "army"), ("donbas", "donbas"),
    ("bölgesinde", "region"), ("topçu", "artillery"), ("mevziini", "position"),
    ("vurdu", "hit"), ("saldırıda", "attack"), ("saldırıyı", "attack"), ("türkiye", "turkey"),
    ("alınan", "bought"), ("bayraktar", "bayraktar"), ("kullanıldı", "used"),
    ("rusya", "russia"), ("kınadı", "condemned"), ("sert", "harsh"), ("dille", "words"),
    ("kremlin", "kremlin"), ("sözcüsü", "spokesman"), ("peskov", "peskov"),
    ("ankara", "ankara"), ("uyardı", "warned"), ("uzmanlar", "experts"),
    ("gerginliğin", "tension"), ("artabileceğini", "grow"), ("söylüyor", "say"),
    ("ateşkes", "ceasefire"), ("anlaşması", "agreement"), ("minsk", "minsk"),
    ("imzalanmıştı", "signed"), ("askeri", "soldier"), ("asker", "soldier"),
    ("hayatını", "died"), ("kaybetti", "died"), ("yaralandı", "wounded"),
    ("henüz", "yet"), ("açıklama", "statement"), ("nato", "nato"),
    ("gelişmeleri", "developments"), ("yakından", "closely"), ("izliyor", "following"),
    ("görüntüler", "images"), ("sosyal", "social"), ("medyada", "media"),
    ("paylaşıldı", "shared"), ("fiyatlar", "prices"), ("geçen", "last"), ("hafta", "week"),
    ("yükseldi", "rose"), ("hava", "weather"), ("yarın", "tomorrow"), ("yağmurlu", "rainy"),
    ("belediye", "municipality"), ("yeni", "new"), ("park", "park"), ("açtı", "opened"),
    ("öğrenciler", "students"), ("sınavlara", "exams"), ("hazırlanıyor", "preparing"),
)
BERT_SPECIALS = ("[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]")


def bert_words(texts: Sequence[str]) -> list[str]:
    """Distinct words of ``texts`` as a lower-casing BERT tokenizer splits them (lower case,
    accents stripped, punctuation split off), in first-seen order."""
    from transformers import BertTokenizer

    tok = BertTokenizer(vocab={w: i for i, w in enumerate(BERT_SPECIALS)})
    norm, pre = tok.backend_tokenizer.normalizer, tok.backend_tokenizer.pre_tokenizer
    words: dict[str, None] = {}
    for text in texts:
        for w, _ in pre.pre_tokenize_str(norm.normalize_str(text)):
            words.setdefault(w, None)
    return list(words)


def build_tiny_bert(out: Path, texts: Sequence[str] | None = None,
                    ties: Sequence[tuple[str, str]] = BERT_TIES, *, bag: bool = True,
                    untied: str = "zero", hidden: int = 32, seed: int = 0) -> Path:
    """Save a tiny ``BertModel`` and its WordPiece tokenizer in ``out``; return ``out``.

    Vocabulary: the specials, then every word of ``texts`` (default: both sides of
    ``BERT_PAIRS``) and of ``ties``, whole words only. ``bag=True`` builds the
    bag-of-tied-words model described above (``ties``: (Turkish, English) word pairs
    sharing a vector; chains of ties share one; ``untied``: "zero" or "random" vectors for
    the other words — specials and punctuation are always zero); ``bag=False`` keeps the random
    initialisation (for pooling tests). Deterministic for a fixed ``seed``.
    """
    import torch
    from transformers import BertConfig, BertModel, BertTokenizer

    if texts is None:
        texts = [s for pair in BERT_PAIRS for s in pair]
    tie_words = [bert_words([w]) for pair in ties for w in pair]
    words = bert_words([*texts, *(w for pair in ties for w in pair)])
    vocab = {w: i for i, w in enumerate(dict.fromkeys([*BERT_SPECIALS, *words]))}
    out.mkdir(parents=True, exist_ok=True)
    tok = BertTokenizer(vocab=vocab, do_lower_case=True)
    cfg = BertConfig(vocab_size=len(vocab), hidden_size=hidden, num_hidden_layers=2,
                     num_attention_heads=2, intermediate_size=2 * hidden,
                     max_position_embeddings=128)
    torch.manual_seed(seed)
    model = BertModel(cfg).eval()
    if bag:
        root: dict[int, int] = {}

        def find(i: int) -> int:
            while root.setdefault(i, i) != i:
                i = root[i]
            return i

        for k in range(0, len(tie_words), 2):
            tr, en = tie_words[k], tie_words[k + 1]
            if len(tr) != 1 or len(en) != 1:
                raise ValueError(f"tie {tr}={en} is not one word on each side")
            root[find(vocab[tr[0]])] = find(vocab[en[0]])
        gen = torch.Generator().manual_seed(seed)
        groups: dict[int, torch.Tensor] = {}
        weight = torch.zeros(len(vocab), hidden)
        for i in sorted(root):
            r = find(i)
            if r not in groups:
                groups[r] = torch.randn(hidden, generator=gen)
            weight[i] = groups[r]
        if untied == "random":
            for w, i in vocab.items():
                if i not in root and w not in BERT_SPECIALS and any(c.isalnum() for c in w):
                    weight[i] = torch.randn(hidden, generator=gen)
        with torch.no_grad():
            emb = model.embeddings
            emb.word_embeddings.weight.copy_(weight)
            emb.position_embeddings.weight.zero_()
            emb.token_type_embeddings.weight.zero_()
            for layer in model.encoder.layer:
                for lin in (layer.attention.output.dense, layer.output.dense):
                    lin.weight.zero_()
                    lin.bias.zero_()
    model.save_pretrained(out)
    tok.save_pretrained(out)
    return out
