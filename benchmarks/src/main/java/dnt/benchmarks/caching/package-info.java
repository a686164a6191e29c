/** JMH benchmarks of the caching simulator: LRU replay throughput and Belady on long traces. */
package dnt.benchmarks.caching;
