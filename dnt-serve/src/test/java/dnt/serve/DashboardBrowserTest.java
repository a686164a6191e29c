package dnt.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dnt.core.CellId;
import dnt.core.geo.Position;
import dnt.data.milan.MilanGrid;
import dnt.data.raw.RawRow;
import dnt.live.FederatedStatus;
import dnt.live.ForecastSettings;
import dnt.live.LiveSettings;
import dnt.live.LiveTwin;
import dnt.live.LiveTwins;
import dnt.live.RadioSettings;
import java.io.File;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard in a real browser: Debian's headless chromium driven by Selenium 4 (through
 * Debian's chromedriver; Selenium Manager is never asked), against {@code dnt serve}'s server over
 * the Pekko twin with a radio twin of Milan. One server and one browser for the class. Skipped,
 * with a message, where chromium or chromedriver is not installed ({@code .ci/run} installs them).
 *
 * <p>It also measures the first paint of the full map after a page load and the change stream's
 * delay (from the telemetry POST, which bounds its acknowledgement, to the page told), printed and
 * written to {@code target/dashboard-timings.txt}; {@code docs/PERFORMANCE.md} quotes a run.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
final class DashboardBrowserTest {
  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final ObjectMapper JSON = new ObjectMapper();

  /** 2013-11-04T00:00 UTC, a slot start. */
  private static final long T0 = 1_383_523_200_000L;

  private static final long SLOT = 600_000L;
  private static final int SLOTS = 3;
  private static final double RADIUS_M = 3000;

  /**
   * The federated training the page is shown: the test's twin runs with forecasting off (training
   * would take minutes), so its status comes from here.
   */
  private static final FederatedStatus FEDERATED =
      new FederatedStatus(
          "horizontal",
          5,
          5,
          List.of(0.4825, 0.3616, 0.3416, 0.3299, 0.3236),
          3,
          List.of(
              new FederatedStatus.Client(5049, 0, 1, 0, 0L),
              new FederatedStatus.Client(5050, 1, 2, 0, 0L),
              new FederatedStatus.Client(5051, 1, 1, 2, 11L),
              new FederatedStatus.Client(5052, 2, 0, 1, null)),
          4,
          3,
          27,
          3,
          2,
          T0 + 2 * 86_400_000L,
          "mlp",
          null);

  /** The twin with {@link LiveTwin#federated()} answered by {@code status}, all else by it. */
  private static LiveTwin withFederated(LiveTwin inner, FederatedStatus status) {
    return (LiveTwin)
        Proxy.newProxyInstance(
            LiveTwin.class.getClassLoader(),
            new Class<?>[] {LiveTwin.class},
            (proxy, method, args) -> {
              if (method.getName().equals("federated") && method.getParameterCount() == 0) {
                return CompletableFuture.completedFuture(status);
              }
              try {
                return method.invoke(inner, args);
              } catch (InvocationTargetException e) {
                throw e.getCause();
              }
            });
  }

  private LiveTwin twin;
  private DntServer server;
  private Http http;
  private ChromeDriver driver;
  private MilanGrid grid;
  private final List<String> timings = new ArrayList<>();

  @BeforeAll
  void start(@TempDir Path tmp) {
    assumeTrue(
        Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
        "chromium or chromedriver is not installed (apt-get install chromium chromium-driver);"
            + " the browser tests are skipped");
    grid = MilanGrid.load();
    twin =
        LiveTwins.start(
            LiveSettings.defaults(tmp.resolve("state"))
                .withRadio(RadioSettings.milan(2000, 7))
                .withForecast(ForecastSettings.off()));
    // three slots of the cells within RADIUS_M of the centre, a hill of activity (each cell twin
    // is a persistent entity: starting all 10,000 would dominate the test's time)
    long seeding = System.nanoTime();
    for (int s = 0; s < SLOTS; s++) {
      List<RawRow> rows = new ArrayList<>();
      for (CellId c : seeded()) {
        rows.add(row(c.value(), T0 + s * SLOT, activity(c, s)));
      }
      for (int i = 0; i < rows.size(); i += 1000) {
        twin.ingest(rows.subList(i, Math.min(rows.size(), i + 1000))).toCompletableFuture().join();
      }
    }
    timings.add(
        "seeding "
            + seeded().size()
            + " cells x "
            + SLOTS
            + " slots: "
            + (System.nanoTime() - seeding) / 1_000_000
            + " ms");
    server = DntServer.start(withFederated(twin, FEDERATED), Fixtures.settings(tmp));
    http = Http.of(server);
    System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(CHROMEDRIVER.toFile())
            .usingAnyFreePort()
            .build();
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments(
        "--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1500,1250");
    driver = new ChromeDriver(service, options);
  }

