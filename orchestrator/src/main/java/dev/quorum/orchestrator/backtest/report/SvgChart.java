package dev.quorum.orchestrator.backtest.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One inline SVG chart: lines, points and bars with error whiskers on linear axes, a legend and tick labels. Every
 * drawn mark carries {@code class="mark"} so a test can count what was drawn.
 */
final class SvgChart {

    static final String[] PALETTE = {"#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2",
            "#7f7f7f", "#bcbd22", "#17becf"};

    private static final int WIDTH = 860;
    private static final int HEIGHT = 300;
    private static final int LEFT = 64;
    private static final int RIGHT = 180;
    private static final int TOP = 16;
    private static final int BOTTOM = 36;

    private record Series(String name, double[] xs, double[] ys, String colour, boolean line, double width) {
    }

    private record Bar(String label, double value, Double lower, Double upper) {
    }

    /** How an axis value is printed. */
    interface Format {
        String of(double value);
    }

    private final String id;
    private final Format xFormat;
    private final Format yFormat;
    private final List<Series> series = new ArrayList<>();
    private final List<Bar> bars = new ArrayList<>();
    private final List<double[]> guides = new ArrayList<>();

    SvgChart(String id, Format xFormat, Format yFormat) {
        this.id = id;
        this.xFormat = xFormat;
        this.yFormat = yFormat;
    }

    SvgChart line(String name, double[] xs, double[] ys, String colour, double width) {
        series.add(new Series(name, xs, ys, colour, true, width));
        return this;
    }

    SvgChart points(String name, double[] xs, double[] ys, String colour) {
        series.add(new Series(name, xs, ys, colour, false, 1));
        return this;
    }

    SvgChart bar(String label, double value, Double lower, Double upper) {
        bars.add(new Bar(label, value, lower, upper));
        return this;
    }

    /** A dashed reference segment from (x1, y1) to (x2, y2), e.g. the calibration diagonal; it widens the axes. */
    SvgChart guide(double x1, double y1, double x2, double y2) {
        guides.add(new double[]{x1, y1, x2, y2});
        return this;
    }

    String render() {
        return bars.isEmpty() ? renderXy() : renderBars();
    }

