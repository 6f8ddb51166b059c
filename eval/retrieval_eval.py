"""Retrieval quality: hit@1, hit@3 and MRR (section level) for hybrid, dense-only and BM25-only
retrieval, beside the usual tutorial recipe (500/50 character splitter, dense only), and the
out-of-scope check (every out-of-scope question must be declined).

`questions.jsonl` is the development set (the glossary and fusion weights were tuned on it);
`questions_holdout.jsonl` was written separately and used only to check that tuning (its
out-of-scope misses did shape the off-topic list); `questions_blind.jsonl` was written last, by
someone who saw neither the code nor the other sets, and nothing was tuned on it.
`questions_blind2.jsonl` holds round 2's two blind sets (each with the article phrases that answer
it), written the same way and added only once scored untouched; `questions_blind3.jsonl` is
round 3's final blind set, added the same way; `questions_blind4.jsonl` holds round 5's two (the
first, then the final one), each scored untouched before it joined; `questions_blind5.jsonl` and
`questions_blind6.jsonl` are round 9's two; `questions_blind7.jsonl` and `questions_blind8.jsonl`
are round 12's two (100 + 53 and 103 + 48), `questions_blind9.jsonl` and `questions_blind10.jsonl`
round 13's (86 + 42 and 88 + 42), each added once scored untouched. Since round 9 the
labelled questions also teach the coach (`eval/labelled.py`), so each set is scored by a coach
that has not seen it.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from eval import load_jsonl

HERE = Path(__file__).parent
SETS = {
    "dev": HERE / "questions.jsonl",
    "holdout": HERE / "questions_holdout.jsonl",
    "blind": HERE / "questions_blind.jsonl",
    "blind2": HERE / "questions_blind2.jsonl",
    "blind3": HERE / "questions_blind3.jsonl",
    "blind4": HERE / "questions_blind4.jsonl",
    "blind5": HERE / "questions_blind5.jsonl",
    "blind6": HERE / "questions_blind6.jsonl",
    "blind7": HERE / "questions_blind7.jsonl",
    "blind8": HERE / "questions_blind8.jsonl",
    "blind9": HERE / "questions_blind9.jsonl",
    "blind10": HERE / "questions_blind10.jsonl",
}
BARS = {"hybrid_hit@1": 0.85, "hybrid_hit@3": 0.95, "out_of_scope_declined": 1.0}


def score(
    rank_sections: Callable[[str], list[str]], rows: list[dict[str, Any]]
) -> dict[str, float]:
    """hit@1, hit@3 and MRR of a function that ranks section ids for a question."""
    hit1 = hit3 = mrr = 0.0
    in_scope = [r for r in rows if r["kind"] == "in_scope"]
    for row in in_scope:
        ranked = list(dict.fromkeys(rank_sections(row["q"])))
        ranks = [n for n, s in enumerate(ranked) if s in row["sections"]]
        if ranks:
            hit1 += ranks[0] == 0
            hit3 += ranks[0] < 3
            mrr += 1 / (ranks[0] + 1)
    n = max(len(in_scope), 1)
    return {"hit@1": hit1 / n, "hit@3": hit3 / n, "mrr": mrr / n, "n": float(len(in_scope))}


def tutorial_ranker(embedder: Any) -> Callable[[str], list[str]]:
    """The usual tutorial recipe: 500/50 character chunks of the raw article, dense only, in an
    in-memory `langchain-chroma` store (cosine). Each chunk belongs to the section it starts in."""
    import chromadb
    from chromadb.config import Settings
    from langchain_chroma import Chroma
    from langchain_text_splitters import RecursiveCharacterTextSplitter

    from knowledge.article import load_article_text, parse_sections

    body, starts = "", []
    for s in parse_sections(load_article_text()):
        starts.append((len(body), s.id))
        body += f"{s.title}\n\n{s.body}\n\n"
    splitter = RecursiveCharacterTextSplitter(
        chunk_size=500, chunk_overlap=50, add_start_index=True
    )
    docs = splitter.create_documents([body])
    for d in docs:
        d.metadata["section"] = [
            sid for start, sid in starts if start <= d.metadata["start_index"]
        ][-1]
    client = chromadb.EphemeralClient(Settings(anonymized_telemetry=False, _env_file=None))  # type: ignore[call-arg]
    store = Chroma.from_documents(
        docs,
        embedder,
        ids=[str(i) for i in range(len(docs))],
        collection_name="tutorial-recipe",
        client=client,
        collection_metadata={"hnsw:space": "cosine"},
    )

    def rank(question: str) -> list[str]:
        return [d.metadata["section"] for d in store.similarity_search(question, k=len(docs))]

    return rank


def _ranker(retriever: Any, mode: str) -> Callable[[str], list[str]]:
    def rank(question: str) -> list[str]:
        return list(retriever.retrieve(question, mode, limit=10).sections)

    return rank


def evaluate(held: Callable[[str], tuple[Any, Callable[[str], bool]]]) -> dict[str, Any]:
    """Every retrieval figure, per set and for all sets together. `held(name)` gives the
    retriever and the decline test of a coach that has not seen that set's own questions
    (`eval/labelled.py`): each set is scored as new wording."""
    figures: dict[str, Any] = {}
    tutorial = None
    for name, path in SETS.items():
        if not path.exists():
            continue
        data = load_jsonl(path)
        retriever, declines = held(name)
        tutorial = tutorial or tutorial_ranker(retriever.embedder)
        figures[name] = {
            mode: score(_ranker(retriever, mode), data) for mode in ("hybrid", "dense", "bm25")
        }
        figures[name]["tutorial"] = score(tutorial, data)
        out = [r["q"] for r in data if r["kind"] == "out_of_scope"]
        wrongly = [r["q"] for r in data if r["kind"] == "in_scope" and declines(r["q"])]
        missed = [q for q in out if not declines(q)]
        figures[name]["out_of_scope"] = {
            "n": len(out),
            "declined": (len(out) - len(missed)) / max(len(out), 1),
            "missed": missed,
            "in_scope_declined": len(wrongly),
        }
    figures["all"] = _together(list(figures.values()))
    return figures


def _together(sets: list[dict[str, Any]]) -> dict[str, Any]:
    """The figures of several sets as one: each weighted by its number of questions."""
    out: dict[str, Any] = {}
    for mode in ("hybrid", "dense", "bm25", "tutorial"):
        n = sum(f[mode]["n"] for f in sets)
        out[mode] = {
            m: sum(f[mode][m] * f[mode]["n"] for f in sets) / max(n, 1)
            for m in ("hit@1", "hit@3", "mrr")
        }
        out[mode]["n"] = float(n)
    oos = [f["out_of_scope"] for f in sets]
    n = sum(o["n"] for o in oos)
    missed = [q for o in oos for q in o["missed"]]
    out["out_of_scope"] = {
        "n": n,
        "declined": (n - len(missed)) / max(n, 1),
        "missed": missed,
        "in_scope_declined": sum(o["in_scope_declined"] for o in oos),
    }
    return out
