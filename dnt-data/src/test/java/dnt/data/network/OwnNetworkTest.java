package dnt.data.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dnt.core.BaseStationId;
import dnt.core.InvalidInputException;
import dnt.core.UserId;
import dnt.core.radio.UrbanMicro;
import dnt.core.twin.NetworkTwin;
import dnt.core.twin.StationSpec;
import dnt.core.twin.TwinConfig;
import dnt.core.util.Progress;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A user's own network from its two files: the optional columns reach the radio model (carrier in
 * the path loss, bandwidth, capacity) or are refused, the defaults apply where they are absent, and
 * every malformed station list is refused naming file, line and column.
 */
final class OwnNetworkTest {
  @TempDir Path dir;

  /** The repository's docs/examples/own-network, found from the module directory. */
  static Path example() {
    Path d = Path.of("").toAbsolutePath();
    while (d != null && !Files.isDirectory(d.resolve("docs/examples/own-network"))) {
      d = d.getParent();
    }
    assertThat(d).as("docs/examples/own-network above the working directory").isNotNull();
    return d.resolve("docs/examples/own-network");
  }

  private Path grid() {
    return example().resolve("grid.geojson");
  }

  private Path stations(String csv) throws IOException {
    Path f = dir.resolve("stations.csv");
    Files.writeString(f, csv);
    return f;
  }

  @Test
  void theExampleReadsWithItsColumnsAndTheDefaults() throws IOException {
    OwnNetwork n = OwnNetwork.read(example().resolve("stations.csv"), grid());
    assertThat(n.grid().ids()).hasSize(16);
    assertThat(n.stations())
        .extracting(s -> s.id().value())
        .containsExactly(101, 102, 103, 104, 105, 106, 107, 108, 109, 110, 111, 112);
    assertThat(n.carrierGhz()).isEqualTo(3.5);
    assertThat(n.bandwidthMhz()).isEqualTo(20);
    Map<Integer, Double> capacity =
        n.stations().stream()
            .collect(
                java.util.stream.Collectors.toMap(s -> s.id().value(), StationSpec::capacityMbps));
    assertThat(capacity.get(101)).isEqualTo(300);
    assertThat(capacity.get(105)).isEqualTo(OwnNetwork.DEFAULT_CAPACITY_MBPS); // empty field
    assertThat(capacity.get(109)).isEqualTo(100);
    // tx_power_dbm is the EIRP, as in twin sinr
    assertThat(n.stations().get(0).eirpDbm()).isEqualTo(43);
  }

  @Test
  void carrierAndBandwidthSetTheRadioModelAndCapacityTheStation() throws IOException {
    OwnNetwork n =
        OwnNetwork.read(
            stations(
                "id,x,y,height,tx_power_dbm,carrier_ghz,bandwidth_mhz,capacity_mbps\n"
                    + "1,100,100,20,40,2.6,40,80\n2,900,900,20,40,2.6,,\n"),
            grid());
    TwinConfig c = n.config();
    assertThat(c.links().model()).isInstanceOf(UrbanMicro.class);
    assertThat(((UrbanMicro) c.links().model()).carrierGhz()).isEqualTo(2.6);
    assertThat(c.bandwidthHz()).isEqualTo(40e6);
    assertThat(n.stations().get(0).capacityMbps()).isEqualTo(80);
    assertThat(n.stations().get(1).capacityMbps()).isEqualTo(OwnNetwork.DEFAULT_CAPACITY_MBPS);
    // without the columns: the default twin's carrier and bandwidth
    OwnNetwork plain =
        OwnNetwork.read(stations("id,x,y,height,tx_power_dbm\n1,5,5,20,40\n"), grid());
    TwinConfig d = TwinConfig.defaults(plain.area());
    assertThat(((UrbanMicro) plain.config().links().model()).carrierGhz())
        .isEqualTo(((UrbanMicro) d.links().model()).carrierGhz());
    assertThat(plain.config().bandwidthHz()).isEqualTo(d.bandwidthHz());
  }

  @Test
  void usersArePlacedInsideTheCellsTheSameForTheSameSeed() throws IOException {
    OwnNetwork n = OwnNetwork.read(example().resolve("stations.csv"), grid());
    NetworkTwin a = n.build(400, 0.5, 3, Progress.NONE);
    NetworkTwin b = n.build(400, 0.5, 3, Progress.NONE);
    assertThat(a.userIds()).hasSize(400);
    assertThat(a.stationIds()).contains(BaseStationId.of(101), BaseStationId.of(112));
    for (UserId u : a.userIds()) {
      assertThat(n.grid().containing(a.userSpec(u).position())).as("cell of %s", u).isNotNull();
      assertThat(b.userSpec(u)).isEqualTo(a.userSpec(u));
    }
    Map<Integer, List<UserId>> byCell = n.usersByCell(a);
    assertThat(byCell.values().stream().mapToInt(List::size).sum()).isEqualTo(400);
  }

  @Test
  void theFingerprintFollowsTheBytesOfBothFiles() throws IOException {
    Path s = stations("id,x,y,height,tx_power_dbm\n1,5,5,20,40\n");
    String first = OwnNetwork.read(s, grid()).fingerprint();
    assertThat(OwnNetwork.read(s, grid()).fingerprint()).isEqualTo(first).hasSize(64);
    Files.writeString(s, "id,x,y,height,tx_power_dbm\n1,5,5,20,41\n");
    assertThat(OwnNetwork.read(s, grid()).fingerprint()).isNotEqualTo(first);
  }

  @Test
  void aMalformedStationListIsRefusedNamingFileLineAndColumn() throws IOException {
    String h = "id,x,y,height,tx_power_dbm,carrier_ghz,bandwidth_mhz,capacity_mbps\n";
    refused("id,x,y,tx_power_dbm\n1,5,5,40\n", "line 1: the column 'height' is missing");
    refused(
        "id,x,y,height,tx_power_dbm,colour\n1,5,5,20,40,red\n", "line 1: unknown column 'colour'");
    refused(
        h + "1,5,5,20,40,3.5,20,150\n2,abc,5,20,40,3.5,20,150\n",
        "line 3: x 'abc' is not a number");
    refused(
        h + "1,5,5,20,40,3.5,20,150\n1,6,6,20,40,3.5,20,150\n",
        "line 3: station id 1 appears twice");
    refused(
        h + "1,5,5,20,40,3.5,20,150\n2,6,6,20,40,2.6,20,150\n",
        "line 3: carrier_ghz is 2.6 but line 2 has 3.5; the radio twin has one carrier frequency"
            + " for all stations");
    refused(
        h + "1,5,5,20,40,3.5,20,150\n2,6,6,20,40,3.5,10,150\n",
        "line 3: bandwidth_mhz is 10 but line 2 has 20; the radio twin has one bandwidth");
    refused(h + "1,5,5,20,40,3.5,20,0\n", "line 2: capacity_mbps");
    refused(h + "1,5,5,20,40,300,20,150\n", "line 2: carrier_ghz");
    refused(h + "1,5,5,20,40,3.5,20,fast\n", "line 2: capacity_mbps 'fast' is not a number");
    refused(h, "has no stations");
    refused(h + "1,5,5,20,40\n", "line 2: expected 8 fields, found 5");
  }

  private void refused(String csv, String message) throws IOException {
    Path f = stations(csv);
    assertThatThrownBy(() -> OwnNetwork.read(f, grid()))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageStartingWith(f.toString())
        .hasMessageContaining(message);
  }
}
