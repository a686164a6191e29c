/**
 * The live twin: telemetry keeps one network twin in sync (the paper's real-time twin, Sec. II and
 * III-A2). {@link dnt.live.LiveTwin} is the plain-Java face that the HTTP server, the CLI and tests
 * use; behind it, cell twins are sharded, event-sourced Apache Pekko entities that drive the
 * plain-Java domain ({@code dnt.core}, {@code dnt.data}, {@code dnt.learn}). No Pekko type appears
 * in this package's public API.
 */
@NullMarked
package dnt.live;

import org.jspecify.annotations.NullMarked;
