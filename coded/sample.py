"""Draw the sentences of the coded corpus from ../shared/corpora and the seed essay.

Sampled like the dev set: per corpus about a third of the sentences at
random and two thirds from a broad net of cue stems, at most two sentences
per source document (one where the corpus has enough documents), and no
document that occurs in ``dev.jsonl``. The net below was written from the
codebook's concept descriptions, wide on purpose and independent of the
shipped lexicons: it only decides which sentences are *offered* to the
coders, who see every sentence the same way.

The output holds references, not text (``corpus, doc, start, end, sha1``),
because most corpora may not be redistributed; ``materialise.py`` turns them
back into text and checks each sha1. Run once; the result is committed and
frozen (the check split is assigned here, by document, before anyone looks
at labels)::

    python coded/sample.py --shared ../shared --out coded/sentences.jsonl
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import re
import sys
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

sys.path.insert(0, str(Path(__file__).resolve().parent))
from materialise import CORPORA, doc_texts

if TYPE_CHECKING:
    from spacy.tokens import Doc

SEED = 20261202
CHECK_SHARE = 0.25  # of each corpus's documents, by a hash of the document id

# Sentences wanted per corpus (before the dev-overlap and length filters run dry).
TARGET = {
    "nl-regelgeving": 880,
    "nl-bol-reviews": 480,
    "nl-twnc-news-sentences": 270,
    "seed": 40,  # every seed sentence not in dev (the essay is one document, see README)
    "en-glassdoor-2025": 780,
    "en-austin-community-survey": 430,
    "en-opp115-privacy": 180,
    "en-conll2010-uncertainty": 250,
}

# The net: stems at a word start, wide on purpose (false hits are cheap, they
# only raise the share of sentences with a concept).
NET = {
    "en": r"""trust distrust mistrust confiden faith reli rely suspic cynic believ credib
        control rule regulat polic procedur complian comply monitor supervis oversee oversight
        audit inspect enforc violat breach sanction penalt fine approv micromanag permission
        check verif govern
        risk threat danger hazard uncertain unsure unknown expos vulnerab secur insecur safe
        unsafe harm protect fear afraid scared worr anxi
        responsib accountab owner blame fault liab excuse
        communic inform tell told listen hear heard feedback transparen open dialog discuss
        explain notif report disclos announc update ask question ignor silen dark respond
        promis deliver follow consisten inconsisten commit reliab word deed walk talk keep kept
        courag brave dare speak voice retaliat punish backlash concern
        cultur value norm behav example role model toxic standard ethic conduct
        competen incompet skill expert capab clue knowledg experienc qualif leader manag
        care caring support respect help appreciat valu kind bully harass hostil loyal
        exploit abus favorit
        honest dishonest lie lying liar fair unfair integr hypocri fraud corrupt just injust
        truth decept mislead
        pressur stress burnout overwork workload layoff laid fired job insecur turbulen
        reorgani restructur contract depend overload chaos unstable instab""",
    "nl": r"""vertrouw wantrouw geloof betrouw achterdocht argwaan cynis
        controle controler regel procedure protocol afspra naleving naleven toezicht toezien
        inspectie handhav overtred sanctie boete straf verplicht goedkeur vergunning micromanag
        verantwoording audit keur meld registr
        risico gevaar dreig onzeker veilig onveilig kwetsba bescherm angst bang vrees zorgen
        verantwoordelijk aansprakelijk eigenaar schuld verwijt excuus
        communic informe inlicht vertel luister gehoord hoor gesprek overleg feedback
        transparan open dialoog uitleg uitgelegd toelicht bericht mededel vraag gevraagd
        negeer genegeerd reactie duister
        belof belov beloofd nakom nagekom consequent consisten toezeg uitvoer doen zeggen
        moed durf durv dapper uitspre kritiek
        norm waarde gedrag voorbeeld cultuur ethiek ethisch fatsoen gewenst
        deskund competent incompetent vakkundig kundig bekwaam onbekwaam capabel kennis ervaring
        leiding manag directie bestuur
        zorg steun ondersteun respect waarder help hulp loyal uitbuit pesten gepest intimid
        eerlijk oneerlijk integer integriteit lieg loog leugen fraude corrupt rechtvaard
        onrecht bedrog misleid
        druk stress werkdruk burn overbelast ontslag reorganis contract afhankelijk
        baanzeker onrust chaos instabiel""",
}


def net_pattern(lang: str) -> re.Pattern[str]:
    """The cue-stem net of one language as one regex: any stem at the start of a word."""
    stems = sorted(set(NET[lang].split()), key=len, reverse=True)
    return re.compile(r"(?<![^\W\d_])(?:" + "|".join(map(re.escape, stems)) + ")", re.IGNORECASE)


def dev_docs(shared: Path) -> dict[str, set[str]]:
    """Documents that occur in dev.jsonl, per corpus folder (opp115 segments count as their policy)."""
    rename = {
        "en-glassdoor": "en-glassdoor-2025",
        "en-austin": "en-austin-community-survey",
        "en-opp115": "en-opp115-privacy",
        "nl-twnc-news": "nl-twnc-news-sentences",
    }
    out: dict[str, set[str]] = {}
    for line in (shared / "gold" / "dev.jsonl").read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        corpus = rename.get(row["corpus"], row["corpus"])
        doc = row["doc"]
        if corpus == "en-opp115-privacy":
            doc = "-".join(doc.split("-")[:2])  # opp115-1083-009 -> opp115-1083
        out.setdefault(corpus, set()).add(doc)
    return out


def dev_texts(shared: Path) -> set[str]:
    """Dev sentence texts, squeezed, to leave the seed essay's dev sentences out."""
    rows = (json.loads(x) for x in (shared / "gold" / "dev.jsonl").read_text(encoding="utf-8").splitlines())
    return {squeeze(r["text"]) for r in rows if r["corpus"] == "seed"}


