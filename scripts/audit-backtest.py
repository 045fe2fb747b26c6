#!/usr/bin/env python3
"""Recomputes a backtest's figures from its SQLite file and the raw price files, apart from Quorum's Java code.

    scripts/audit-backtest.py --db var/backtest.db --json backtest.json --data ../shared/data

It reads what the backtest decided (the decisions table) and the prices (<data>/prices/<TICKER>.csv), rebuilds
from the README's definitions ("Backtesting and prompt evaluation") the outcome of every decision, the as-run row's
direction figures, its daily book and risk figures, the ensemble's Brier score and the buy-and-hold benchmarks, and
compares each with the figure the JSON report (--json) gives. It also replays the learning from the stored votes and
outcomes alone (README "Memory and learning": each agent's forgotten directional evidence and calibration bins) and
compares it with what the database kept and what every decision was given: each agent's evidence, each vote's trust
weight (under beta-log-odds) and each directional vote's calibrated probability and pooled confidence (under
calibrated pooling), as of its trade date (outcomes whose exit session is on or before it), with every outcome's calls
counted (trust.updates: voters, the default). Python's standard library only.

Exit 0: every figure agrees (within 1e-9, relative); 1: some differ, each named; 2: the input cannot be read (one line
saying what is wrong). Use it when a figure is to be trusted with money: it is a second computation, not a test of
the first against itself.
"""
import argparse
import csv
import json
import math
import sqlite3
import sys
from datetime import date, timedelta
from pathlib import Path

SESSIONS_PER_YEAR = 252
POSITION = {"BUY": 1, "HOLD": 0, "SELL": -1}
VOTE = {"BULLISH": 1, "NEUTRAL": 0, "BEARISH": -1}
TOLERANCE = 1e-9


class BadInput(Exception):
    """What cannot be read, said in one line."""


def read_report(path):
    try:
        report = json.loads(Path(path).read_text())
    except (OSError, ValueError) as e:
        raise BadInput(f"--json {path}: not a readable JSON report ({e})")
    if not isinstance(report, dict) or report.get("report_schema") != 2:
        raise BadInput(f"--json {path}: not a backtest report of report_schema 2 (write one with backtest --json FILE)")
    return report


def read_decisions(path):
    """(id, ticker, trade date, verdict, confidence) of each decision as issued, in trade-date order; (decision id,
    agent, signal, confidence) of each vote cast; the stored outcome return by decision id; what the learning kept
    (outcomes in the order they were learned from, each vote's trust weight, each envelope's meta, agent_skill)."""
    if not Path(path).is_file():
        raise BadInput(f"--db {path}: no such file")
    try:
        with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as db:
            decisions = db.execute("SELECT id, ticker, trade_date, verdict, confidence FROM decisions "
                                   "WHERE superseded_by IS NULL AND provisional = 0 ORDER BY trade_date, id").fetchall()
            stored = dict(db.execute("SELECT decision_id, realized_return FROM outcomes WHERE source = 'market'"))
            signals = db.execute("SELECT decision_id, agent, signal, confidence FROM agent_signals "
                                 "WHERE abstained = 0 ORDER BY id").fetchall()
            learning = {
                "exits": db.execute("SELECT o.decision_id, o.exit_date, d.trade_date FROM outcomes o "
                                    "JOIN decisions d ON d.id = o.decision_id WHERE o.source = 'market' "
                                    "ORDER BY o.exit_date, o.id").fetchall(),
                # A session counts once: each call's share is 1 / the agent's directional calls on its trade date, among
                # the decisions standing (provisional ones included, as they were when their outcomes were learned).
                "session_calls": {(day, a): n for day, a, n in db.execute(
                    "SELECT d.trade_date, s.agent, COUNT(*) FROM decisions d JOIN agent_signals s ON s.decision_id = d.id "
                    "WHERE d.superseded_by IS NULL AND s.signal IN ('BULLISH', 'BEARISH') GROUP BY d.trade_date, s.agent")},
                "weights": dict(((d, a), w) for d, a, w in db.execute(
                    "SELECT decision_id, agent, trust_weight FROM agent_signals WHERE trust_weight IS NOT NULL")),
                "meta": {i: json.loads(e).get("meta", {}) for i, e in db.execute(
                    "SELECT id, envelope_json FROM decisions WHERE superseded_by IS NULL AND provisional = 0")},
                "skill": {a: (r, w) for a, r, w in db.execute("SELECT agent, right_calls, wrong_calls FROM agent_skill")},
            }
    except sqlite3.Error as e:
        raise BadInput(f"--db {path}: not a Quorum backtest database ({e})")
    unknown = sorted({d[3] for d in decisions} - POSITION.keys())
    if unknown:
        raise BadInput(f"--db {path}: verdicts other than BUY, HOLD, SELL: {unknown}")
    votes = sorted({v[2] for v in signals} - VOTE.keys(), key=str)
    if votes:
        raise BadInput(f"--db {path}: agent signals other than BULLISH, NEUTRAL, BEARISH: {votes}")
    return decisions, signals, stored, learning


