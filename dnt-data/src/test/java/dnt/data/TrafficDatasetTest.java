package dnt.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dnt.core.CellId;
import dnt.core.InvalidInputException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The dataset cube: indexing, derived views, and validation of its inputs. */
final class TrafficDatasetTest {
  private static final long START = 1_383_260_400_000L;
  private static final List<CellId> CELLS = List.of(CellId.of(7), CellId.of(3));
  private static final List<Service> SERVICES = List.of(Service.SMS_IN, Service.INTERNET);

  /** value = 100 * cell + 10 * slot + service, for 2 cells x 12 slots x 2 services. */
  private static TrafficDataset sample() {
    float[][][] v = new float[2][12][2];
    for (int c = 0; c < 2; c++) {
      for (int t = 0; t < 12; t++) {
        for (int s = 0; s < 2; s++) {
          v[c][t][s] = 100 * c + 10 * t + s;
        }
      }
    }
    return TrafficDataset.of(CELLS, START, Duration.ofMinutes(10), SERVICES, v);
  }

  @Test
  void valuesAreAddressedByCellSlotAndService() {
    TrafficDataset d = sample();
    assertThat(d.cellCount()).isEqualTo(2);
    assertThat(d.length()).isEqualTo(12);
    assertThat(d.value(1, 4, Service.INTERNET)).isEqualTo(141);
    assertThat(d.series(0, Service.SMS_IN))
        .containsExactly(0, 10, 20, 30, 40, 50, 60, 70, 80, 90, 100, 110);
    assertThat(d.indexOf(CellId.of(3))).isEqualTo(1);
    assertThat(d.timeOf(3)).isEqualTo(START + 3 * 600_000L);
  }

  @Test
  void inputArraysAreCopiedSoTheDatasetStaysImmutable() {
    float[][][] v = {{{1f}}};
    TrafficDataset d =
        TrafficDataset.of(
            List.of(CellId.of(1)), 0, Duration.ofMinutes(10), List.of(Service.INTERNET), v);
    v[0][0][0] = 99f;
    d.series(0, Service.INTERNET)[0] = 42;
    assertThat(d.value(0, 0, Service.INTERNET)).isEqualTo(1);
  }

  @Test
  void resampleSumsConsecutiveSlotsAndDropsATrailingPartialGroup() {
    TrafficDataset hourly = sample().resample(5);
    assertThat(hourly.length()).isEqualTo(2);
    assertThat(hourly.slot()).isEqualTo(Duration.ofMinutes(50));
    // cell 1, service 1, slots 5..9: sum of (100 + 10t + 1) = 5 * 101 + 10 * 35
    assertThat(hourly.value(1, 1, Service.INTERNET)).isEqualTo(5 * 101 + 350);
    assertThat(hourly.startMillis()).isEqualTo(START);
  }

  @Test
  void sliceKeepsAHalfOpenRangeAndShiftsTheStart() {
    TrafficDataset s = sample().slice(2, 5);
    assertThat(s.length()).isEqualTo(3);
    assertThat(s.startMillis()).isEqualTo(START + 2 * 600_000L);
    assertThat(s.series(1, Service.SMS_IN)).containsExactly(120, 130, 140);
    assertThatThrownBy(() -> sample().slice(5, 13)).isInstanceOf(InvalidInputException.class);
  }

  @Test
  void selectAndSelectCellsReorderAsAsked() {
    TrafficDataset d = sample().select(Service.INTERNET).selectCells(List.of(CellId.of(3)));
    assertThat(d.services()).containsExactly(Service.INTERNET);
    assertThat(d.cells()).containsExactly(CellId.of(3));
    assertThat(d.value(0, 2, Service.INTERNET)).isEqualTo(121);
    assertThatThrownBy(() -> d.value(0, 0, Service.SMS_IN))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("smsin");
    assertThatThrownBy(() -> sample().selectCells(List.of(CellId.of(9))))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("cell 9");
  }

  @Test
  void aNanValueIsRejectedNamingItsCellAndSlot() {
    float[][][] v = new float[2][3][2];
    v[1][2][0] = Float.NaN;
    assertThatThrownBy(() -> TrafficDataset.of(CELLS, START, Duration.ofMinutes(10), SERVICES, v))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("cell 3")
        .hasMessageContaining("slot 2");
  }

  @Test
  void raggedShapesAndDuplicateCellsAreRejected() {
    float[][][] ragged = {new float[3][2], new float[2][2]};
    assertThatThrownBy(
            () -> TrafficDataset.of(CELLS, START, Duration.ofMinutes(10), SERVICES, ragged))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("cell 3");
    assertThatThrownBy(
            () ->
                TrafficDataset.of(
                    List.of(CellId.of(1), CellId.of(1)),
                    START,
                    Duration.ofMinutes(10),
                    SERVICES,
                    new float[2][1][2]))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("distinct");
  }
}
