package dnt.serve;

import dnt.core.CellId;
import dnt.data.raw.RawRow;
import dnt.data.store.Resolution;
import dnt.live.BatchApplied;
import dnt.live.CellTraffic;
import dnt.live.IngestReceipt;
import dnt.live.LiveTwin;
import dnt.live.Subscription;
import dnt.live.TrafficView;
import dnt.live.TwinStatus;
import dnt.live.memory.InMemoryLiveTwin;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;

/**
 * A test twin that hands everything to the in-memory reference of {@link Fixtures#twin()}; a test
 * overrides the one call whose answer it needs to change (a slow ingest, a timeout, alerts,
 * forecasts).
 */
class DelegatingTwin implements LiveTwin {
  final InMemoryLiveTwin inner = Fixtures.twin();

  @Override
  public CompletionStage<IngestReceipt> ingest(List<RawRow> rows) {
    return inner.ingest(rows);
  }

  @Override
  public CompletionStage<CellTraffic> traffic(
      CellId cell, long fromMillis, long toMillis, Resolution resolution, TrafficView view) {
    return inner.traffic(cell, fromMillis, toMillis, resolution, view);
  }

  @Override
  public Subscription subscribe(Consumer<BatchApplied> listener) {
    return inner.subscribe(listener);
  }

  @Override
  public TwinStatus status() {
    return inner.status();
  }

  @Override
  public void close() {
    inner.close();
  }
}