def squeeze(text: str) -> str:
    """Lower-case letters only, to compare sentences whatever their spacing and hyphenation."""
    return re.sub(r"[^\w]+", "", text.lower())


def splitter(lang: str) -> Callable[[str], Doc]:
    """A blank spaCy pipeline of ``lang`` whose sentences are trustlex's own (blank lines included)."""
    import spacy

    from trustlex.lang.sentences import FastSentencizer

    nlp = spacy.blank(lang)
    nlp.max_length = 30_000_000
    sentencizer = FastSentencizer(nlp.vocab)
    return lambda text: sentencizer(nlp.make_doc(text))


def sentences(split: Callable[[str], Doc], text: str) -> list[tuple[int, int]]:
    """Sentence (start, end) character offsets, whitespace trimmed."""
    out = []
    for sent in split(text).sents:
        start, end = sent.start_char, sent.end_char
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if end > start:
            out.append((start, end))
    return out


def usable(text: str) -> bool:
    """A unit a coder can read: 3 to 70 words, at least three of them words of letters."""
    words = text.split()
    letters = sum(1 for w in words if sum(c.isalpha() for c in w) >= 2)
    return 3 <= len(words) <= 70 and letters >= 3 and letters >= 0.5 * len(words)


def in_check(corpus: str, doc: str) -> bool:
    """The frozen split: a document is in check when its salted hash falls in the lowest quarter."""
    h = int(hashlib.sha1(f"trustlex-check|{corpus}|{doc}".encode()).hexdigest()[:8], 16)
    return corpus != "seed" and h / 0xFFFFFFFF < CHECK_SHARE


def reference(corpus: str, lang: str, doc: str, unit: tuple[int, int, str], stratum: str) -> dict:
    """One sampled sentence as a reference row: where it is, its sha1, how it was drawn, its split."""
    start, end, text = unit
    return {
        "corpus": corpus,
        "lang": lang,
        "doc": doc,
        "start": start,
        "end": end,
        "sha1": hashlib.sha1(text.encode("utf-8")).hexdigest(),
        "stratum": stratum,
        "split": "check" if in_check(corpus, doc) else "train",
    }


def draw(shared: Path) -> list[dict]:
    """Draw every corpus's sentences; return reference rows (no text) with stratum and split."""
    excluded = dev_docs(shared)
    seed_dev = dev_texts(shared)
    rows: list[dict] = []
    for corpus, (lang, _path) in CORPORA.items():
        split = splitter(lang)
        net = net_pattern(lang)
        rng = random.Random(f"{SEED}|{corpus}")
        # The seed essay is one document and in dev: only its sentences that dev lacks are drawn.
        skip = excluded.get(corpus, set()) if corpus != "seed" else set()
        docs = [(d, t) for d, t in doc_texts(shared, corpus) if d not in skip]
        rng.shuffle(docs)
        want = TARGET[corpus]
        taken: Counter[str] = Counter()
        picked: list[dict] = []
        for round_cap in (1, 2) if corpus != "seed" else (1,):
            for doc, text in docs:
                if len(picked) >= want:
                    break
                if taken[doc] >= round_cap:
                    continue
                units = []
                for start, end in sentences(split, text):
                    unit = text[start:end]
                    if usable(unit) and not (corpus == "seed" and squeeze(unit) in seed_dev):
                        units.append((start, end, unit))
                already = {(r["start"], r["end"]) for r in picked if r["doc"] == doc}
                units = [u for u in units if (u[0], u[1]) not in already]
                if not units:
                    continue
                stratum = "random" if len(picked) % 3 == 0 else "net"  # a third at random
                if corpus == "seed":
                    stratum = "all"
                    chosen = units
                else:
                    hits = [u for u in units if net.search(u[2])]
                    if stratum == "net" and not hits:
                        continue  # the next document may hold a net hit
                    chosen = [rng.choice(hits if stratum == "net" else units)]
                for start, end, unit in chosen:
                    picked.append(reference(corpus, lang, doc, (start, end, unit), stratum))
                    taken[doc] += 1
        rows.extend(picked)
        print(corpus, len(picked), Counter(r["stratum"] for r in picked), file=sys.stderr)
    rng = random.Random(SEED)
    rng.shuffle(rows)
    for i, row in enumerate(rows):
        row["id"] = f"c{i:04d}"
    return rows


