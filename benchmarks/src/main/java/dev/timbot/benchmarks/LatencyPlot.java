package dev.timbot.benchmarks;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.Stroke;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;

/**
 * Latency against offered load as a PNG, drawn with Java2D (nothing to download): both axes
 * logarithmic, p99 solid and p50 dashed per system; the saturation step is a ring at its
 * achieved throughput.
 */
public final class LatencyPlot {
  private static final int W = 900;
  private static final int H = 560;
  private static final int LEFT = 80;
  private static final int RIGHT = 30;
  private static final int TOP = 50;
  private static final int BOTTOM = 70;
  private static final Color[] COLORS = {new Color(0x1f77b4), new Color(0xff7f0e), new Color(0x2ca02c)};

  private LatencyPlot() {}

  /** {@code series}: system name → its steps (medians), fixed loads and the saturation step. */
  public static void write(Path png, String title, Map<String, List<StepResult>> series) throws IOException {
    BufferedImage img = new BufferedImage(W, H, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, W, H);

    List<StepResult> all = new ArrayList<>();
    series.values().forEach(all::addAll);
    double xMin = Math.log10(all.stream().mapToDouble(LatencyPlot::x).filter(v -> v > 0).min().orElse(100) / 1.5);
    double xMax = Math.log10(all.stream().mapToDouble(LatencyPlot::x).max().orElse(10_000) * 1.5);
    double yMin = Math.floor(Math.log10(Math.max(0.05, all.stream().mapToDouble(StepResult::p50Ms)
        .filter(v -> !Double.isNaN(v)).min().orElse(0.1))));
    double yMax = Math.ceil(Math.log10(Math.max(1, all.stream().mapToDouble(StepResult::p99Ms)
        .filter(v -> !Double.isNaN(v)).max().orElse(100))));
    if (yMax <= yMin) {
      yMax = yMin + 1;
    }
    Axis ax = new Axis(xMin, xMax, yMin, yMax);

    // grid and labels
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
    g.setColor(new Color(0xdddddd));
    for (int e = (int) yMin; e <= (int) yMax; e++) {
      for (int m = 1; m < 10; m++) {
        double v = Math.log10(m * Math.pow(10, e));
        if (v > yMax) {
          break;
        }
        g.setColor(m == 1 ? new Color(0xbbbbbb) : new Color(0xeeeeee));
        g.drawLine(LEFT, ax.y(v), W - RIGHT, ax.y(v));
        if (m == 1) {
          g.setColor(Color.DARK_GRAY);
          String label = e >= 0 ? String.format("%.0f ms", Math.pow(10, e)) : String.format("%s ms", Math.pow(10, e));
          g.drawString(label, 8, ax.y(v) + 4);
        }
      }
    }
    for (double tick : new double[] {100, 200, 500, 1000, 2000, 5000, 10_000, 20_000, 50_000, 100_000}) {
      double v = Math.log10(tick);
      if (v < xMin || v > xMax) {
        continue;
      }
      g.setColor(new Color(0xdddddd));
      g.drawLine(ax.x(v), TOP, ax.x(v), H - BOTTOM);
      g.setColor(Color.DARK_GRAY);
      String label = tick >= 1000 ? (int) (tick / 1000) + "k" : Integer.toString((int) tick);
      g.drawString(label, ax.x(v) - g.getFontMetrics().stringWidth(label) / 2, H - BOTTOM + 18);
    }
    g.setColor(Color.BLACK);
    g.drawRect(LEFT, TOP, W - LEFT - RIGHT, H - TOP - BOTTOM);
    g.drawString("offered load (messages/s, log scale); ring = saturation, at its achieved throughput",
        LEFT + 120, H - 20);
    g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
    g.drawString(title, LEFT, 30);

    // series
    Stroke solid = new BasicStroke(2.2f);
    Stroke dashed = new BasicStroke(1.6f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 1f, new float[] {6f, 5f}, 0f);
    int c = 0;
    // Bottom right: latency grows with load, so that corner stays empty.
    int legendY = H - BOTTOM - 40 * series.size();
    g.setColor(Color.WHITE);
    g.fillRect(W - RIGHT - 240, legendY - 14, 232, 40 * series.size());
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
    for (Map.Entry<String, List<StepResult>> e : series.entrySet()) {
      Color color = COLORS[c++ % COLORS.length];
      g.setColor(color);
      List<StepResult> fixed = e.getValue().stream().filter(r -> !r.saturation()).toList();
      line(g, ax, fixed, true, solid);
      line(g, ax, fixed, false, dashed);
      for (StepResult r : e.getValue()) {
        if (r.saturation() && !Double.isNaN(r.p99Ms())) {
          int px = ax.x(Math.log10(r.achieved()));
          int py = ax.y(Math.log10(r.p99Ms()));
          g.setStroke(solid);
          g.drawOval(px - 6, py - 6, 12, 12);
        }
      }
      g.setStroke(solid);
      g.drawLine(W - RIGHT - 230, legendY, W - RIGHT - 200, legendY);
      g.setStroke(dashed);
      g.drawLine(W - RIGHT - 230, legendY + 16, W - RIGHT - 200, legendY + 16);
      g.drawString(e.getKey() + " p99", W - RIGHT - 190, legendY + 5);
      g.drawString(e.getKey() + " p50", W - RIGHT - 190, legendY + 21);
      legendY += 40;
    }
    g.dispose();
    Files.createDirectories(png.toAbsolutePath().getParent());
    ImageIO.write(img, "png", png.toFile());
  }

  private static void line(Graphics2D g, Axis ax, List<StepResult> steps, boolean p99, Stroke stroke) {
    g.setStroke(stroke);
    int[] last = null;
    for (StepResult r : steps) {
      double ms = p99 ? r.p99Ms() : r.p50Ms();
      if (Double.isNaN(ms)) {
        continue;
      }
      int[] p = {ax.x(Math.log10(r.offered())), ax.y(Math.log10(Math.max(ms, 1e-3)))};
      g.fillOval(p[0] - 3, p[1] - 3, 7, 7);
      if (last != null) {
        g.drawLine(last[0], last[1], p[0], p[1]);
      }
      last = p;
    }
  }

  private static double x(StepResult r) {
    return r.saturation() ? r.achieved() : r.offered();
  }

  private record Axis(double xMin, double xMax, double yMin, double yMax) {
    int x(double v) {
      return LEFT + (int) Math.round((v - xMin) / (xMax - xMin) * (W - LEFT - RIGHT));
    }

    int y(double v) {
      double clamped = Math.max(yMin, Math.min(yMax, v));
      return H - BOTTOM - (int) Math.round((clamped - yMin) / (yMax - yMin) * (H - TOP - BOTTOM));
    }
  }
}
