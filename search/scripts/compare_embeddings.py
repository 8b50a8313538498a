"""The reference side of RevPulse's Rust MiniLM embedder (run by scripts/compare-embeddings).

Loads all-MiniLM-L6-v2 with the real `sentence-transformers` package from the directory
search/install-model.sh unpacks (offline, nothing from a model hub), then

  fixture   writes search/tests/fixtures/minilm_reference.json: ~40 varied sentences and the
            vectors sentence-transformers gives them (the Rust test checks cosine >= 0.999);
  speed     measures sentences/second at exactly 128 word pieces per input, batch 32, on
            --threads torch threads (tokenization included), writes the inputs to --texts so
            the Rust side runs the very same ones, and prints one JSON object;
  compare   reads the Rust embedder's vectors for the fixture sentences (--rust FILE) and
            prints the minimum cosine against the reference.
"""

import argparse
import json
import os
import sys
import time

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

import numpy as np  # noqa: E402
import torch  # noqa: E402
from sentence_transformers import SentenceTransformer  # noqa: E402

TOKENS = 128
MODEL_ID = "sentence-transformers/all-MiniLM-L6-v2"

# Sales-call-like passages, short and long, with punctuation, numbers and non-ASCII text.
SENTENCES = [
    "A man is eating food.",
    "A man is eating a piece of bread.",
    "Hi!",
    "ok",
    "Pricing?",
    "We need the security questionnaire back before legal will sign off.",
    "Their CFO wants a 15% discount if they commit to a three-year term.",
    "Can you send over the SOC 2 Type II report and the pen-test summary?",
    "The champion left the company last week, so we're basically single-threaded now.",
    "Procurement asked us to match Competitor X's per-seat price of $42/month.",
    "Renewal is on 2025-09-30; usage dropped 38% quarter over quarter.",
    "They said the onboarding was \"painful\" and the Salesforce integration kept timing out.",
    "Next steps: demo for the VP of Sales on Thursday, then a pilot with 25 reps.",
    "Budget is approved for Q3 but the economic buyer hasn't joined a single call yet.",
    "We lost the deal to the incumbent because they bundled analytics for free.",
    "Is SSO (SAML/OIDC) included in the Growth plan, or only in Enterprise?",
    "Customer: \"Honestly, the forecast view is the only reason we'd renew.\"",
    "Rep: I'll loop in our solutions engineer — she built the HubSpot connector.",
    "The ticket says exports to CSV fail for accounts with more than 10,000 rows.",
    "Let's push the close date to next quarter; they're in a hiring freeze.",
    "Der Kunde möchte den Vertrag verlängern, aber nur mit monatlicher Kündigungsfrist.",
    "El cliente pidió una demostración en español para el equipo de ventas de México.",
    "Le client trouve le prix élevé mais apprécie la qualité du support.",
    "顧客は来月の契約更新について価格の見直しを求めています。",
    "Клиент хочет скидку за годовую оплату.",
    "Emoji check 🚀🔥 — the team loved the new dashboard 👍",
    "naïve café résumé façade coöperate",
    "URGENT!!! Invoice #INV-2024-0042 is 60 days overdue; finance is escalating.",
    "   leading and trailing spaces   ",
    "UPPER CASE SHOUTING ABOUT THE CONTRACT REDLINES",
    "e-mail: jane.doe@example.com, phone +1 (415) 555-0100",
    "The quick brown fox jumps over the lazy dog.",
    "We discussed multi-year pricing, volume tiers, a ramp deal for the first two quarters, "
    "professional services for the data migration, and whether the premium support SLA "
    "covers weekends; they also want a custom MSA with a liability cap at 12 months of fees, "
    "a data processing addendum for EU customers, and a termination-for-convenience clause, "
    "which legal has historically rejected for deals under $100k ARR.",
    "Transcript excerpt. AE: Thanks for joining, everyone. Before we dive into the demo, "
    "could you walk me through how your team builds the weekly forecast today? Prospect: "
    "Sure. Every Monday the managers export opportunities from the CRM into a spreadsheet, "
    "adjust the close dates by hand, and then our RevOps lead reconciles the numbers with "
    "finance. It takes about six hours a week and the commit number is usually off by 20 "
    "percent. AE: That's a common pattern. What happens when a deal slips? Prospect: "
    "Honestly, we find out at the end of the quarter. Nobody tracks the pushes. AE: Got it. "
    "So visibility into slippage and a single source of truth are the two big pains. "
    "Prospect: Exactly, plus the board wants a defensible number.",
    "Email thread: Hi Mark, following up on our call — attached is the revised order form "
    "with the 12% discount on the annual plan, the onboarding package at no charge, and the "
    "adjusted payment terms (net 45). Please note the offer is valid until the end of the "
    "month. Let me know if your procurement team needs anything else, e.g. the W-9, the "
    "insurance certificate, or references from customers in logistics. Best, Priya",
    "Support ticket #88213: after upgrading to v3.2 the Slack notifications for stalled deals "
    "stopped arriving; the webhook returns HTTP 410 Gone. Workaround: re-authorise the app. "
    "Customer impact: high (200 seats, renewal in 30 days).",
    "Meeting notes — attendees: CRO, two regional VPs, RevOps. Agenda: (1) pipeline coverage "
    "is 2.1x against a 3x target; (2) win rate in mid-market fell from 24% to 19%; (3) "
    "competitive losses concentrated in fintech; (4) action items: refresh battlecards, "
    "enable multi-threading playbook, review discount approvals above 20%.",
    "word " * 300,
    "1234567890 3.14159 2.71828 1e-9 -42",
    "\t tabs\tand\nnew\nlines \r\n",
]