def read_prices(data, ticker):
    """date -> (open, close, adjusted close) from <data>/prices/<ticker>.csv."""
    path = Path(data) / "prices" / f"{ticker}.csv"
    try:
        with open(path, newline="") as f:
            return {row["date"]: (float(row["open"]), float(row["close"]), float(row["adj_close"]))
                    for row in csv.DictReader(f)}
    except (OSError, KeyError, ValueError) as e:
        raise BadInput(f"--data {data}: {path.name} unreadable ({e})")


def dividend_factor(prices, earlier, later):
    """What the dividends paid after the close of `earlier` up to `later` add to the price move, as a factor."""
    _, close0, adj0 = prices[earlier]
    _, close1, adj1 = prices[later]
    return (adj1 / adj0) / (close1 / close0)


def outcome_return(prices, calendar, i, horizon):
    """A decision on session i: bought at the open of i+1, valued at the close of i+H, dividends included."""
    entry, exit_ = calendar[i + 1], calendar[i + horizon]
    return prices[exit_][1] / prices[entry][0] * dividend_factor(prices, entry, exit_) - 1.0


def book_returns(prices, calendar, sessions, weights, cost):
    """The strategy's book, trading at the opens: each session's return is the overnight gap on yesterday's weights,
    then the cost of the net weight changes at the open, then the open-to-close move on today's weights (weights as
    fractions of equity, nothing held before the first session, cash earning nothing)."""
    returns, exposure, traded = [], [], []
    for k, t in enumerate(sessions):
        gap = intraday = turn = gross = 0.0
        today, before = calendar[t], calendar[t - 1]
        for ticker, w in weights.items():
            w0 = w[k - 1] if k > 0 else 0.0
            gap += w0 * (prices[ticker][today][0] / prices[ticker][before][1] * dividend_factor(prices[ticker], before, today) - 1.0)
            intraday += w[k] * (prices[ticker][today][1] / prices[ticker][today][0] - 1.0)
            turn += abs(w[k] - w0)
            gross += abs(w[k])
        returns.append((1.0 + gap) * (1.0 - cost * turn) * (1.0 + intraday) - 1.0)
        exposure.append(gross)
        traded.append(turn)
    return returns, exposure, traded


def held_returns(prices, calendar, sessions, weights, cost):
    """Buy and hold: constant weights bought at the close before the first session (cost paid once), restored at
    every close: each session's return is the weighted sum of the adjusted closes' returns."""
    returns = []
    for k, t in enumerate(sessions):
        move = sum(w * (prices[ticker][calendar[t]][2] / prices[ticker][calendar[t - 1]][2] - 1.0) for ticker, w in weights.items())
        charge = cost * sum(abs(w) for w in weights.values()) if k == 0 else 0.0
        returns.append((1.0 - charge) * (1.0 + move) - 1.0)
    return returns


def return_stats(returns):
    n = len(returns)
    mean = sum(returns) / n
    sd = math.sqrt(sum((r - mean) ** 2 for r in returns) / (n - 1))
    downside = math.sqrt(sum(min(r, 0.0) ** 2 for r in returns) / n)
    equity = peak = 1.0
    drawdown, underwater, longest, curve = 0.0, 0, 0, []
    for r in returns:
        equity *= 1.0 + r
        curve.append(equity)
        if equity >= peak:
            peak, underwater = equity, 0
        else:
            underwater += 1
            longest = max(longest, underwater)
        drawdown = min(drawdown, equity / peak - 1.0)
    return {"sessions": n, "totalReturn": equity - 1.0, "annualisedReturn": equity ** (SESSIONS_PER_YEAR / n) - 1.0,
            "volatility": sd * math.sqrt(SESSIONS_PER_YEAR),
            "sharpe": mean / sd * math.sqrt(SESSIONS_PER_YEAR) if sd > 0 else None,
            "sortino": mean / downside * math.sqrt(SESSIONS_PER_YEAR) if downside > 0 else None,
            "maxDrawdown": drawdown, "maxDrawdownSessions": longest}, curve