  @AfterAll
  void stop() throws IOException {
    if (driver != null) {
      driver.quit();
    }
    if (server != null) {
      server.close();
    }
    if (twin != null) {
      twin.close();
    }
    if (!timings.isEmpty()) {
      Files.createDirectories(Path.of("target"));
      Files.write(Path.of("target", "dashboard-timings.txt"), timings);
    }
  }

  /** The cells the test sends telemetry for: those within {@link #RADIUS_M} of the centre. */
  private List<CellId> seeded() {
    Position mid = grid.centroid(CellId.of(5050));
    return grid.cells().stream()
        .filter(
            c -> {
              Position p = grid.centroid(c);
              return Math.hypot(p.x() - mid.x(), p.y() - mid.y()) <= RADIUS_M;
            })
        .toList();
  }

  /** The internet activity of a cell in a slot: a hill around the grid's centre, rising by slot. */
  private double activity(CellId c, int slot) {
    Position p = grid.centroid(c);
    Position mid = grid.centroid(CellId.of(5050));
    double d = Math.hypot(p.x() - mid.x(), p.y() - mid.y());
    return 10 + 900 * Math.exp(-d / 4000) + slot;
  }

  private static RawRow row(int cell, long time, double internet) {
    return new RawRow(cell, time, 39, 1, 2, 0.5, 0.25, internet);
  }

  private WebDriverWait waiting() {
    return new WebDriverWait(driver, WAIT);
  }

  private Object js(String script, Object... args) {
    return ((JavascriptExecutor) driver).executeScript(script, args);
  }

  private void signIn(String token) {
    driver.get("http://127.0.0.1:" + server.port() + "/");
    js("sessionStorage.clear();");
    driver.navigate().refresh();
    WebElement field = waiting().until(d -> d.findElement(By.id("token")));
    field.sendKeys(token, Keys.ENTER);
    waiting().until(d -> "10000".equals(d.findElement(By.id("map")).getDomAttribute("data-cells")));
    waiting().until(d -> d.findElement(By.id("map")).getDomAttribute("data-paint-ms") != null);
  }