# Later rounds (later stops): more training sentences, from train documents only.
TARGETS = {
    2: {
        "nl-regelgeving": 200,
        "nl-bol-reviews": 130,
        "nl-twnc-news-sentences": 70,
        "en-glassdoor-2025": 200,
        "en-austin-community-survey": 110,
        "en-opp115-privacy": 40,
        "en-conll2010-uncertainty": 50,
    },
    # Dutch scored lower on the check split: round 3 leans Dutch.
    3: {
        "nl-regelgeving": 240,
        "nl-bol-reviews": 150,
        "nl-twnc-news-sentences": 40,
        "en-glassdoor-2025": 190,
        "en-austin-community-survey": 80,
        "en-conll2010-uncertainty": 20,
    },
    4: {
        "nl-regelgeving": 200,
        "nl-bol-reviews": 160,
        "nl-twnc-news-sentences": 40,
        "en-glassdoor-2025": 250,
        "en-austin-community-survey": 120,
        "en-conll2010-uncertainty": 30,
    },
    # a fresh round to validate context rules on before they are tuned (then train material)
    5: {
        "nl-regelgeving": 180,
        "nl-bol-reviews": 140,
        "nl-twnc-news-sentences": 10,
        "en-glassdoor-2025": 200,
        "en-austin-community-survey": 130,
        "en-conll2010-uncertainty": 20,
    },
}
# fresh text for the lexicons and referents of a later stop, measured once before any work looks at
# it (then train material): the strata of round 5
TARGETS[6] = dict(TARGETS[5])
# round 7 (a later stop): fresh text for the lexicons of round 9, the same strata
TARGETS[7] = dict(TARGETS[5])
# round 8 (a later stop): fresh text for the lexicons and referents of round 19, the same strata
TARGETS[8] = dict(TARGETS[5])
# round 9 (a later stop): fresh text for the precision and referent work of round 20; the Dutch pools
# are nearly spent, so it asks for what is left there and leans English
TARGETS[9] = {
    "nl-regelgeving": 180,
    "nl-bol-reviews": 140,
    "nl-twnc-news-sentences": 10,
    "en-glassdoor-2025": 230,
    "en-austin-community-survey": 150,
    "en-conll2010-uncertainty": 20,
}
# round 10 (a later stop): fresh text for round 21; the Dutch pools are spent under the cap of two
# sentences per document, so it is English only
TARGETS[10] = {
    "en-glassdoor-2025": 260,
    "en-austin-community-survey": 150,
    "en-conll2010-uncertainty": 20,
}
# round 11 (a later stop): fresh text for round 22, English only as round 10
TARGETS[11] = dict(TARGETS[10])
# round 12 (a later stop): fresh text for round 23, English only; Glassdoor has the most room left
TARGETS[12] = {
    "en-glassdoor-2025": 320,
    "en-austin-community-survey": 150,
    "en-conll2010-uncertainty": 20,
}

# round 13 (a later stop): fresh text for round 24; the Austin pool is spent under the cap of two
# sentences per document, so Glassdoor and Wikipedia only
TARGETS[13] = {
    "en-glassdoor-2025": 340,
    "en-conll2010-uncertainty": 20,
}

# round 14 (a later stop): fresh text for round 25, the same strata as round 13
TARGETS[14] = dict(TARGETS[13])

# round 15 (a later stop): fresh text for round 26, the same strata as round 13
TARGETS[15] = dict(TARGETS[13])

# round 16 (a later stop): fresh Dutch text for round 26. No Dutch train document left under the cap
# of two holds a sentence the cue net finds, so this round is drawn at random only (RANDOM_ONLY): it
# measures the lexicons on ordinary reviews and news, where concepts are rarer than in the net's.
TARGETS[16] = {
    "nl-bol-reviews": 230,
    "nl-twnc-news-sentences": 70,
}
RANDOM_ONLY = {16}

# round 17 (a later stop): fresh text for round 27, the same strata as round 13
TARGETS[17] = dict(TARGETS[13])

