package dnt.cli.raytrace;

import dnt.core.InvalidInputException;
import dnt.core.raytrace.Point3;
import dnt.core.raytrace.TraceSettings;
import java.util.Locale;
import picocli.CommandLine.Option;

/** The tracer's options, shared by {@code dnt raytrace} and {@code dnt raytrace map}. */
final class TraceOptions {
  @Option(
      names = "--carrier-ghz",
      description = "Carrier frequency, GHz: (0, 300]; materials warn outside their ITU range.")
  Double carrierGhz; // boxed: required, checked by the command

  @Option(
      names = "--max-reflections",
      defaultValue = "2",
      description = "Highest order of wall reflections: 0, 1 or 2 (default ${DEFAULT-VALUE}).")
  int maxReflections;

  @Option(
      names = "--diffraction",
      defaultValue = "off",
      description = "Rooftop diffraction where line of sight is blocked: on or off (default off).")
  String diffraction;

  @Option(
      names = "--ground-reflections",
      defaultValue = "on",
      description = "Ground reflection alone and with one wall: on or off (default on).")
  String ground;

  @Option(
      names = "--tx-power-dbm",
      defaultValue = "0",
      description = "Transmit power, dBm: -30..80 (default ${DEFAULT-VALUE}).")
  double txPowerDbm;

  TraceSettings settings() {
    if (carrierGhz == null) {
      throw new InvalidInputException("--carrier-ghz is required");
    }
    if (!(carrierGhz > 0 && carrierGhz <= 300)) {
      throw new InvalidInputException("--carrier-ghz must be in (0, 300], got " + carrierGhz);
    }
    if (maxReflections < 0 || maxReflections > 2) {
      throw new InvalidInputException("--max-reflections must be 0, 1 or 2, got " + maxReflections);
    }
    if (!(txPowerDbm >= -30 && txPowerDbm <= 80)) {
      throw new InvalidInputException("--tx-power-dbm must be in -30..80, got " + txPowerDbm);
    }
    return new TraceSettings(
        carrierGhz,
        maxReflections,
        onOff("--ground-reflections", ground),
        onOff("--diffraction", diffraction));
  }

  static boolean onOff(String option, String value) {
    return switch (value.trim().toLowerCase(Locale.ROOT)) {
      case "on" -> true;
      case "off" -> false;
      default ->
          throw new InvalidInputException(option + " must be on or off, got '" + value + "'");
    };
  }

  /**
   * Parses {@code X,Y,Z}.
   *
   * @param option the option, for messages
   * @param value the text
   * @return the point
   */
  static Point3 point(String option, String value) {
    String[] parts = value.split(",", -1);
    if (parts.length != 3) {
      throw new InvalidInputException(option + " must be X,Y,Z in metres, got '" + value + "'");
    }
    double[] v = new double[3];
    for (int i = 0; i < 3; i++) {
      try {
        v[i] = Double.parseDouble(parts[i].strip());
      } catch (NumberFormatException e) {
        throw new InvalidInputException(
            option + " must be X,Y,Z in metres, got '" + value + "'", e);
      }
      if (!Double.isFinite(v[i]) || Math.abs(v[i]) > 100_000) {
        throw new InvalidInputException(
            option + " must be finite metres within 100 km, got '" + value + "'");
      }
    }
    return new Point3(v[0], v[1], v[2]);
  }

  /**
   * Parses {@code X0,Y0,X1,Y1}.
   *
   * @param option the option, for messages
   * @param value the text
   * @return {x0, y0, x1, y1} with x1 &gt; x0 and y1 &gt; y0
   */
  static double[] area(String option, String value) {
    String[] a = value.split(",", -1);
    if (a.length != 4) {
      throw new InvalidInputException(
          option + " must be X0,Y0,X1,Y1 in metres, got '" + value + "'");
    }
    double[] r = new double[4];
    for (int i = 0; i < 4; i++) {
      try {
        r[i] = Double.parseDouble(a[i].strip());
      } catch (NumberFormatException e) {
        throw new InvalidInputException(
            option + " must be X0,Y0,X1,Y1 in metres, got '" + value + "'", e);
      }
    }
    if (!(r[2] > r[0] && r[3] > r[1])) {
      throw new InvalidInputException(option + " needs X1 > X0 and Y1 > Y0, got '" + value + "'");
    }
    return r;
  }
}
