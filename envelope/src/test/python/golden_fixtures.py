"""Regenerates the golden envelopes in ../resources/dev/quorum/envelope/json/ with the reference
pydantic models (../shared/reference/maf_stream.py), so the fixtures are what Python writes, not what
Java thinks Python writes. Run from this directory: python3 golden_fixtures.py ../../../../shared/reference"""
import sys
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, sys.argv[1])
import maf_stream as m  # noqa: E402

OUT = Path(__file__).parent.parent / "resources" / "dev" / "quorum" / "envelope" / "json"

full = m.TradingIntelligenceEnvelope(
    decision=m.MarketMindDecision(
        target=m.TargetView(ticker="NVDA", trade_date="2026-05-11", exchange="NASDAQ", asset_class="equity"),
        synthesis=m.SynthesisView(verdict="BUY", confidence=0.72, ensemble_score=0.41,
                                  reasoning="Trend + momentum agree; risk \"moderate\".\nVIX < 20 — calm"),
        agent_signals=[
            m.AgentSignalView(agent="technical", domain="technical", signal="BULLISH", confidence=0.8,
                              summary="Price 4.2% above SMA-50, RSI 61", key_factors=["price_vs_sma_50", "rsi_14"]),
            m.AgentSignalView(agent="risk", domain="risk", signal="NEUTRAL", confidence=1.0,
                              summary="Volatilité modérée, β≈1.7 \U0001F4C8\t(tab)\x01", key_factors=[]),
            m.AgentSignalView(agent="macro", domain="macro", signal="BEARISH", confidence=0.0,
                              summary="", key_factors=["us10y_change_3m"]),
        ],
        source_metrics=m.SourceMetricsSummary(total_calls=7, successful=6, failed=1, total_bytes=48213,
                                              by_source={"prices": 4, "news": 3}),
        phase_timings=[{"phase": "agents", "seconds": 4.25, "calls": 4},
                       {"phase": "synthesis", "seconds": 1e-05, "ok": True, "note": None}],
        arena_total_seconds=12.5,
    ),
    published_at=datetime(2026, 5, 11, 13, 45, 0, 123456, tzinfo=UTC),
    correlation_id="3f2b8c1d4e5a46b7a8c9d0e1f2a3b4c5",
    arena_id="quorum-local",
    meta={"agents_count": 3, "model_used": "llama3.1:8b", "weights": {"technical": 0.35, "risk": 0.25},
          "run": 17, "tiny": 1e-7, "big": 1e16},
)
degraded = m.TradingIntelligenceEnvelope(
    decision=m.MarketMindDecision(
        target=m.TargetView(ticker="", trade_date="2026-05-11"),
        synthesis=m.SynthesisView(verdict="HOLD", confidence=0.0, ensemble_score=0.0),
    ),
    published_at=datetime(2026, 5, 11, 13, 45, 0, tzinfo=UTC),
    correlation_id="0123456789abcdef0123456789abcdef",
    meta={"agents_count": 0, "model_used": "",
          "coerced": ["decision.synthesis: missing -> HOLD with confidence 0"]},
)
(OUT / "golden-full.json").write_text(full.model_dump_json(), encoding="utf-8")
(OUT / "golden-degraded.json").write_text(degraded.model_dump_json(), encoding="utf-8")
