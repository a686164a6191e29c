/** Benchmarks of the data layer: ingest throughput and single-cell export latency. */
@NullMarked
package dnt.benchmarks.data;

import org.jspecify.annotations.NullMarked;
