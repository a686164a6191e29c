/** JMH benchmarks of the caching simulator: LRU replay throughput and Belady on long traces. */
@NullMarked
package dnt.benchmarks.caching;

import org.jspecify.annotations.NullMarked;
