package dnt.serve;

import static dnt.serve.DntServer.API;
import static dnt.serve.DntServer.await;

import dnt.core.quality.QualityAttribute;
import dnt.core.quality.QualityScore;
import dnt.core.quality.TwinQuality;
import dnt.live.ForecastLayer;
import dnt.live.LiveTwin;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.LongSupplier;
import java.util.function.UnaryOperator;

/**
 * The twin's quality now ({@code GET /api/v1/quality}): the multi-attribute utility of {@link
 * TwinQuality#defaults()} (paper Sec. III-B1; Keeney and Raiffa's multiplicative form,
 * docs/quality.md) over the levels this server can measure on the running twin, the levels the
 * caller gives, and the worst level for the rest, each attribute saying which.
 *
 * <p>Measured here:
 *
 * <ul>
 *   <li>{@code forecast-error}: the mean, over the cells with a federated model, of the squared
 *       standardised error of each cell's newest one-step forecast ({@link
 *       ForecastLayer#lastZError()}), a cross-sectional estimate of the z-MSE the forecasting study
 *       reports (one slot a cell, so noisy when the twin has few cells);
 *   <li>{@code age-s}: seconds since this server last saw a telemetry batch acknowledged (through
 *       the API or the replay), on the server's clock.
 * </ul>
 *
 * <p>The radio twin's SINR error needs a reference (measurements, a ray tracer), and the bytes and
 * energy of synchronisation a cost model of the transport the operator runs; the caller gives them
 * as query parameters ({@code ?sinr-error-db=2.5}), which also replace a measured level. An
 * attribute neither measured nor given counts at its worst level (utility 0): the score is then a
 * lower bound, never an invented value.
 */
final class QualityRoutes {
  /** The routes, in the order they are registered. */
  static final List<DntServer.Route> ROUTES =
      List.of(new DntServer.Route("GET", API + "/quality", Role.VIEWER));

  /** Where a level comes from. */
  enum Source {
    /** Measured by this server on the running twin. */
    MEASURED,
    /** Given by the caller as a query parameter. */
    GIVEN,
    /** Neither: the attribute's worst level, utility 0. */
    ASSUMED_WORST;

    String label() {
      return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
  }

  /**
   * One attribute's part of the answer.
   *
   * @param name the attribute
   * @param description what it measures, in which unit
   * @param level its level (the worst level where assumed)
   * @param utility its single-attribute utility
   * @param scalingConstant its k
   * @param source measured, given or assumed-worst
   * @param basis how the level was obtained, or why it was not measured
   */
  record AttributeView(
      String name,
      String description,
      double level,
      double utility,
      double scalingConstant,
      String source,
      String basis) {}

  /**
   * The answer.
   *
   * @param utility the joint (multiplicative) utility in [0, 1]
   * @param weightedSum the normalised weighted sum of the same utilities, for comparison
   * @param masterConstant Keeney and Raiffa's K
   * @param interaction complements, substitutes or additive (the sign of K)
   * @param lowerBound whether some attribute was assumed at its worst level
   * @param attributes every attribute, in the model's order
   */
  record QualityView(
      double utility,
      double weightedSum,
      double masterConstant,
      String interaction,
      boolean lowerBound,
      List<AttributeView> attributes) {}

  private record Level(double value, Source source, String basis) {}

  private static final String FORECAST_ERROR = "forecast-error";
  private static final String AGE = "age-s";

  private final DntServer server;
  private final LiveTwin twin;
  private final ChangeStream stream;
  private final LongSupplier wallClock;
  private final TwinQuality model = TwinQuality.defaults();

  QualityRoutes(DntServer server, LiveTwin twin, ChangeStream stream, LongSupplier wallClock) {
    this.server = server;
    this.twin = twin;
    this.stream = stream;
    this.wallClock = wallClock;
  }

  /**
   * Registers the route.
   *
   * @param routes Javalin's routes
   * @param tracked wraps a handler so that it is refused while the server stops
   */
  void register(RoutesConfig routes, UnaryOperator<Handler> tracked) {
    routes.get(API + "/quality", tracked.apply(this::quality));
  }