def wilson(hits, total, z=1.959963984540054):
    p = hits / total
    centre = (p + z * z / (2 * total)) / (1 + z * z / total)
    half = z * math.sqrt(p * (1 - p) / total + z * z / (4 * total * total)) / (1 + z * z / total)
    return centre - half, centre + half


def direction(row, cases, reported, calibration):
    """A row's direction figures from its (position, confidence, outcome return) cases: a long is right when the
    return is above 0, a short when below; a flat call is no directional call. Brier: long or short confidence
    against being right, beside the base rate's p(1 - p)."""
    longs = sum(1 for p, _, _ in cases if p > 0)
    shorts = sum(1 for p, _, _ in cases if p < 0)
    long_hits = sum(1 for p, _, r in cases if p > 0 and r > 0)
    short_hits = sum(1 for p, _, r in cases if p < 0 and r < 0)
    ups = sum(1 for _, _, r in cases if r > 0)
    downs = sum(1 for _, _, r in cases if r < 0)  # an unchanged price (r == 0) is neither
    calls, acted, hits = len(cases), longs + shorts, long_hits + short_hits
    low, high = wilson(hits, acted) if acted else (None, None)
    checks = [("calls", calls, reported["calls"]), ("longs", longs, reported["longs"]),
              ("shorts", shorts, reported["shorts"]), ("flats", calls - acted, reported["flats"]),
              ("long hits", long_hits, reported["longAccuracy"]["hits"]),
              ("short hits", short_hits, reported["shortAccuracy"]["hits"]),
              ("accuracy", hits / acted if acted else None, reported["accuracy"]["rate"]),
              ("accuracy Wilson lower", low, reported["accuracy"]["lower"]),
              ("accuracy Wilson upper", high, reported["accuracy"]["upper"]),
              ("coverage", acted / calls if calls else None, reported["coverage"]),
              ("always long", ups / calls if calls else None, reported["alwaysLong"]),
              ("random with the same mix", (longs * ups + shorts * downs) / calls / acted if acted else None,
               reported["randomSameMix"]),
              ("mean |return| of all cases", sum(abs(r) for _, _, r in cases) / calls if calls else None,
               reported["meanAbsMove"]),
              ("mean |return| of the flat cases", sum(abs(r) for p, _, r in cases if p == 0) / (calls - acted)
               if calls > acted else None, reported["flatMeanAbsMove"])]
    for side, hit, total in (("long", long_hits, longs), ("short", short_hits, shorts)):
        low_side, high_side = wilson(hit, total) if total else (None, None)
        checks += [(f"{side} accuracy", hit / total if total else None, reported[f"{side}Accuracy"]["rate"]),
                   (f"{side} accuracy Wilson lower", low_side, reported[f"{side}Accuracy"]["lower"]),
                   (f"{side} accuracy Wilson upper", high_side, reported[f"{side}Accuracy"]["upper"])]
    scored = [(c, 1.0 if p * r > 0 else 0.0) for p, c, r in cases if p != 0]
    if scored and calibration is not None:
        base = sum(y for _, y in scored) / len(scored)
        checks += [("Brier", sum((c - y) ** 2 for c, y in scored) / len(scored), calibration["brier"]),
                   ("base-rate Brier", base * (1 - base), calibration["baseRateBrier"])]
    return [(f"{row} {name}", mine, theirs) for name, mine, theirs in checks]


