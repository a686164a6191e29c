package dnt.caching.rl;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The eviction regret charges a decision for a later miss of its item, never for its own. */
final class RegretLedgerTest {
  @Test
  void aRefusedItemIsNotChargedByTheRequestItWasRefusedOn() {
    // the refused item's own miss is observed after the decision, at the decision's tick; it used
    // to be charged there, so that "do not admit" always cost -1 and no agent learned to refuse
    RegretLedger ledger = new RegretLedger(2);
    Outcome refusal = new Outcome(0f);
    ledger.remember(7, refusal, 10);
    ledger.missed(7, 10);
    assertThat(refusal.reward()).isZero();
    ledger.missed(7, 12);
    assertThat(refusal.reward()).isEqualTo(-1f);
    assertThat(ledger.size()).isZero();
  }

  @Test
  void aMissBeyondTheHorizonIsNotCharged() {
    RegretLedger ledger = new RegretLedger(2);
    Outcome eviction = new Outcome(0f);
    ledger.remember(3, eviction, 10);
    ledger.missed(3, 13);
    assertThat(eviction.reward()).isZero();
    assertThat(ledger.size()).isZero();
  }

  @Test
  void refusingAnItemAgainSettlesItsEarlierDecisionFirst() {
    // item 5 evicted at tick 4, missed and refused at tick 5: the miss charges the eviction, and
    // the refusal opens a new entry that a later miss charges
    RegretLedger ledger = new RegretLedger(2);
    Outcome eviction = new Outcome(0f);
    Outcome refusal = new Outcome(0f);
    ledger.remember(5, eviction, 4);
    ledger.remember(5, refusal, 5);
    ledger.missed(5, 5);
    assertThat(eviction.reward()).isEqualTo(-1f);
    assertThat(refusal.reward()).isZero();
    ledger.missed(5, 6);
    assertThat(refusal.reward()).isEqualTo(-1f);
  }
}