  private void quality(Context ctx) {
    server.authorize(ctx, Role.VIEWER, "read the twin's quality");
    Map<String, Level> given = given(ctx.queryParamMap());
    Map<String, Level> levels = new LinkedHashMap<>();
    Map<String, Double> values = new LinkedHashMap<>();
    for (QualityAttribute a : model.attributes()) {
      Level l = given.get(a.name());
      if (l == null) {
        l =
            switch (a.name()) {
              case FORECAST_ERROR -> forecastError(a);
              case AGE -> age(a);
              default -> worst(a, "not measured by the live twin");
            };
      }
      levels.put(a.name(), l);
      values.put(a.name(), l.value());
    }
    QualityScore score = model.score(values);
    List<AttributeView> attributes = new ArrayList<>();
    boolean lowerBound = false;
    for (QualityAttribute a : model.attributes()) {
      Level l = java.util.Objects.requireNonNull(levels.get(a.name()));
      lowerBound |= l.source() == Source.ASSUMED_WORST;
      attributes.add(
          new AttributeView(
              a.name(),
              a.description(),
              l.value(),
              java.util.Objects.requireNonNull(score.utilities().get(a.name())),
              a.scalingConstant(),
              l.source().label(),
              l.basis()));
    }
    ctx.json(
        new QualityView(
            score.joint(),
            score.weightedSum(),
            model.joint().master(),
            score.interaction().name().toLowerCase(Locale.ROOT),
            lowerBound,
            attributes));
  }

  /** The caller's levels: every query parameter must name an attribute and hold one number. */
  private Map<String, Level> given(Map<String, List<String>> params) {
    Map<String, Level> given = new LinkedHashMap<>();
    for (Map.Entry<String, List<String>> p : params.entrySet()) {
      String name = p.getKey();
      if (!model.names().contains(name)) {
        throw new DntServer.ApiError(
            400, name + ": unknown quality attribute; known: " + String.join(", ", model.names()));
      }
      if (p.getValue().size() != 1) {
        throw new DntServer.ApiError(400, name + ": give one level, not " + p.getValue().size());
      }
      String text = p.getValue().get(0).strip();
      double v;
      try {
        v = Double.parseDouble(text);
      } catch (NumberFormatException e) {
        v = Double.NaN;
      }
      if (!Double.isFinite(v)) {
        throw new DntServer.ApiError(400, name + ": '" + text + "' is not a finite number");
      }
      given.put(name, new Level(v, Source.GIVEN, "given in the request"));
    }
    return given;
  }

  private static Level worst(QualityAttribute a, String why) {
    return new Level(
        a.utility().worst(),
        Source.ASSUMED_WORST,
        why + "; counted at its worst level (give it as ?" + a.name() + "=LEVEL)");
  }

  private Level forecastError(QualityAttribute a) {
    ForecastLayer layer;
    try {
      layer = await(twin.forecastLayer(), 400, "");
    } catch (DntServer.ApiError e) {
      if (e.status == 409) {
        return worst(a, String.valueOf(e.getMessage()));
      }
      throw e;
    }
    double sum = 0;
    int n = 0;
    for (double z : layer.lastZError()) {
      if (Double.isFinite(z)) {
        sum += z * z;
        n++;
      }
    }
    if (n == 0) {
      return worst(a, "no cell has a forecast model with a known error yet");
    }
    return new Level(
        sum / n,
        Source.MEASURED,
        "mean over "
            + n
            + (n == 1 ? " cell" : " cells")
            + " of the squared standardised error of the newest one-step forecast");
  }

  private Level age(QualityAttribute a) {
    Long last = stream.lastBatchMillis();
    if (last == null) {
      return worst(a, "no telemetry batch acknowledged since this server started");
    }
    return new Level(
        Math.max(0, wallClock.getAsLong() - last) / 1000.0,
        Source.MEASURED,
        "seconds since this server last saw a telemetry batch acknowledged");
  }
}