def load_model(model_dir):
    model = SentenceTransformer(model_dir, device="cpu")
    return model


def write_fixture(model, path):
    vectors = model.encode(SENTENCES, batch_size=32, normalize_embeddings=True)
    fixture = {
        "model": MODEL_ID,
        "generated_by": "search/scripts/compare_embeddings.py (sentence-transformers "
        f"{__import__('sentence_transformers').__version__}, torch {torch.__version__})",
        "max_seq_length": model.max_seq_length,
        "items": [
            {"text": text, "embedding": [round(float(x), 7) for x in vec]}
            for text, vec in zip(SENTENCES, vectors)
        ],
    }
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        json.dump(fixture, f, ensure_ascii=False, indent=1)
        f.write("\n")
    print(f"wrote {len(SENTENCES)} reference vectors to {path}", file=sys.stderr)


def texts_of_128_tokens(model, count):
    """Varied texts of exactly TOKENS word pieces ([CLS] and [SEP] included)."""
    words = (
        "the customer asked about pricing for the enterprise tier and whether renewal "
        "discounts apply before the end of quarter our champion needs legal review security "
        "questionnaire budget approved pipeline forecast competitor onboarding integration "
        "timeline procurement"
    ).split()
    tok = model.tokenizer
    out = []
    for seed in range(count):
        chosen, i = [], seed
        while True:
            chosen.append(words[i % len(words)])
            i = i * 7 + 3
            n = len(tok(" ".join(chosen))["input_ids"])
            if n == TOKENS:
                break
            if n > TOKENS:
                chosen.pop()
                while len(tok(" ".join(chosen))["input_ids"]) < TOKENS:
                    chosen.append("a")
                break
        text = " ".join(chosen)
        assert len(tok(text)["input_ids"]) == TOKENS, text
        out.append(text)
    return out


def speed(model, threads, sentences, repeats, texts_path):
    torch.set_num_threads(threads)
    texts = texts_of_128_tokens(model, sentences)
    if texts_path:
        with open(texts_path, "w", encoding="utf-8") as f:
            json.dump(texts, f)
    with torch.inference_mode():
        model.encode(texts[:32], batch_size=32)
        rates = []
        for _ in range(repeats):
            start = time.perf_counter()
            out = model.encode(texts, batch_size=32)
            rates.append(len(texts) / (time.perf_counter() - start))
            assert out.shape == (len(texts), 384)
    rates.sort()
    print(
        json.dumps(
            {
                "engine": "pytorch",
                "sentences": len(texts),
                "tokens": TOKENS,
                "batch": 32,
                "threads": torch.get_num_threads(),
                "median_per_s": round(rates[len(rates) // 2], 2),
                "best_per_s": round(rates[-1], 2),
                "torch": torch.__version__,
            }
        )
    )


def compare(fixture_path, rust_path):
    with open(fixture_path, encoding="utf-8") as f:
        reference = json.load(f)["items"]
    with open(rust_path, encoding="utf-8") as f:
        rust = json.load(f)
    cosines = []
    for ref, got in zip(reference, rust, strict=True):
        a, b = np.asarray(ref["embedding"]), np.asarray(got)
        cosines.append(float(a @ b / (np.linalg.norm(a) * np.linalg.norm(b))))
    worst = int(np.argmin(cosines))
    print(
        json.dumps(
            {
                "min_cosine": round(min(cosines), 6),
                "mean_cosine": round(float(np.mean(cosines)), 6),
                "worst_text": reference[worst]["text"][:60],
            },
            ensure_ascii=False,
        )
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("command", choices=["fixture", "speed", "compare"])
    parser.add_argument("--model-dir", required=True)
    parser.add_argument("--fixture", default="search/tests/fixtures/minilm_reference.json")
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--sentences", type=int, default=256)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--texts", help="where to write the 128-token inputs (speed)")
    parser.add_argument("--rust", help="JSON list of the Rust vectors (compare)")
    args = parser.parse_args()
    if args.command == "compare":
        compare(args.fixture, args.rust)
        return
    model = load_model(args.model_dir)
    if args.command == "fixture":
        write_fixture(model, args.fixture)
    else:
        speed(model, args.threads, args.sentences, args.repeats, args.texts)


if __name__ == "__main__":
    main()
