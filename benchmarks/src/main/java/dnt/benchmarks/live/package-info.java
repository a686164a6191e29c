/** Benchmarks of the live twin: durable ingest rate and acknowledgement latency. */
@NullMarked
package dnt.benchmarks.live;

import org.jspecify.annotations.NullMarked;