def audit(report, decisions, signals, stored, data):
    metrics, run = report["metrics"], report["run"]
    horizon = metrics["horizonSessions"]
    cost = (metrics["costBps"] + metrics["slippageBps"]) / 10_000.0
    tickers = run["tickers"]
    prices = {t: read_prices(data, t) for t in set(tickers) | {"SPY"}}
    calendar = sorted(prices["SPY"])
    index = {d: i for i, d in enumerate(calendar)}
    missing = sorted({d[2] for d in decisions} - index.keys())
    if missing:
        raise BadInput(f"--data {data}: SPY.csv has no session {missing[0]}, a trade date of the backtest")
    # The book holds the decisions with a market outcome: one whose exit session is past the data's end (the last H
    # trade dates of a run that ends there) is not booked until a later run resolves it.
    booked = [d for d in decisions if d[0] in stored] or decisions
    first = min(index[d[2]] for d in booked) + 1
    last = min(max(index[d[2]] for d in booked) + horizon + 1, len(calendar) - 1)
    for ticker in prices:
        gap = next((calendar[t] for t in range(first - 1, last + 1) if calendar[t] not in prices[ticker]), None)
        if gap:
            raise BadInput(f"--data {data}: {ticker}.csv has no row for {gap}, a session the backtest's book covers")
    checks = []  # (figure, recomputed, reported)

    # Outcomes: bought at the open after the trade date, valued at the close H sessions on, dividends included.
    outcomes, worst = {}, 0.0
    for decision_id, ticker, day, _, _ in decisions:
        i = index[day]
        if i + horizon < len(calendar) and decision_id in stored:
            outcomes[decision_id] = outcome_return(prices[ticker], calendar, i, horizon)
            worst = max(worst, abs(outcomes[decision_id] - stored[decision_id]))
    if not outcomes:
        raise BadInput(f"--db: no decision has a resolved outcome yet (a backtest's last {horizon} sessions have none)")
    checks.append(("outcome returns, largest difference from the stored ones", worst, 0.0))
    checks += direction("as run", [(POSITION[v], c, outcomes[i]) for i, _, _, v, c in decisions if i in outcomes],
                        metrics["asRun"]["directional"], metrics["calibration"]["ensemble"])
    voters = sorted({name for i, name, _, _ in signals if i in outcomes})
    checks.append(("agents with a vote on a resolved decision", voters, sorted(metrics["agents"])))
    for agent, reported in metrics["agents"].items():
        votes = [(VOTE[signal], c, outcomes[i]) for i, name, signal, c in signals if name == agent and i in outcomes]
        checks += direction(f"agent {agent}", votes, reported, metrics["calibration"].get(agent))

    # The book: 1/N of it a ticker, 1/H of that slice a resolved decision, held from the open after D to the open H+1
    # after.
    sessions = list(range(first, last + 1))
    checks.append(("book sessions", [calendar[t] for t in sessions], metrics["sessions"]))
    weights = {t: [0.0] * len(sessions) for t in tickers}
    for decision_id, ticker, day, verdict, _ in decisions:
        if decision_id not in outcomes:
            continue
        for t in range(index[day] + 1, index[day] + horizon + 1):
            if first <= t <= last:
                weights[ticker][t - first] += POSITION[verdict] / (len(tickers) * horizon)
    returns, exposure, traded = book_returns(prices, calendar, sessions, weights, cost)
    stats, curve = return_stats(returns)
    for name, value in stats.items():
        checks.append((name, value, metrics["asRun"]["returns"][name]))
    checks += [("exposure", sum(exposure) / len(exposure), metrics["asRun"]["exposure"]),
               ("turnover", sum(traded) / len(traded) * SESSIONS_PER_YEAR, metrics["asRun"]["turnover"]),
               ("equity curve, largest difference", max(abs(a - b) for a, b in zip(curve, metrics["curves"]["strategy"])), 0.0)]

    # Buy and hold: constant weights bought at the first trade date's close (its cost paid once), never sold; every
    # figure of its row.
    holds = {"SPY": {"SPY": 1.0}, "buy-and-hold (equal weight)": {t: 1.0 / len(tickers) for t in tickers}}
    holds.update({t: {t: 1.0} for t in tickers})
    for name, held in holds.items():
        recomputed, _ = return_stats(held_returns(prices, calendar, sessions, held, cost))
        for figure in recomputed:
            checks.append((f"{name} {figure}", recomputed[figure], metrics["benchmarks"][name][figure]))
    return checks


FORGETTING, PRIOR, BINS, CALIBRATION_PRIOR, STATED_PRIOR = 0.995, 5.0, 5, 10.0, 2.0
FLOOR, CAP = 0.05, 3.0


