/**
 * The Apache Pekko runtime behind {@link dnt.live.LiveTwin}: a one-node cluster whose sharded,
 * event-sourced cell twins ({@link dnt.live.runtime.CellTwin}) journal telemetry through {@code
 * pekko-persistence-jdbc}, and {@link dnt.live.runtime.TwinRuntime}, the plain-Java handle the
 * public face drives. This package knows nothing of the public face's types, so the two packages
 * form no cycle.
 */
@NullMarked
package dnt.live.runtime;

import org.jspecify.annotations.NullMarked;
