package dnt.core.whatif;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dnt.core.BaseStationId;
import dnt.core.InvalidInputException;
import dnt.core.UserId;
import dnt.core.geo.Position;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The change vocabulary read from plain values (what a JSON or YAML parser gives), shared by {@code
 * dnt twin whatif} and {@code POST /api/v1/whatif}.
 */
final class ChangeParserTest {
  @Test
  void everyKindReadsIntoItsTypedChange() {
    List<Change> changes =
        ChangeParser.parseAll(
            List.of(
                Map.of("switch-off", 12),
                Map.of("POWER", Map.of("station", 77, "dbm", 36.5)),
                Map.of("add-station", Map.of("id", 900001, "x", 10, "y", 20.5)),
                Map.of("move-user", Map.of("user", 5, "x", 1, "y", 2, "time-ms", 3L)),
                Map.of("traffic", Map.of("user", 5, "Mbps", 3)),
                Map.of("handover", Map.of("user", 5, "station", BigInteger.valueOf(77)))),
            "");
    assertThat(changes)
        .containsExactly(
            new Change.SwitchOff(BaseStationId.of(12)),
            new Change.Power(BaseStationId.of(77), 36.5),
            Change.AddStation.smallCell(BaseStationId.of(900001), new Position(10, 20.5)),
            new Change.MoveUser(UserId.of(5), new Position(1, 2), 3),
            new Change.Traffic(UserId.of(5), 3),
            new Change.Handover(UserId.of(5), BaseStationId.of(77)));
  }

  @Test
  void aBadChangeIsNamedByItsNumberKindAndKey() {
    assertThatThrownBy(
            () ->
                ChangeParser.parseAll(
                    List.of(
                        Map.of("switch-off", 1),
                        Map.of("power", Map.of("station", 1, "dbm", 3600))),
                    "f.yaml"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageStartingWith("f.yaml, change 2 (power), 'dbm': ");
    assertThatThrownBy(
            () -> ChangeParser.parseAll(List.of(Map.of("traffic", Map.of("user", 1.5))), ""))
        .hasMessage("change 1 (traffic), 'user': must be a non-negative integer, got 1.5");
    assertThatThrownBy(
            () ->
                ChangeParser.parseAll(
                    List.of(Map.of("power", Map.of("station", 1, "dbm", "high"))), ""))
        .hasMessage("change 1 (power), 'dbm': must be a number, got \"high\"");
    assertThatThrownBy(
            () ->
                ChangeParser.parseAll(
                    List.of(Map.of("switch-off", new BigInteger("99999999999"))), ""))
        .hasMessage(
            "change 1 (switch-off), 'station id': must be a non-negative integer, got 99999999999");
    assertThatThrownBy(() -> ChangeParser.parseAll(List.of(Map.of("power", Map.of("dbm", 1))), ""))
        .hasMessage("change 1 (power): missing 'station'");
    assertThatThrownBy(
            () -> ChangeParser.parseAll(List.of(Map.of("power", Map.of("volume", 1))), ""))
        .hasMessage("change 1 (power): unknown key 'volume'; power takes station, dbm");
    assertThatThrownBy(() -> ChangeParser.parseAll(List.of("switch-off"), ""))
        .hasMessage("change 1: each change is one 'kind: value' entry");
  }
}
