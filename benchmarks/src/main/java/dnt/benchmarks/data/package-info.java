/** Benchmarks of the data layer: ingest throughput and single-cell export latency. */
package dnt.benchmarks.data;
