"""Dutch/English detection: the old function-word count against trustlex.lang.detect.

Usage: python benchmarks/langdetect.py [--corpora ../shared/corpora] [--seed 0] [--sentences 1200]
       [--runs 3]

Prints, for "function words (before)" (the detector trustlex had until this
benchmark was written, copied below) and for ``detect_language`` (after):

1. accuracy on about --sentences corpus sentences drawn at random (seeded)
   from every corpus, half Dutch (three corpora), half English (four),
   at most two per document, cut by trustlex's own sentencizer; sentences
   under 3 words are left out;
2. accuracy on Dutch comments of 1-3 words: the titles of the bol.com
   reviews (a review's text up to its first ". " or line break), kept when
   they have 1 to 3 words;
3. accuracy on English titles of 1-3 words: the first line of each
   Glassdoor review, so that English does not pay for Dutch;
4. texts per second on the sentences of 1 and on whole documents (the
   first 500 of each corpus, as the folder scorer sees them), each the best
   of --runs fresh processes: the first pass, where every word is new to
   the new detector's per-word cache, and a repeated pass.

A text without evidence gets the default, "en", in both detectors (that is
why the old one does well on English titles). For the new one, the share of
texts without evidence is shown too, and the Dutch titles are also scored
as one batch by ``detect_languages``, where such texts take the batch's
majority language. Figures only; nothing is asserted.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

CORPORA = {
    "nl": [
        "nl-regelgeving/nl-regelgeving.jsonl",
        "nl-bol-reviews/nl-bol-reviews.jsonl",
        "nl-twnc-news-sentences/nl-twnc-news-sentences.jsonl",
    ],
    "en": [
        "en-glassdoor-2025/en-glassdoor-2025.jsonl",
        "en-austin-community-survey/en-austin-community-survey.jsonl",
        "en-opp115-privacy/en-opp115-privacy.jsonl",
        "en-conll2010-uncertainty/en-conll2010-uncertainty.jsonl",
    ],
}

# --- the detector before (trustlex/langdetect.py until this change), verbatim ---
_NL = frozenset(
    """de het een en van ik je jij is niet dat die dit er op te zijn in met voor
    maar ook als aan bij om wat wel geen nog naar hij zij we wij ze hun heeft hebben
    was waren wordt worden zou kan moet mijn ons onze uit door over dan toch heel""".split()
)
_EN = frozenset(
    """the a an and of i you is not that this there on to are in with for but
    also as at by what no yet he she we they their has have was were be been would
    can must my our out from about than very it its do does don't management""".split()
)
_WORD = re.compile(r"[a-zà-ÿ']+")


def function_words_before(text: str, default: str = "en") -> str:
    nl = en = 0
    for word in _WORD.findall(text[:5000].lower()):
        nl += word in _NL
        en += word in _EN
    if nl == en:
        return default
    return "nl" if nl > en else "en"


# --- data ---


def read(corpora: Path, rel: str) -> list[dict]:
    with (corpora / rel).open(encoding="utf-8") as fh:
        return [json.loads(line) for line in fh]


def corpus_sentences(corpora: Path, total: int, seed: int) -> list[tuple[str, str]]:
    """(sentence, language) pairs: total/2 per language, spread evenly over its corpora."""
    import spacy

    rng = random.Random(seed)
    out: list[tuple[str, str]] = []
    for lang, rels in CORPORA.items():
        nlp = spacy.blank(lang)
        nlp.add_pipe("trustlex_sentencizer")  # trustlex's own boundaries, blank lines included
        for rel in rels:
            quota = total // 2 // len(rels)
            records = read(corpora, rel)
            rng.shuffle(records)
            picked: list[str] = []
            for doc in nlp.pipe((r["text"][:20_000] for r in records), batch_size=64):
                sents = [s.text.strip() for s in doc.sents if len(s.text.split()) >= 3]
                picked.extend(rng.sample(sents, min(2, len(sents))))
                if len(picked) >= quota:
                    break
            out.extend((s, lang) for s in picked[:quota])
    return out


def dutch_titles(corpora: Path) -> list[str]:
    titles = []
    for r in read(corpora, "nl-bol-reviews/nl-bol-reviews.jsonl"):
        title = r["text"].split("\n", 1)[0].split(". ", 1)[0].strip()
        if 1 <= len(title.split()) <= 3:
            titles.append(title)
    return titles


def english_titles(corpora: Path) -> list[str]:
    titles = []
    for r in read(corpora, "en-glassdoor-2025/en-glassdoor-2025.jsonl"):
        title = r["text"].split("\n", 1)[0].strip()
        if 1 <= len(title.split()) <= 3:
            titles.append(title)
    return titles


def documents(corpora: Path, per_corpus: int = 500) -> list[str]:
    return [r["text"] for rels in CORPORA.values() for rel in rels for r in read(corpora, rel)[:per_corpus]]


# --- measurement ---


def accuracy(detect, texts: list[str], langs: list[str]) -> float:
    return sum(detect(t) == lang for t, lang in zip(texts, langs, strict=True)) / len(texts)


