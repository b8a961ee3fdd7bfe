package dev.timbot.plugins.faq.semantic;

import java.util.List;
import java.util.function.Predicate;

/** The probes of one kind that a group selects, as arrays. */
final class ProbeKind {
  final double[] best;
  final double[] lead;

  ProbeKind(List<Calibration.Probe> probes, Predicate<Calibration.Probe> group) {
    List<Calibration.Probe> in = probes.stream().filter(group).toList();
    best = new double[in.size()];
    lead = new double[in.size()];
    for (int i = 0; i < in.size(); i++) {
      best[i] = in.get(i).best();
      lead[i] = in.get(i).lead();
    }
  }

  int answered(double answer, double margin) {
    int n = 0;
    for (int i = 0; i < best.length; i++) {
      if (best[i] >= answer && lead[i] >= margin) {
        n++;
      }
    }
    return n;
  }
}