def confidence_bin(confidence):
    """Stated-confidence bins of width 0.2; 1.0 in the last. (0.6 / 0.2 is 2.9999999999999996 in binary floating point:
    the small margin keeps a bin's lower edge in its bin.)"""
    return min(BINS - 1, int(confidence / 0.2 + 1e-9))


def isotonic(values, weights):
    """Pool adjacent violators: the weighted least-squares non-decreasing fit."""
    blocks = []
    for value, weight in zip(values, weights):
        blocks.append([value, weight, 1])
        while len(blocks) > 1 and blocks[-2][0] > blocks[-1][0]:
            v2, w2, n2 = blocks.pop()
            v1, w1, n1 = blocks.pop()
            blocks.append([(v1 * w1 + v2 * w2) / (w1 + w2), w1 + w2, n1 + n2])
    return [value for value, _, size in blocks for _ in range(size)]


def weekdays_after(earlier, later):
    """Sessions from one trade date to a later one, counted as weekdays (at least 1)."""
    a, b = date.fromisoformat(earlier), date.fromisoformat(later)
    return max(1, sum(1 for k in range(1, (b - a).days + 1) if (a + timedelta(days=k)).weekday() < 5))


def session_evidence(session_calls, horizon):
    """(share, novelty) per (trade date, agent): share = 1 / n (n: the agent's directional calls that date, so a
    session counts once), novelty = min(g, H) / H (g: sessions since the agent's previous date with a directional call,
    H when none: the part of the outcome window that earlier session did not cover)."""
    evidence, previous = {}, {}
    for day, agent in sorted(session_calls):
        g = weekdays_after(previous[agent], day) if agent in previous else horizon
        evidence[(day, agent)] = (1 / session_calls[(day, agent)], min(g, horizon) / horizon)
        previous[agent] = day
    return evidence


class Skill:
    """What an agent has proven about direction (README "Memory and learning"): per directional call of share s and
    novelty v (session_evidence), r <- λ^s·r + s·v·[right], w <- λ^s·w + s·v·[wrong], the same per stated-confidence
    bin; right when the realised return has the call's sign."""

    def __init__(self):
        self.right, self.wrong = 0.0, 0.0
        self.bin_right, self.bin_wrong = [0.0] * BINS, [0.0] * BINS

    def learn(self, sign, confidence, realised, share, novelty):
        right = sign * realised > 0
        k = confidence_bin(confidence)
        kept = FORGETTING ** share
        evidence = share * novelty
        self.right, self.wrong = kept * self.right + evidence * right, kept * self.wrong + evidence * (not right)
        self.bin_right = [kept * x + evidence * (right and i == k) for i, x in enumerate(self.bin_right)]
        self.bin_wrong = [kept * x + evidence * (not right and i == k) for i, x in enumerate(self.bin_wrong)]

    def accuracy(self):
        return (PRIOR + self.right) / (2 * PRIOR + self.right + self.wrong)

    def weight(self):
        p = self.accuracy()
        return min(CAP, max(FLOOR, math.log(p / (1 - p))))

    def calibrated(self, confidence):
        p = self.accuracy()
        n = [r + w for r, w in zip(self.bin_right, self.bin_wrong)]
        fitted = isotonic([(r + CALIBRATION_PRIOR * p) / (k + CALIBRATION_PRIOR) for r, k in zip(self.bin_right, n)],
                          [k + CALIBRATION_PRIOR for k in n])
        return fitted[confidence_bin(confidence)]

    def pooled(self, confidence):
        n = self.right + self.wrong
        return (n * self.calibrated(confidence) + STATED_PRIOR * confidence) / (n + STATED_PRIOR)


