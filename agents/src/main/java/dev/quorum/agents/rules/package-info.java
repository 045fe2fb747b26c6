/**
 * The deterministic rules baseline: one {@link dev.quorum.agents.Agent} per role computing its signal from the
 * same {@link dev.quorum.agents.features.FeatureKeys} the LLM agents see, with documented rules. Used offline,
 * for the demo, and as the baseline every LLM result is compared against. Telemetry says {@code backend=rules}
 * and {@code promptId=rules-<agent>@<version>} (bump the version when a rule changes).
 *
 * <p>Every agent lets each rule vote a score in [-1, +1]; {@link dev.quorum.agents.rules.Scorecard} turns the
 * mean into a direction (neutral band +-0.15) and a confidence. The rules themselves, in short:
 * <ul>
 *   <li>{@link dev.quorum.agents.rules.TechnicalRules technical}: price vs SMA 200 (+-2%) and SMA 50 (+-1%),
 *       golden/death cross, MACD histogram sign, RSI 14 (overbought &gt; 70 votes bearish, oversold &lt; 30 bullish).</li>
 *   <li>{@link dev.quorum.agents.rules.RiskRules risk}: realised volatility (&lt; 25% / &gt; 45%), 60-day drawdown
 *       (-5% / -15%), ATR % (2% / 4%), beta (&gt; 1.5 bearish, more so with VIX &gt; 25).</li>
 *   <li>{@link dev.quorum.agents.rules.SentimentRules sentiment}: news sentiment score (3.5 / 3.2 / 2.8 / 2.5),
 *       confidence capped when news flow is thin; NEUTRAL at 0.1 confidence without news data.</li>
 *   <li>{@link dev.quorum.agents.rules.MacroRules macro}: regime, SPY vs SMA 200, VIX level (16 / 25) and
 *       20-day change (+-5 points), SPY 20-day return (+-3%), 10-year yield 3-month change (+-0.5 pp).</li>
 * </ul>
 * Missing required features: an {@link dev.quorum.agents.signal.Abstention} with category DATA. The baseline is
 * never substituted for a failed LLM agent unless the configuration asks for it ({@code fallback: rules}).
 */
package dev.quorum.agents.rules;