    private String renderXy() {
        double minX = Double.POSITIVE_INFINITY, maxX = Double.NEGATIVE_INFINITY;
        double minY = Double.POSITIVE_INFINITY, maxY = Double.NEGATIVE_INFINITY;
        for (Series s : series) {
            for (int i = 0; i < s.xs().length; i++) {
                if (Double.isFinite(s.ys()[i])) {
                    minX = Math.min(minX, s.xs()[i]);
                    maxX = Math.max(maxX, s.xs()[i]);
                    minY = Math.min(minY, s.ys()[i]);
                    maxY = Math.max(maxY, s.ys()[i]);
                }
            }
        }
        for (double[] g : guides) {
            minX = Math.min(minX, Math.min(g[0], g[2]));
            maxX = Math.max(maxX, Math.max(g[0], g[2]));
            minY = Math.min(minY, Math.min(g[1], g[3]));
            maxY = Math.max(maxY, Math.max(g[1], g[3]));
        }
        StringBuilder svg = open();
        if (!Double.isFinite(minX)) {
            return svg.append(text(WIDTH / 2.0, HEIGHT / 2.0, "no data", "middle")).append("</svg>").toString();
        }
        if (maxX == minX) {
            maxX = minX + 1;
        }
        if (maxY == minY) {
            maxY = minY + Math.max(1e-9, Math.abs(minY) * 0.1);
        }
        double padY = (maxY - minY) * 0.05;
        Scale sx = new Scale(minX, maxX, LEFT, WIDTH - RIGHT);
        Scale sy = new Scale(minY - padY, maxY + padY, HEIGHT - BOTTOM, TOP);
        axes(svg, sx, sy);
        for (double[] g : guides) {
            svg.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#999\" stroke-dasharray=\"4 3\"/>",
                    sx.at(g[0]), sy.at(g[1]), sx.at(g[2]), sy.at(g[3])));
        }
        int legend = 0;
        for (Series s : series) {
            if (s.line()) {
                StringBuilder points = new StringBuilder();
                for (int i = 0; i < s.xs().length; i++) {
                    if (Double.isFinite(s.ys()[i])) {
                        points.append(String.format(Locale.ROOT, "%.1f,%.1f ", sx.at(s.xs()[i]), sy.at(s.ys()[i])));
                    }
                }
                svg.append(String.format(Locale.ROOT, "<polyline class=\"mark\" fill=\"none\" stroke=\"%s\" stroke-width=\"%.1f\" points=\"%s\"><title>%s</title></polyline>",
                        s.colour(), s.width(), points.toString().trim(), escape(s.name())));
            } else {
                for (int i = 0; i < s.xs().length; i++) {
                    if (Double.isFinite(s.ys()[i])) {
                        svg.append(String.format(Locale.ROOT, "<circle class=\"mark\" cx=\"%.1f\" cy=\"%.1f\" r=\"2.2\" fill=\"%s\" fill-opacity=\"0.55\"/>",
                                sx.at(s.xs()[i]), sy.at(s.ys()[i]), s.colour()));
                    }
                }
            }
            double ly = TOP + 14 + legend++ * 16;
            svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%.1f\" width=\"12\" height=\"4\" fill=\"%s\"/>", WIDTH - RIGHT + 10, ly - 4, s.colour()));
            svg.append(text(WIDTH - RIGHT + 28, ly, s.name(), "start"));
        }
        return svg.append("</svg>").toString();
    }

    private String renderBars() {
        double max = 1.0;
        StringBuilder svg = open();
        Scale sy = new Scale(0.0, max, HEIGHT - BOTTOM, TOP);
        double band = (WIDTH - RIGHT - LEFT) / (double) bars.size();
        for (int t = 0; t <= 4; t++) {
            double v = t / 4.0;
            svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#eee\"/>", LEFT, sy.at(v), WIDTH - RIGHT, sy.at(v)));
            svg.append(text(LEFT - 6, sy.at(v) + 4, yFormat.of(v), "end"));
        }
        for (int i = 0; i < bars.size(); i++) {
            Bar b = bars.get(i);
            double x = LEFT + i * band + band * 0.2;
            double w = band * 0.6;
            svg.append(String.format(Locale.ROOT, "<rect class=\"mark\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\"><title>%s %s</title></rect>",
                    x, sy.at(b.value()), w, sy.at(0) - sy.at(b.value()), PALETTE[i % PALETTE.length], escape(b.label()), yFormat.of(b.value())));
            if (b.lower() != null && b.upper() != null) {
                double cx = x + w / 2;
                svg.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#000\"/>", cx, sy.at(b.lower()), cx, sy.at(b.upper())));
            }
            svg.append(text(x + w / 2, HEIGHT - BOTTOM + 16, b.label(), "middle"));
            svg.append(text(x + w / 2, sy.at(b.value()) - 4, yFormat.of(b.value()), "middle"));
        }
        svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#d62728\" stroke-dasharray=\"4 3\"/>",
                LEFT, sy.at(0.5), WIDTH - RIGHT, sy.at(0.5)));
        return svg.append("</svg>").toString();
    }

    private StringBuilder open() {
        return new StringBuilder(String.format(Locale.ROOT,
                "<svg data-chart=\"%s\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %d %d\" width=\"%d\" height=\"%d\" font-family=\"sans-serif\" font-size=\"11\">",
                id, WIDTH, HEIGHT, WIDTH, HEIGHT));
    }

    private void axes(StringBuilder svg, Scale sx, Scale sy) {
        for (int t = 0; t <= 4; t++) {
            double v = sy.min() + (sy.max() - sy.min()) * t / 4.0;
            svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#eee\"/>", LEFT, sy.at(v), WIDTH - RIGHT, sy.at(v)));
            svg.append(text(LEFT - 6, sy.at(v) + 4, yFormat.of(v), "end"));
            double x = sx.min() + (sx.max() - sx.min()) * t / 4.0;
            svg.append(text(sx.at(x), HEIGHT - BOTTOM + 16, xFormat.of(x), "middle"));
        }
        svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\" stroke=\"#ccc\"/>",
                LEFT, TOP, WIDTH - RIGHT - LEFT, HEIGHT - BOTTOM - TOP));
    }

    private static String text(double x, double y, String s, String anchor) {
        return String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\">%s</text>", x, y, anchor, escape(s));
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    private record Scale(double min, double max, double from, double to) {
        double at(double v) {
            return from + (v - min) / (max - min) * (to - from);
        }
    }
}
