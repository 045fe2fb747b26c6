/**
 * Backtest reports: the JSON figures and one self-contained HTML page (inline SVG drawn here, no script, no CDN)
 * with equity against benchmarks, drawdown, trust weights over time, calibration, per-agent accuracy and the
 * meta-learner's loss and predicted-vs-actual.
 * <p>
 * The page is written with a {@code StringBuilder}, not a template engine (Mustache and jte were considered): nearly
 * all of {@code HtmlReport} is formatting figures (percentages, intervals, the significance mark) and choosing rows, which a
 * logic-less template would need as a view model of preformatted strings, as long as the code it replaces, plus the
 * template and a dependency. A template pays off when people other than the code's authors edit the markup; here the
 * markup is a handful of tables.
 */
package dev.quorum.orchestrator.backtest.report;