# round 18 (a later stop): fresh text for round 27, the same strata as round 13
TARGETS[18] = dict(TARGETS[13])

# round 19 (a later stop): fresh text for round 28, the same strata as round 13
TARGETS[19] = dict(TARGETS[13])

# round 20 (a later stop): fresh text for round 28, measured with the lexicons that round landed
TARGETS[20] = dict(TARGETS[13])

# round 21 (a later stop): fresh text for round 29, the same strata as round 13
TARGETS[21] = dict(TARGETS[13])

# round 22 (a later stop): fresh text for round 29, the same strata as round 13 (the policy,
# regulation and news pools are spent under the cap of two sentences per document)
TARGETS[22] = dict(TARGETS[13])

# round 23 (a later stop): fresh text for round 30, the same strata as round 13
TARGETS[23] = dict(TARGETS[13])

# round 24 (a later stop): fresh text for round 30, the same strata as round 13
TARGETS[24] = dict(TARGETS[13])

# round 25 (a later stop): fresh text for round 31, the same strata as round 13
TARGETS[25] = dict(TARGETS[13])


def draw_more(shared: Path, existing: list[dict], round_no: int = 2) -> list[dict]:
    """Draw a later round: one more sentence each from train documents, never a check document.

    Round 2 took documents that round 1 had not sampled; rounds 3 and later take
    documents with fewer than two sampled sentences (the cap of two per
    document) and never a sentence already drawn. The same strata as round 1
    (a third at random, two thirds by the net) with a seed of its own, so the
    frozen check split stays exactly as it was; rows carry ``"round"`` and
    ids that follow the existing ones.
    """
    excluded = dev_docs(shared)
    taken = Counter((r["corpus"], r["doc"]) for r in existing)
    spans = {(r["corpus"], r["doc"], r["start"], r["end"]) for r in existing}
    most = 0 if round_no == 2 else 1  # sentences a document may already have
    rows: list[dict] = []
    for corpus, want in TARGETS[round_no].items():
        lang = CORPORA[corpus][0]
        split, net = splitter(lang), net_pattern(lang)
        rng = random.Random(f"{SEED}|round{round_no}|{corpus}")
        docs = [
            (d, t)
            for d, t in doc_texts(shared, corpus)
            if d not in excluded.get(corpus, set()) and taken[(corpus, d)] <= most and not in_check(corpus, d)
        ]
        rng.shuffle(docs)
        picked: list[dict] = []
        for doc, text in docs:
            if len(picked) >= want:
                break
            units = [
                (s, e, text[s:e])
                for s, e in sentences(split, text)
                if usable(text[s:e]) and (corpus, doc, s, e) not in spans
            ]
            stratum = "random" if round_no in RANDOM_ONLY or len(picked) % 3 == 0 else "net"
            pool = units if stratum == "random" else [u for u in units if net.search(u[2])]
            if not pool:
                continue
            picked.append({**reference(corpus, lang, doc, rng.choice(pool), stratum), "round": round_no})
        rows.extend(picked)
        print(corpus, len(picked), Counter(r["stratum"] for r in picked), file=sys.stderr)
    random.Random(f"{SEED}|round{round_no}").shuffle(rows)
    for i, row in enumerate(rows, len(existing)):
        row["id"] = f"c{i:04d}"
    return rows


def main() -> None:
    """Draw the sample (or, with ``--more N``, round N) and write it as JSON lines of references."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--shared", type=Path, default=Path("../shared"))
    ap.add_argument("--out", type=Path, default=Path(__file__).resolve().parent / "sentences.jsonl")
    ap.add_argument(
        "--more",
        type=int,
        choices=sorted(TARGETS),
        default=None,
        help="append this round to --out (train documents only)",
    )
    args = ap.parse_args()
    if args.more:
        existing = [json.loads(x) for x in args.out.read_text(encoding="utf-8").splitlines() if x.strip()]
        if any(r.get("round") == args.more for r in existing):
            sys.exit(f"{args.out} already holds round {args.more}")
        earlier = [r for r in existing if r.get("round", 1) < args.more]
        more = draw_more(args.shared, earlier, args.more)
        with args.out.open("a", encoding="utf-8") as f:
            for row in more:
                f.write(json.dumps(row, ensure_ascii=False) + "\n")
        print(f"{len(more)} sentences appended -> {args.out}", file=sys.stderr)
        return
    rows = draw(args.shared)
    keys = ["id", "lang", "corpus", "doc", "start", "end", "sha1", "stratum", "split"]
    with args.out.open("w", encoding="utf-8") as f:
        for row in rows:
            f.write(json.dumps({k: row[k] for k in keys}, ensure_ascii=False) + "\n")
    print(f"{len(rows)} sentences -> {args.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
