package dnt.core.raytrace.calibration;

import dnt.core.raytrace.Material;
import dnt.core.raytrace.TracedPath;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The received power of traced receivers as a function of one extra loss per reflection for each
 * material class: a path with {@code n_m} reflections on class m keeps its traced amplitude times
 * {@code 10^(-sum_m n_m L_m / 20)}, and a receiver gets {@code P_tx + 10 log10 sum_k |a_k|^2
 * 10^(-sum_m n_km L_m / 10)} dBm (paths added in power).
 *
 * <p>The classes are the walls' material names and {@code ground} (the ground's reflections, kept
 * apart from a wall material of the same name). The derivative of a receiver's power in dB by
 * {@code L_m} is minus the power-weighted mean number of class-m reflections of its paths, which is
 * what makes the losses identifiable: each class whose reflections carry a noticeable share of the
 * power at enough receivers has its own column of the Jacobian.
 */
public final class ExtraLossModel {
  /** The class of the ground's reflections. */
  public static final String GROUND = "ground";

  private final List<String> classes;
  private final double[][] power; // per receiver: each path's |a|^2
  private final int[][][] counts; // per receiver, per path: reflections per class
  private final double txPowerDbm;

  /**
   * Builds the model of traced receivers.
   *
   * @param paths each receiver's paths, traced with the nominal materials
   * @param txPowerDbm the transmit power, dBm
   * @return the model, with the classes in order of first appearance
   */
  public static ExtraLossModel of(List<List<TracedPath>> paths, double txPowerDbm) {
    Set<String> classes = new LinkedHashSet<>();
    for (List<TracedPath> receiver : paths) {
      for (TracedPath p : receiver) {
        classes.addAll(classesOf(p));
      }
    }
    return new ExtraLossModel(paths, List.copyOf(classes), txPowerDbm);
  }

  /**
   * Builds the model over given classes.
   *
   * @param paths each receiver's paths, traced with the nominal materials
   * @param classes the classes, in parameter order; a reflection of another class gets no loss
   * @param txPowerDbm the transmit power, dBm
   */
  public ExtraLossModel(List<List<TracedPath>> paths, List<String> classes, double txPowerDbm) {
    this.classes = List.copyOf(classes);
    this.txPowerDbm = txPowerDbm;
    power = new double[paths.size()][];
    counts = new int[paths.size()][][];
    for (int i = 0; i < paths.size(); i++) {
      List<TracedPath> receiver = paths.get(i);
      power[i] = new double[receiver.size()];
      counts[i] = new int[receiver.size()][this.classes.size()];
      for (int k = 0; k < receiver.size(); k++) {
        TracedPath p = receiver.get(k);
        double a = p.amplitude().abs();
        power[i][k] = a * a;
        for (String c : classesOf(p)) {
          int m = this.classes.indexOf(c);
          if (m >= 0) {
            counts[i][k][m]++;
          }
        }
      }
    }
  }

  /**
   * The class of each reflection of a path, in order.
   *
   * @param path a traced path
   * @return {@link #GROUND} for a ground reflection, the wall's material name otherwise
   */
  public static List<String> classesOf(TracedPath path) {
    List<String> out = new ArrayList<>();
    if (path.kind().equals("LOS")) {
      return out;
    }
    int r = 0;
    for (char c : path.kind().toCharArray()) {
      if (c == 'G') {
        out.add(GROUND);
        r++;
      } else if (c == 'R') {
        Material m = path.reflections().get(r++);
        out.add(m.name());
      }
    }
    return out;
  }

  /**
   * The classes, in parameter order.
   *
   * @return them
   */
  public List<String> classes() {
    return classes;
  }

  /**
   * The number of receivers.
   *
   * @return it
   */
  public int size() {
    return power.length;
  }

  /**
   * Whether a receiver has a path at all.
   *
   * @param i the receiver
   * @return whether it has one
   */
  public boolean reached(int i) {
    return power[i].length > 0;
  }

  /**
   * A receiver's power and its derivatives by the losses.
   *
   * @param i the receiver (with at least one path)
   * @param lossesDb the extra loss per reflection of each class, dB
   * @param gradient receives {@code d P / d L_m} in dB per dB, or null
   * @return the received power, dBm
   */
  public double powerDbm(int i, double[] lossesDb, double @Nullable [] gradient) {
    double total = 0;
    int nc = classes.size();
    double[] weighted = new double[nc];
    for (int k = 0; k < power[i].length; k++) {
      double exponent = 0;
      for (int m = 0; m < nc; m++) {
        exponent += counts[i][k][m] * lossesDb[m];
      }
      double w = power[i][k] * Math.pow(10, -exponent / 10);
      total += w;
      for (int m = 0; m < nc; m++) {
        weighted[m] += w * counts[i][k][m];
      }
    }
    if (gradient != null) {
      for (int m = 0; m < nc; m++) {
        gradient[m] = -weighted[m] / total;
      }
    }
    return txPowerDbm + 10 * Math.log10(total);
  }
}
