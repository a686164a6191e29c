package dnt.caching.workload;

import dnt.caching.network.Topology;
import dnt.caching.network.Trace;
import java.util.Arrays;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Slotted request generation (reconstructed from the caching brief): in each slot, each client
 * requests with probability q (times any active rate surge at its home station), the item drawn by
 * an {@link ItemSampler} for its home station, with rare events applied. Request times are slot
 * numbers; clients request in id order within a slot.
 */
public final class RequestGenerator {
  private final Topology topology;
  private final int clients;
  private final double requestProbability;

  /**
   * A generator for clients 0..clients-1 of a topology.
   *
   * @param topology the association (each client needs a station)
   * @param clients the number of clients
   * @param requestProbability q, the per-slot request probability, in (0, 1]
   */
  public RequestGenerator(Topology topology, int clients, double requestProbability) {
    if (!(requestProbability > 0 && requestProbability <= 1)) {
      throw new IllegalArgumentException("q must be in (0, 1], got " + requestProbability);
    }
    for (int c = 0; c < clients; c++) {
      if (topology.stationsOf(c).length == 0) {
        throw new IllegalArgumentException("client " + c + " has no station");
      }
    }
    this.topology = topology;
    this.clients = clients;
    this.requestProbability = requestProbability;
  }

  /**
   * Generates a trace.
   *
   * @param sampler the item sampler (advanced once per slot)
   * @param slots the number of slots
   * @param events rare events to apply (alpha jumps need a {@link ZipfPopularity} sampler; shifts
   *     go to {@link ItemSampler#shift}, and are permanent on the sampler)
   * @param random the source of randomness
   * @return the trace
   */
  public Trace generate(
      ItemSampler sampler, int slots, List<RareEvent> events, RandomGenerator random) {
    int cap =
        (int)
            Math.min(
                Integer.MAX_VALUE - 8,
                (long) (slots * (double) clients * requestProbability * 1.2) + 16);
    double[] times = new double[cap];
    int[] cl = new int[cap];
    int[] it = new int[cap];
    int n = 0;
    ZipfPopularity zipf = sampler instanceof ZipfPopularity z ? z : null;
    double baseAlpha = zipf == null ? 0 : zipf.alpha();
    for (int slot = 0; slot < slots; slot++) {
      sampler.advance(slot, random);
      double alpha = baseAlpha;
      for (RareEvent e : events) {
        if (e instanceof RareEvent.PopularityShift p && p.start() == slot) {
          sampler.shift(p.ranks());
        } else if (e instanceof RareEvent.AlphaJump a && a.activeAt(slot)) {
          alpha = a.alpha();
        }
      }
      if (zipf != null) {
        zipf.setAlpha(alpha);
      }
      for (int c = 0; c < clients; c++) {
        int home = topology.stationsOf(c)[0];
        double q = requestProbability;
        RareEvent.FlashCrowd flash = null;
        for (RareEvent e : events) {
          if (e instanceof RareEvent.RateSurge s && s.activeAt(slot) && s.station() == home) {
            q *= s.factor();
          } else if (e instanceof RareEvent.FlashCrowd f
              && f.activeAt(slot)
              && f.station() == home) {
            flash = f;
          }
        }
        int draws = (int) Math.floor(q);
        if (random.nextDouble() < q - draws) {
          draws++;
        }
        for (int k = 0; k < draws; k++) {
          int item;
          if (flash != null && random.nextDouble() < flash.share()) {
            item = flash.firstItem() + random.nextInt(flash.items());
          } else {
            item = sampler.sample(home, slot, random);
          }
          if (n == it.length) {
            times = Arrays.copyOf(times, n * 2);
            cl = Arrays.copyOf(cl, n * 2);
            it = Arrays.copyOf(it, n * 2);
          }
          times[n] = slot;
          cl[n] = c;
          it[n] = item;
          n++;
        }
      }
    }
    if (zipf != null) {
      zipf.setAlpha(baseAlpha);
    }
    return new Trace(Arrays.copyOf(times, n), Arrays.copyOf(cl, n), Arrays.copyOf(it, n));
  }
}
