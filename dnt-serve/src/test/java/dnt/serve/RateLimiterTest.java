package dnt.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The token buckets of the rate limit, on a clock the test moves. */
final class RateLimiterTest {
  private static final long SECOND = 1_000_000_000L;

  private final AtomicLong clock = new AtomicLong(5 * SECOND);
  private final RateLimiter limiter = new RateLimiter(clock::get);

  @Test
  void aBurstOfTwiceTheRatePassesThenTheNextWaitsForItsShareOfASecond() {
    // 4 a second: a bucket of 8; the 9th waits 1/4 s
    for (int i = 0; i < 8; i++) {
      assertThat(limiter.acquire("a", 4)).as("request %d", i + 1).isZero();
    }
    assertThat(limiter.acquire("a", 4)).isEqualTo(SECOND / 4);
    // a refused request takes nothing: after a quarter of a second one request passes, not two
    clock.addAndGet(SECOND / 4);
    assertThat(limiter.acquire("a", 4)).isZero();
    assertThat(limiter.acquire("a", 4)).isEqualTo(SECOND / 4);
    // a quiet spell refills the bucket, never beyond its size
    clock.addAndGet(60 * SECOND);
    for (int i = 0; i < 8; i++) {
      assertThat(limiter.acquire("a", 4)).isZero();
    }
    assertThat(limiter.acquire("a", 4)).isPositive();
  }

  @Test
  void eachKeyHasItsOwnBucket() {
    assertThat(limiter.acquire("token 0", 0.5)).isZero();
    // 0.5 a second: a bucket of 1, the next after 2 s
    assertThat(limiter.acquire("token 0", 0.5)).isEqualTo(2 * SECOND);
    assertThat(limiter.acquire("token 1", 0.5)).isZero();
    assertThat(limiter.acquire("address 127.0.0.1", 0.5)).isZero();
  }

  @Test
  void aRateOfZeroIsUnlimited() {
    for (int i = 0; i < 10_000; i++) {
      assertThat(limiter.acquire("a", 0)).isZero();
    }
    assertThat(limiter.keys()).isZero();
  }

  @Test
  void idleBucketsAreDroppedOnceTooManyKeysAreHeld() {
    for (int i = 0; i <= RateLimiter.MAX_KEYS; i++) {
      limiter.acquire("address " + i, 1);
    }
    assertThat(limiter.keys()).isEqualTo(RateLimiter.MAX_KEYS + 1);
    // at 1 a second a bucket of 2 with one taken is full again after 1 s
    clock.addAndGet(SECOND);
    limiter.acquire("one more", 1);
    assertThat(limiter.keys()).isEqualTo(1);
  }

  @Test
  void badRatesAreRefused() {
    assertThatThrownBy(() -> new RateLimits(-1, 0)).hasMessageContaining("perToken");
    assertThatThrownBy(() -> new RateLimits(0, Double.NaN)).hasMessageContaining("perAddress");
  }
}