def time_in_child(which: str, path: str) -> None:
    """Run in a fresh process: print JSON with load time, first-pass and repeated texts/s."""
    from trustlex.lang import detect as langdetect

    texts = json.loads(Path(path).read_text(encoding="utf-8"))
    t0 = time.perf_counter()
    if which == "before":
        detect = function_words_before
    else:
        langdetect._get_model()  # the word lists and character model, loaded once per process
        detect = langdetect.detect_language
    load = time.perf_counter() - t0
    rates = []
    for _ in range(2):  # first pass: every word new to the process; then with its caches warm
        t0 = time.perf_counter()
        for text in texts:
            detect(text)
        rates.append(len(texts) / (time.perf_counter() - t0))
    print(json.dumps({"load": load, "first": rates[0], "repeated": rates[1]}))


def speed(texts: list[str], runs: int) -> dict[str, dict[str, float]]:
    """Best of ``runs`` fresh processes per detector, alternating (see time_in_child)."""
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False, encoding="utf-8") as fh:
        json.dump(texts, fh)
    best: dict[str, dict[str, float]] = {}
    try:
        for _ in range(runs):
            for which in ("before", "after"):
                out = subprocess.run(
                    [sys.executable, __file__, "--time-child", which, fh.name],
                    check=True,
                    capture_output=True,
                    text=True,
                )
                got = json.loads(out.stdout.splitlines()[-1])
                old = best.setdefault(which, got)
                best[which] = {
                    "load": min(old["load"], got["load"]),
                    "first": max(old["first"], got["first"]),
                    "repeated": max(old["repeated"], got["repeated"]),
                }
    finally:
        Path(fh.name).unlink()
    return best


def main() -> None:
    root = Path(__file__).resolve().parents[1] / ".." / "shared" / "corpora"
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpora", type=Path, default=root)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--sentences", type=int, default=1200)
    parser.add_argument("--runs", type=int, default=3, help="fresh processes per speed figure")
    parser.add_argument("--time-child", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.time_child:
        time_in_child(*args.time_child)
        return

    import trustlex  # noqa: F401 - registers trustlex_sentencizer
    from trustlex.lang import detect as langdetect

    pairs = corpus_sentences(args.corpora, args.sentences, args.seed)
    sents, sent_langs = [s for s, _ in pairs], [lang for _, lang in pairs]
    nl_titles, en_titles = dutch_titles(args.corpora), english_titles(args.corpora)
    docs = documents(args.corpora)
    sent_speed, doc_speed = speed(sents, args.runs), speed(docs, args.runs)

    n_nl = sent_langs.count("nl")
    print(
        f"corpus sentences: {len(sents)} ({n_nl} nl from 3 corpora, "
        f"{len(sents) - n_nl} en from 4; seed {args.seed})"
    )
    print(f"Dutch titles of 1-3 words (nl-bol-reviews): {len(nl_titles)}")
    print(f"English titles of 1-3 words (en-glassdoor-2025): {len(en_titles)}")
    print(f"documents for speed: {len(docs)} (first 500 of each corpus; at most 5,000 characters are read)\n")

    detectors = (
        ("function words (before)", function_words_before, "before"),
        ("detect_language (after)", langdetect.detect_language, "after"),
    )
    rows = []
    for name, f, when in detectors:
        rows.append(
            (
                name,
                accuracy(f, sents, sent_langs),
                accuracy(f, [s for s, lang in pairs if lang == "nl"], ["nl"] * n_nl),
                accuracy(f, [s for s, lang in pairs if lang == "en"], ["en"] * (len(sents) - n_nl)),
                accuracy(f, nl_titles, ["nl"] * len(nl_titles)),
                accuracy(f, en_titles, ["en"] * len(en_titles)),
                sent_speed[when]["first"],
                doc_speed[when]["first"],
            )
        )
    print(
        f"{'':26s} {'sentences':>9s} {'(nl)':>7s} {'(en)':>7s} {'nl 1-3w':>8s} {'en 1-3w':>8s} "
        f"{'sent/s':>9s} {'docs/s':>8s}"
    )
    for name, acc, acc_nl, acc_en, t_nl, t_en, sps, dps in rows:
        print(
            f"{name:26s} {acc:9.4f} {acc_nl:7.4f} {acc_en:7.4f} {t_nl:8.4f} {t_en:8.4f} "
            f"{sps:9,.0f} {dps:8,.0f}"
        )

    print(
        f"\nspeed: best of {args.runs} fresh processes each; first pass (above) and repeated, "
        "when the new detector's per-word cache knows every word:"
    )
    for when in ("before", "after"):
        print(
            f"  {when:6s}  repeated: {sent_speed[when]['repeated']:9,.0f} sent/s "
            f"{doc_speed[when]['repeated']:8,.0f} docs/s"
        )
    print(f"new detector's model load: {sent_speed['after']['load']:.3f} s (once per process)")
    none = langdetect.detect_language_or_none
    print(
        "no evidence (detect_language_or_none is None): "
        f"sentences {sum(none(s) is None for s in sents)}, "
        f"Dutch titles {sum(none(t) is None for t in nl_titles)}, "
        f"English titles {sum(none(t) is None for t in en_titles)}"
    )
    batch = langdetect.detect_languages(nl_titles)
    print(
        "Dutch titles as one batch, detect_languages (no evidence -> majority): "
        f"{batch.count('nl') / len(batch):.4f}"
    )
    en_batch = langdetect.detect_languages(en_titles)
    print(f"English titles as one batch: {en_batch.count('en') / len(en_batch):.4f}")


if __name__ == "__main__":
    main()
