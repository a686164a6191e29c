package dnt.learn.fl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The H-twin's client fraction C ({@link AsyncSettings#clientFraction()}): the daily sample's size
 * is ceil(C n), it is seeded and uniform, C = 1 leaves the run as it was, and only the sampled
 * stations download, train and upload.
 */
final class AsyncClientFractionTest {
  private static final LinkModel LINK = new LinkModel(0.01);

  private static AsyncSettings settings(double fraction) {
    return new AsyncSettings(
        FlFixtures.RECIPE,
        0.6,
        new StalenessFunction.Polynomial(0.5),
        1,
        1e-3,
        5,
        ClusterSettings.none(),
        fraction);
  }

  @Test
  void theSampleSizeIsTheCeilingOfTheFractionTimesTheStations() {
    // hand-worked: ceil(0.2 x 25) = 5, ceil(0.5 x 3) = ceil(1.5) = 2, ceil(0.01 x 10,000) = 100,
    // ceil(0.001 x 10) = ceil(0.01) = 1, and 0.07 x 100 is 7 although the binary product is
    // 7.000000000000001 (whose ceiling would be 8)
    assertThat(settings(0.2).sampleSize(25)).isEqualTo(5);
    assertThat(settings(0.5).sampleSize(3)).isEqualTo(2);
    assertThat(settings(0.01).sampleSize(10_000)).isEqualTo(100);
    assertThat(settings(0.001).sampleSize(10)).isEqualTo(1);
    assertThat(settings(0.07).sampleSize(100)).isEqualTo(7);
    assertThat(settings(0.28).sampleSize(25)).isEqualTo(7);
    assertThat(settings(1.0).sampleSize(7)).isEqualTo(7);
    assertThat(settings(0.5).sampleSize(0)).isZero();
  }

  @Test
  void theDailySampleIsSeededOfTheRightSizeAndUniform() {
    AsyncSettings s = settings(0.2);
    int n = 25;
    int days = 2000;
    int[] picked = new int[n];
    boolean differsAcrossDays = false;
    for (int day = 0; day < days; day++) {
      boolean[] a = AsynchronousFederation.participants(s, n, day, 7);
      assertThat(AsynchronousFederation.participants(s, n, day, 7)).containsExactly(a);
      int size = 0;
      for (int i = 0; i < n; i++) {
        if (a[i]) {
          size++;
          picked[i]++;
        }
      }
      assertThat(size).isEqualTo(5);
      if (day > 0 && !Arrays.equals(a, AsynchronousFederation.participants(s, n, day - 1, 7))) {
        differsAcrossDays = true;
      }
    }
    assertThat(differsAcrossDays).isTrue();
    boolean seedMatters = false;
    for (int day = 0; day < 10 && !seedMatters; day++) {
      seedMatters =
          !Arrays.equals(
              AsynchronousFederation.participants(s, n, day, 7),
              AsynchronousFederation.participants(s, n, day, 8));
    }
    assertThat(seedMatters).isTrue();
    // Each station is in a day's sample with probability 5/25 = 0.2, so over 2,000 days its count
    // is binomial with mean 400 and standard deviation sqrt(2000 x 0.2 x 0.8) = 17.9; 6 standard
    // deviations (107) bound every one of the 25 counts of a uniform sampler with room to spare,
    // while a sampler that favoured some stations would put them hundreds away.
    for (int i = 0; i < n; i++) {
      assertThat(Math.abs(picked[i] - 400))
          .as("station %d picked %d times", i, picked[i])
          .isLessThan(107);
    }
  }

  @Test
  void fractionOneSendsEveryStationAndASampleOfAllReproducesItBitForBit() {
    boolean[] all = AsynchronousFederation.participants(settings(1.0), 4, 0, 3);
    assertThat(all).containsOnly(true);
    List<FlClient> clients = FlFixtures.clients(4);
    FederatedResult one;
    FederatedResult sevenArg;
    FederatedResult almostOne;
    try (LocalTraining pool = new LocalTraining(FlFixtures.ARCH, 2)) {
      FederatedResult start = start(pool, clients);
      AsyncSettings base = settings(1.0);
      AsyncSettings defaults =
          new AsyncSettings(
              base.recipe(),
              base.alpha(),
              base.staleness(),
              base.bufferSize(),
              base.secondsPerSample(),
              base.startSpreadSeconds(),
              base.clustering());
      assertThat(defaults.clientFraction()).isEqualTo(1.0);
      one = run(pool, base, clients, start);
      sevenArg = run(pool, defaults, clients, start);
      // ceil(0.99 x 4) = 4: the sampling path, drawing a sample of every station
      assertThat(settings(0.99).sampleSize(4)).isEqualTo(4);
      almostOne = run(pool, settings(0.99), clients, start);
    }
    assertThat(sevenArg.global()).containsExactly(one.global());
    // the sample has its own random stream: start offsets and training seeds are those of C = 1
    assertThat(almostOne.global()).containsExactly(one.global());
    assertThat(almostOne.rounds()).isEqualTo(one.rounds());
    assertThat(one.cost().messages()).isEqualTo(16);
  }

  @Test
  void onlyTheSampledStationsDownloadTrainAndUpload() {
    List<FlClient> clients = FlFixtures.clients(4);
    FederatedResult half;
    FederatedResult all;
    try (LocalTraining pool = new LocalTraining(FlFixtures.ARCH, 2)) {
      FederatedResult start = start(pool, clients);
      half = run(pool, settings(0.5), clients, start);
      all = run(pool, settings(1.0), clients, start);
    }
    // 2 of 4 stations x 2 days x (1 download + 1 upload) of 4 d bytes each; one server step
    // per arrival (buffer size 1)
    long d = FlFixtures.ARCH.parameterCount();
    assertThat(half.cost().bytesUp()).isEqualTo(2 * 2 * 4 * d);
    assertThat(half.cost().bytesDown()).isEqualTo(2 * 2 * 4 * d);
    assertThat(half.cost().messages()).isEqualTo(8);
    assertThat(half.rounds()).hasSize(4);
    List<Integer> participants = new ArrayList<>();
    half.rounds().forEach(r -> participants.add(r.participants()));
    assertThat(participants).containsOnly(1);
    assertThat(half.global()).isNotEqualTo(all.global());
  }

  @Test
  void aFractionOutsideZeroToOneIsRefused() {
    for (double bad : new double[] {0, -0.1, 1.5, Double.NaN}) {
      assertThatThrownBy(() -> settings(bad))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageStartingWith("clientFraction must be in (0, 1], got ");
      assertThatThrownBy(() -> new FlConfig.Async(0.5, "polynomial", 0.5, 4, 1, 900, 3, 7, bad))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageStartingWith("clientFraction must be in (0, 1], got ");
    }
  }

  private static FederatedResult start(LocalTraining pool, List<FlClient> clients) {
    return new SynchronousFederation(
            pool,
            new SyncSettings(1, 1.0, FlFixtures.RECIPE, ClusterSettings.none(), 1e-3, 1),
            LINK,
            FederationHooks.defaults())
        .run(clients, dnt.learn.forecast.Forecaster.initialise(FlFixtures.ARCH, 5).parameters(), 3);
  }

  private static FederatedResult run(
      LocalTraining pool, AsyncSettings s, List<FlClient> clients, FederatedResult start) {
    return new AsynchronousFederation(pool, s, LINK, FederationHooks.defaults())
        .run(clients, start, 4, AsynchronousFederation.DayObserver.NONE);
  }
}