  private void screenshot(String name) throws IOException {
    Path dir = Path.of("target", "screenshots");
    Files.createDirectories(dir);
    File shot = driver.getScreenshotAs(OutputType.FILE);
    Files.copy(shot.toPath(), dir.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
  }

  /**
   * Where a point lies on the canvas, from the projection the page exposes, as offsets from its
   * centre.
   */
  private int[] offset(double lon, double lat) throws IOException {
    WebElement map = driver.findElement(By.id("map"));
    JsonNode v = JSON.readTree(map.getDomAttribute("data-view"));
    double x =
        v.get("ox").asDouble()
            + (lon - v.get("west").asDouble()) * v.get("k").asDouble() * v.get("scale").asDouble();
    double y =
        v.get("oy").asDouble() + (v.get("north").asDouble() - lat) * v.get("scale").asDouble();
    // the canvas is drawn 1:1 (no CSS scaling): attribute pixels are CSS pixels; its border is
    // the same on both sides, so the element's centre is the drawing's centre
    int w = Integer.parseInt(map.getDomAttribute("width"));
    int h = Integer.parseInt(map.getDomAttribute("height"));
    return new int[] {(int) Math.round(x - w / 2.0), (int) Math.round(y - h / 2.0)};
  }

  private int[] offsetOf(CellId cell) throws IOException {
    double[] lonLat = grid.projection().unproject(grid.centroid(cell));
    return offset(lonLat[0], lonLat[1]);
  }

  @Test
  @Order(1)
  void thePageShowsTheTenThousandCellsOfTheBundledGridAndTheirTraffic() throws Exception {
    signIn(Fixtures.OPERATOR);
    WebElement map = driver.findElement(By.id("map"));
    assertThat(map.getDomAttribute("data-cells")).isEqualTo(String.valueOf(grid.size()));
    assertThat(grid.size()).isEqualTo(10_000);
    // the layer the page drew: one value per cell, each the newest slot's total of the five
    // services, as the test computes it from the rows it sent
    JsonNode layer = JSON.readTree(http.get("/api/v1/layers/traffic", Fixtures.VIEWER).body());
    assertThat(layer.get("count").asInt()).isEqualTo(10_000);
    assertThat(layer.get("time").asLong()).isEqualTo(T0 + (SLOTS - 1) * SLOT);
    List<CellId> cells = grid.cells();
    java.util.Set<CellId> seeded = new java.util.HashSet<>(seeded());
    int withData = 0;
    for (int i = 0; i < cells.size(); i++) {
      JsonNode v = layer.get("values").get(i);
      if (!seeded.contains(cells.get(i))) {
        assertThat(v.isNull()).as("cell %s holds no telemetry", cells.get(i)).isTrue();
        continue;
      }
      withData++;
      double expected = 1 + 2 + 0.5 + 0.25 + activity(cells.get(i), SLOTS - 1);
      // sums of five doubles: at most a few ulps apart from the test's own sum
      assertThat(v.asDouble())
          .isCloseTo(expected, org.assertj.core.data.Offset.offset(1e-9 * expected));
    }
    assertThat(withData).isEqualTo(seeded.size()).isPositive();
    waiting()
        .until(
            d -> {
              String s = d.findElement(By.id("map")).getDomAttribute("data-stations");
              return s != null && Integer.parseInt(s) > 0;
            });
    screenshot("map");
    // first paint of the full map on a fresh page load (the token already in sessionStorage)
    driver.navigate().refresh();
    waiting().until(d -> d.findElement(By.id("map")).getDomAttribute("data-paint-ms") != null);
    long paint = Long.parseLong(driver.findElement(By.id("map")).getDomAttribute("data-paint-ms"));
    timings.add("first paint of the full map after a page load: " + paint + " ms");
    System.out.println("dashboard: first paint of the full map " + paint + " ms");
    assertThat(paint).isPositive();
    waiting()
        .until(
            d -> {
              String s = d.findElement(By.id("map")).getDomAttribute("data-stations");
              return s != null && Integer.parseInt(s) > 0;
            });
    screenshot("dashboard");
    // the forecast layer says why it is empty: the test's twin runs with forecasting off
    driver.findElement(By.cssSelector("input[name=layer][value=forecast]")).click();
    waiting()
        .until(
            d ->
                d.findElement(By.id("layer-message"))
                    .getText()
                    .equals("forecasting is off in this live twin"));
    driver.findElement(By.cssSelector("input[name=layer][value=traffic]")).click();
    waiting()
        .until(d -> "traffic".equals(d.findElement(By.id("map")).getDomAttribute("data-layer")));
  }

  @Test
  @Order(2)
  void clickingACellOpensItsChartWithTheObservedSeries() throws Exception {
    WebElement map = driver.findElement(By.id("map"));
    // a seeded cell; stations hidden so that the click lands on the cell
    CellId cell = CellId.of(5050 + 3);
    js("document.getElementById('show-stations').click();");
    int[] at = offsetOf(cell);
    new Actions(driver).moveToElement(map, at[0], at[1]).click().perform();
    waiting()
        .until(
            d ->
                String.valueOf(cell.value())
                    .equals(d.findElement(By.id("cell-panel")).getDomAttribute("data-cell")));
    waiting().until(d -> !d.findElements(By.cssSelector("#chart .uplot canvas")).isEmpty());
    // the per-service table: sums over the window of the rows the test sent
    List<WebElement> rows = driver.findElements(By.cssSelector("#services tbody tr"));
    assertThat(rows).hasSize(5);
    double internet = 0;
    for (int s = 0; s < SLOTS; s++) {
      internet += activity(cell, s);
    }
    assertThat(rows.get(4).getText()).startsWith("internet");
    String shown = rows.get(4).findElement(By.tagName("td")).getText();
    // the page rounds to whole numbers from 1,000 and to one decimal from 10: half a unit of the
    // last digit shown, plus the sum's own few ulps
    double bound = (internet >= 1000 ? 0.5 : 0.05) + 1e-9;
    assertThat(Double.parseDouble(shown))
        .isCloseTo(internet, org.assertj.core.data.Offset.offset(bound));
    assertThat(rows.get(0).findElement(By.tagName("td")).getText())
        .isEqualTo(String.format(Locale.ROOT, "%.2f", 1.0 * SLOTS));
    js("document.getElementById('show-stations').click();");
    screenshot("cell");
  }

  @Test
  @Order(3)
  void aWhatIfOnTheMapReturnsTheKpiComparison() throws Exception {
    JsonNode stations = JSON.readTree(http.get("/api/v1/stations", Fixtures.VIEWER).body());
    // the busiest station: its switch-off moves users
    JsonNode busiest = null;
    for (JsonNode s : stations.get("stations")) {
      if (busiest == null || s.get("users").asInt() > busiest.get("users").asInt()) {
        busiest = s;
      }
    }
    if (!driver.findElement(By.id("show-stations")).isSelected()) {
      driver.findElement(By.id("show-stations")).click();
    }
    int[] at = offset(busiest.get("lon").asDouble(), busiest.get("lat").asDouble());
    WebElement map = driver.findElement(By.id("map"));
    // a plain click opens the station's twin, its twin-graph neighbours listed (and drawn)
    new Actions(driver).moveToElement(map, at[0], at[1]).click().perform();
    waiting()
        .until(d -> d.findElement(By.id("station-panel")).getDomAttribute("data-station") != null);
    int opened =
        Integer.parseInt(
            driver.findElement(By.id("station-panel")).getDomAttribute("data-station"));
    JsonNode detail =
        JSON.readTree(
            http.get("/api/v1/stations/" + opened + "?neighbours=6", Fixtures.VIEWER).body());
    List<WebElement> neighbours = driver.findElements(By.cssSelector("#neighbours tbody tr"));
    assertThat(neighbours).hasSize(detail.get("relations").size());
    for (int i = 0; i < neighbours.size(); i++) {
      assertThat(neighbours.get(i).findElement(By.tagName("td")).getText())
          .isEqualTo(detail.get("relations").get(i).get("station").asText());
    }
    assertThat(driver.findElement(By.id("station-title")).getText()).isEqualTo("Station " + opened);
    new Actions(driver)
        .keyDown(Keys.SHIFT)
        .moveToElement(map, at[0], at[1])
        .click()
        .keyUp(Keys.SHIFT)
        .perform();
    waiting().until(d -> "1".equals(d.findElement(By.id("whatif")).getDomAttribute("data-picked")));
    // the station the click picked (the nearest within 6 px)
    String picked = driver.findElement(By.cssSelector("#picked li")).getText();
    int station = Integer.parseInt(picked.replace("station ", "").strip());
    driver.findElement(By.id("whatif-run")).click();
    waiting().until(d -> !d.findElements(By.cssSelector("#kpi-table tbody tr")).isEmpty());
    List<WebElement> shown = driver.findElements(By.cssSelector("#kpi-table tbody tr"));
    // the same what-if through the API, independently of the page
    HttpResponse<String> r =
        http.post("/api/v1/whatif", Fixtures.OPERATOR, "[{\"switch-off\": " + station + "}]");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    JsonNode kpis = JSON.readTree(r.body()).get("kpis");
    assertThat(shown).hasSize(kpis.size());
    for (int i = 0; i < kpis.size(); i++) {
      assertThat(shown.get(i).findElement(By.tagName("td")).getText())
          .isEqualTo(kpis.get(i).get("kpi").asText());
    }
    int active = -1;
    for (int i = 0; i < kpis.size(); i++) {
      if (kpis.get(i).get("kpi").asText().startsWith("active stations")) {
        active = i;
      }
    }
    assertThat(active).isNotNegative();
    assertThat(kpis.get(active).get("change").asDouble()).isEqualTo(-1.0);
    assertThat(shown.get(active).findElements(By.tagName("td")).get(3).getText())
        .isEqualTo("-1.00");
    js("window.scrollTo(0, 0);");
    screenshot("whatif");
  }

  @Test
  @Order(4)
  void aStationAddedByClickingShowsTheComparisonAndTheUsersWhoseSinrChangesMostOnTheMap()
      throws Exception {
    driver.findElement(By.id("whatif-clear")).click();
    waiting().until(d -> "0".equals(d.findElement(By.id("whatif")).getDomAttribute("data-picked")));
    JsonNode stations = JSON.readTree(http.get("/api/v1/stations", Fixtures.VIEWER).body());
    JsonNode busiest = null;
    int maxId = 0;
    for (JsonNode s : stations.get("stations")) {
      maxId = Math.max(maxId, s.get("id").asInt());
      if (busiest == null || s.get("users").asInt() > busiest.get("users").asInt()) {
        busiest = s;
      }
    }
    // a new station beside the busiest one, where it takes users over
    double lon = busiest.get("lon").asDouble() + 0.002;
    double lat = busiest.get("lat").asDouble() + 0.001;
    WebElement power = driver.findElement(By.id("new-dbm"));
    power.clear();
    power.sendKeys("40");
    driver.findElement(By.id("place-station")).click();
    // the whole map in view: an action's offsets count from the centre of the element's visible
    // part
    js("window.scrollTo(0, 0);");
    int[] at = offset(lon, lat);
    new Actions(driver)
        .moveToElement(driver.findElement(By.id("map")), at[0], at[1])
        .click()
        .perform();
    waiting().until(d -> "1".equals(d.findElement(By.id("whatif")).getDomAttribute("data-added")));
    WebElement added = driver.findElement(By.cssSelector("#added li"));
    int id = Integer.parseInt(added.getDomAttribute("data-id"));
    double placedLon = Double.parseDouble(added.getDomAttribute("data-lon"));
    double placedLat = Double.parseDouble(added.getDomAttribute("data-lat"));
    assertThat(id).isEqualTo(maxId + 1);
    // the click lands on a whole CSS pixel (half a pixel off at most) from the element's centre
    // (a whole pixel, floored by WebDriver, half a pixel off at most): within a pixel, in degrees
    JsonNode view = JSON.readTree(driver.findElement(By.id("map")).getDomAttribute("data-view"));
    double pixelLat = 1 / view.get("scale").asDouble();
    double pixelLon = pixelLat / view.get("k").asDouble();
    assertThat(placedLon).isCloseTo(lon, org.assertj.core.data.Offset.offset(pixelLon));
    assertThat(placedLat).isCloseTo(lat, org.assertj.core.data.Offset.offset(pixelLat));

    driver.findElement(By.id("whatif-run")).click();
    waiting()
        .until(d -> d.findElement(By.id("whatif-result")).getDomAttribute("data-users") != null);
    // the same what-if through the API, independently of the page
    HttpResponse<String> r =
        http.post(
            "/api/v1/whatif?top=10",
            Fixtures.OPERATOR,
            "[{\"add-station\": {\"id\": "
                + id
                + ", \"lon\": "
                + placedLon
                + ", \"lat\": "
                + placedLat
                + ", \"power-dbm\": 40}}]");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    JsonNode answer = JSON.readTree(r.body());
    List<WebElement> kpiRows = driver.findElements(By.cssSelector("#kpi-table tbody tr"));
    assertThat(kpiRows).hasSize(answer.get("kpis").size());
    for (int i = 0; i < kpiRows.size(); i++) {
      JsonNode k = answer.get("kpis").get(i);
      List<WebElement> cells = kpiRows.get(i).findElements(By.tagName("td"));
      assertThat(cells.get(0).getText()).isEqualTo(k.get("kpi").asText());
      if (k.get("kpi").asText().equals("active stations")) {
        // one station more: the test's own expectation, and the page shows it
        assertThat(k.get("change").asDouble()).isEqualTo(1.0);
        assertThat(cells.get(3).getText()).isEqualTo("+1.00");
      }
    }
    JsonNode users = answer.get("users");
    assertThat(users).isNotEmpty();
    List<WebElement> userRows = driver.findElements(By.cssSelector("#users-table tbody tr"));
    assertThat(userRows).hasSize(users.size());
    boolean takenOver = false;
    for (int i = 0; i < users.size(); i++) {
      assertThat(userRows.get(i).findElement(By.tagName("td")).getText())
          .isEqualTo(users.get(i).get("user").asText());
      takenOver |= users.get(i).get("servingAfter").asInt(-1) == id;
    }
    assertThat(takenOver).as("some listed user is served by the new station").isTrue();
    // every listed user is drawn on the map, and the new station with them
    WebElement map = driver.findElement(By.id("map"));
    assertThat(map.getDomAttribute("data-whatif-users")).isEqualTo(String.valueOf(users.size()));
    assertThat(map.getDomAttribute("data-added")).isEqualTo("1");
    // and the live twin still has its stations only
    JsonNode after = JSON.readTree(http.get("/api/v1/stations", Fixtures.VIEWER).body());
    assertThat(after.get("count").asInt()).isEqualTo(stations.get("count").asInt());
    js("window.scrollTo(0, 0);");
    screenshot("whatif-add-station");
  }

  @Test
  @Order(5)
  void theFederatedPanelShowsRoundsLossesStalenessAndRejectedUpdates() throws Exception {
    waiting()
        .until(
            d ->
                "horizontal"
                    .equals(d.findElement(By.id("federated")).getDomAttribute("data-phase")));
    WebElement panel = driver.findElement(By.id("federated"));
    assertThat(panel.getDomAttribute("data-rounds")).isEqualTo(String.valueOf(FEDERATED.round()));
    assertThat(panel.getDomAttribute("data-losses"))
        .isEqualTo(String.valueOf(FEDERATED.losses().size()));
    Map<String, String> facts = new java.util.HashMap<>();
    for (WebElement row : driver.findElements(By.cssSelector("#federated-facts tbody tr"))) {
      facts.put(
          row.findElement(By.tagName("th")).getText(), row.findElement(By.tagName("td")).getText());
    }
    assertThat(facts.get("V-twin rounds"))
        .isEqualTo(FEDERATED.round() + " of " + FEDERATED.rounds());
    assertThat(facts.get("updates rejected"))
        .isEqualTo(String.valueOf(FEDERATED.updatesRejected()));
    assertThat(facts.get("clients")).isEqualTo(String.valueOf(FEDERATED.clients().size()));
    // the loss curve is drawn
    assertThat(driver.findElements(By.cssSelector("#loss-chart .uplot canvas"))).isNotEmpty();
    // clients by staleness, counted here from the status the page was given
    Map<Long, Integer> byStaleness = new TreeMap<>();
    int never = 0;
    for (FederatedStatus.Client c : FEDERATED.clients()) {
      if (c.staleness() == null) {
        never++;
      } else {
        byStaleness.merge(c.staleness(), 1, Integer::sum);
      }
    }
    List<String> expected = new ArrayList<>();
    byStaleness.forEach((k, v) -> expected.add(k + " " + v));
    if (never > 0) {
      expected.add("no update yet " + never);
    }
    List<String> shown =
        driver.findElements(By.cssSelector("#staleness tbody tr")).stream()
            .map(WebElement::getText)
            .toList();
    assertThat(shown).isEqualTo(expected);
    // the clients whose updates were rejected, most first
    assertThat(driver.findElement(By.id("rejected")).getText())
        .startsWith(FEDERATED.updatesRejected() + " update(s) rejected")
        .contains("cell 5051 (2), cell 5052 (1)");
    js("document.getElementById('federated').scrollIntoView();");
    screenshot("federated");
  }

  @Test
  @Order(6)
  void aTelemetryBatchShowsOnThePageThroughTheChangeStream() throws Exception {
    waiting()
        .until(d -> "open".equals(d.findElement(By.id("live")).getDomAttribute("data-stream")));
    int before = Integer.parseInt(driver.findElement(By.id("live")).getDomAttribute("data-events"));
    long slot = T0 + SLOTS * SLOT;
    String body = "5050\t" + slot + "\t39\t0\t0\t0\t0\t777\n";
    // the browser and this JVM read the same clock; the POST's start bounds the acknowledgement
    long posted = System.currentTimeMillis();
    HttpResponse<String> r = http.post("/api/v1/telemetry", Fixtures.OPERATOR, body);
    long acknowledged = System.currentTimeMillis();
    assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
    waiting()
        .until(
            d ->
                Integer.parseInt(d.findElement(By.id("live")).getDomAttribute("data-events"))
                    > before);
    WebElement live = driver.findElement(By.id("live"));
    assertThat(live.getDomAttribute("data-last-cells")).isEqualTo("5050");
    assertThat(live.getDomAttribute("data-last-slot")).isEqualTo(String.valueOf(slot));
    long received = Long.parseLong(live.getDomAttribute("data-received-at"));
    // and the map redraws with the new slot, without a reload
    waiting()
        .until(
            d -> {
              String t = d.findElement(By.id("layer-message")).getText();
              String refreshed = d.findElement(By.id("live")).getDomAttribute("data-refreshed");
              return refreshed != null && Long.parseLong(refreshed) >= received && !t.isEmpty();
            });
    long refreshed = Long.parseLong(live.getDomAttribute("data-refreshed"));
    JsonNode layer = JSON.readTree(http.get("/api/v1/layers/traffic", Fixtures.VIEWER).body());
    assertThat(layer.get("time").asLong()).isEqualTo(slot);
    String line =
        "change stream: POST sent -> 202 received "
            + (acknowledged - posted)
            + " ms, -> page told "
            + (received - posted)
            + " ms, -> map redrawn "
            + (refreshed - posted)
            + " ms";
    timings.add(line);
    System.out.println("dashboard: " + line);
    screenshot("live");
  }

  @Test
  @Order(7)
  void aViewerSeesNoOperatorControlsAndAForgedRequestIsRefused() throws Exception {
    signIn(Fixtures.VIEWER);
    assertThat(driver.findElements(By.id("whatif"))).isEmpty();
    assertThat(driver.findElements(By.id("whatif-run"))).isEmpty();
    assertThat(driver.findElements(By.id("speed-form"))).isEmpty();
    // a forged what-if from the page, with the viewer's token
    Object status =
        ((JavascriptExecutor) driver)
            .executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                    + "fetch('/api/v1/whatif', {method: 'POST', headers: {Authorization: 'Bearer '"
                    + " + sessionStorage.getItem('dnt.token')}, body: '[{\"switch-off\": 1}]'})"
                    + ".then(r => r.json().then(j => done(r.status + ' ' + j.error)));");
    assertThat(String.valueOf(status)).startsWith("403 ").contains("viewer");
    screenshot("viewer");
  }
}
