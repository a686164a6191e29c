package dnt.learn.robust;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dnt.learn.fl.AggregationRule;
import dnt.learn.fl.ClientUpdate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Bulyan: the contract and two hand-computed asymmetric one-dimensional examples. */
final class BulyanTest extends AggregationRuleContractTest {
  @Override
  AggregationRule rule() {
    return new Bulyan(2);
  }

  @Override
  boolean robust() {
    return true;
  }

  // Both examples: f = 1, n = 7, one Byzantine value; theta = n - 2f = 5 Krum picks, then the
  // beta = theta - 2f = 3 picked values nearest their median are averaged. A Krum round over m
  // candidates scores each by its summed squared distances to its max(1, m - f - 2) nearest;
  // ties go to the lower index. The expected values differ from the coordinate median and the
  // mean of all seven, so neither a median nor a mean passes for Bulyan here.

  @Test
  void selectsByRepeatedKrumThenAveragesTheValuesClosestToTheMedian() {
    // values 0, 2, 6, 7, 9, 10, -40
    // round 1 (4 nearest): 0: 4+36+49+81 = 170, 2: 4+16+25+49 = 94, 6: 1+9+16+16 = 42,
    //   7: 1+4+9+25 = 39, 9: 1+4+9+49 = 63, 10: 1+9+16+64 = 90,
    //   -40: 1600+1764+2116+2209 = 7689                                          -> pick 7
    // round 2 (3 nearest): 0: 4+36+81 = 121, 2: 4+16+49 = 69, 6: 9+16+16 = 41, 9: 1+9+49 = 59,
    //   10: 1+16+64 = 81, -40: 1600+1764+2116 = 5480                             -> pick 6
    // round 3 (2 nearest): 0: 4+81 = 85, 2: 4+49 = 53, 9: 1+49 = 50, 10: 1+64 = 65,
    //   -40: 1600+1764 = 3364                                                    -> pick 9
    // round 4 (1 nearest): 0: 4, 2: 4, 10: 64, -40: 1600                         -> pick 0 (tie)
    // round 5 (1 nearest): 2: 64, 10: 64, -40: 1764                              -> pick 2 (tie)
    // picked {0, 2, 6, 7, 9}, median 6, nearest three 6, 7, 9 (2 is 4 away)    -> 22/3
    // (the other tie-breaks pick {2, 6, 7, 9, 10}: median 7, nearest 6, 7, 9 -> 22/3 too)
    // median of all seven: 6; mean: -6/7
    List<ClientUpdate> u =
        updates(
            new double[] {0},
            new double[] {2},
            new double[] {6},
            new double[] {7},
            new double[] {9},
            new double[] {10},
            new double[] {-40});
    double[] r = new Bulyan(1).aggregate(u, context(u, new double[1]));
    // the rule computes 22 * (1/3): two roundings, within 2 ulps of 22/3 (about 2e-15)
    assertThat(r[0]).isCloseTo(22.0 / 3, within(1e-14));
  }

  @Test
  void theFarOutlierAndTheFarthestHonestValueAreNeverSelected() {
    // values 0, 1, 2, 3, 6, 10, 100
    // round 1 (4 nearest): 0: 1+4+9+36 = 50, 1: 1+1+4+25 = 31, 2: 1+1+4+16 = 22,
    //   3: 1+4+9+9 = 23, 6: 9+16+16+25 = 66, 10: 16+49+64+81 = 210,
    //   100: 8100+8836+9409+9604 = 35949                                         -> pick 2
    // round 2 (3 nearest): 0: 1+9+36 = 46, 1: 1+4+25 = 30, 3: 4+9+9 = 22, 6: 9+16+25 = 50,
    //   10: 16+49+81 = 146, 100: 8100+8836+9409 = 26345                          -> pick 3
    // round 3 (2 nearest): 0: 1+36 = 37, 1: 1+25 = 26, 6: 16+25 = 41, 10: 16+81 = 97,
    //   100: 8100+8836 = 16936                                                   -> pick 1
    // round 4 (1 nearest): 0: 36, 6: 16, 10: 16, 100: 8100                       -> pick 6 (tie)
    // round 5 (1 nearest): 0: 100, 10: 100, 100: 8100                            -> pick 0 (tie)
    // picked {0, 1, 2, 3, 6}, median 2, nearest three 1, 2, 3                  -> 2
    // (the other tie-breaks pick {0, 1, 2, 3, 10} or {1, 2, 3, 6, 10}: 2 again)
    // median of all seven: 3; mean: 122/7
    List<ClientUpdate> u =
        updates(
            new double[] {0},
            new double[] {1},
            new double[] {2},
            new double[] {3},
            new double[] {6},
            new double[] {10},
            new double[] {100});
    double[] r = new Bulyan(1).aggregate(u, context(u, new double[1]));
    // the rule computes 6 * (1/3): two roundings, within 2 ulps of 2 (about 9e-16)
    assertThat(r[0]).isCloseTo(2.0, within(1e-15));
    assertThat(new Bulyan(1).minClients()).isEqualTo(7);
  }
}
