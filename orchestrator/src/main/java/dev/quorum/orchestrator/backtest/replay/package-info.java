/**
 * Reproducible LLM replays: a SQLite file of LLM replies keyed by (model, prompt hash, input hash, options), plugged
 * into the model chain, so re-running a backtest or a prompt evaluation with unchanged prompts makes no LLM call and
 * gets identical replies. The cache is its own file (not a table of a Quorum database) so one cache serves every
 * backtest database and every evaluation.
 */
package dev.quorum.orchestrator.backtest.replay;