def replay_learning(report, decisions, signals, stored, learning):
    """The learning replayed from the stored votes and outcome returns: each decision, in trade-date order, sees the
    outcomes whose exit session is on or before its trade date, learned from in the order they were recorded."""
    votes = {}
    for decision_id, agent, signal, confidence in signals:
        votes.setdefault(decision_id, []).append((agent, VOTE[signal], confidence))
    skills, exits, learned = {}, learning["exits"], 0
    worst = {"weight": 0.0, "calibrated": 0.0, "pooled": 0.0}
    compared = {"weight": 0, "calibrated": 0, "pooled": 0}
    by_beta = report["run"]["policy"] == "beta-log-odds"
    evidence = session_evidence(learning["session_calls"], report["metrics"]["horizonSessions"])

    def learn_next():
        """Learns from the next recorded outcome, each directional vote with its session's share and novelty."""
        nonlocal learned
        resolved, _, traded = exits[learned]
        learned += 1
        for agent, sign, confidence in votes.get(resolved, []):
            if sign != 0:
                skills.setdefault(agent, Skill()).learn(sign, confidence, stored[resolved], *evidence[(traded, agent)])

    for decision_id, _, day, _, _ in decisions:
        while learned < len(exits) and exits[learned][1] <= day:
            learn_next()
        meta = learning["meta"].get(decision_id, {})
        for agent, sign, confidence in votes.get(decision_id, []):
            skill = skills.get(agent, Skill())
            if by_beta and (decision_id, agent) in learning["weights"]:
                compared["weight"] += 1
                worst["weight"] = max(worst["weight"], abs(skill.weight() - learning["weights"][(decision_id, agent)]))
            if meta.get("pooling") == "calibrated" and sign != 0 and agent in skills:
                for name, mine, published in (("calibrated", skill.calibrated(confidence), meta.get("calibrated_probability", {}).get(agent)),
                                              ("pooled", skill.pooled(confidence), meta.get("pooled_confidence", {}).get(agent))):
                    compared[name] += 1
                    worst[name] = max(worst[name], abs(mine - published) if published is not None else math.inf)
    while learned < len(exits):  # outcomes after the last trade date still teach what agent_skill keeps
        learn_next()
    checks = [("agents with directional evidence in agent_skill", sorted(skills), sorted(learning["skill"]))]
    for agent in sorted(set(skills) & set(learning["skill"])):
        checks += [(f"agent {agent} right evidence (forgotten)", skills[agent].right, learning["skill"][agent][0]),
                   (f"agent {agent} wrong evidence (forgotten)", skills[agent].wrong, learning["skill"][agent][1])]
    labels = {"weight": "each vote's trust weight (beta-log-odds)", "calibrated": "each vote's calibrated probability",
              "pooled": "each vote's pooled confidence"}
    for name, label in labels.items():
        if compared[name]:
            checks.append((f"{label}, largest difference over {compared[name]}", worst[name], 0.0))
    return checks


def agrees(recomputed, reported):
    if isinstance(recomputed, float) or isinstance(reported, float):
        if recomputed is None or reported is None:
            return recomputed is reported
        return abs(recomputed - reported) <= TOLERANCE * max(1.0, abs(recomputed), abs(reported))
    return recomputed == reported


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", required=True, help="the backtest's SQLite file (backtest --db)")
    parser.add_argument("--json", required=True, help="its JSON report (backtest --json)")
    parser.add_argument("--data", required=True, help="the market data folder it ran on (backtest --data)")
    args = parser.parse_args()
    try:
        report = read_report(args.json)
        decisions, signals, stored, learning = read_decisions(args.db)
        if not decisions:
            raise BadInput(f"--db {args.db}: no decisions")
        checks = audit(report, decisions, signals, stored, args.data) + replay_learning(report, decisions, signals,
                                                                                        stored, learning)
    except BadInput as e:
        print(f"audit-backtest: {e}", file=sys.stderr)
        return 2
    except KeyError as e:
        print(f"audit-backtest: --json {args.json}: figure {e} missing (a report of another version?)", file=sys.stderr)
        return 2
    differing = []
    for name, recomputed, reported in checks:
        ok = agrees(recomputed, reported)
        if not ok:
            differing.append(name)
        if not isinstance(recomputed, list):
            print(f"{'ok  ' if ok else 'DIFF'} {name:55s} recomputed {recomputed!s:>24}  reported {reported!s:>24}")
        elif name == "book sessions":
            print(f"{'ok  ' if ok else 'DIFF'} {name:55s} {len(recomputed)} sessions {recomputed[0]}..{recomputed[-1]}")
        else:
            print(f"{'ok  ' if ok else 'DIFF'} {name:55s} recomputed {', '.join(recomputed)}  reported {', '.join(reported)}")
    if differing:
        print(f"audit-backtest: {len(differing)} of {len(checks)} figures differ: {', '.join(differing)}", file=sys.stderr)
        return 1
    print(f"audit-backtest: all {len(checks)} figures agree (within {TOLERANCE:g}, relative)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
