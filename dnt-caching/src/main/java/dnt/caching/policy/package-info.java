/**
 * Cache replacement policies for one cache of unit-size items (LRU, LFU, FIFO, random, ARC,
 * W-TinyLFU and Belady's offline MIN), picked by name from {@link
 * dnt.caching.policy.PolicyRegistry}.
 */
@NullMarked
package dnt.caching.policy;

import org.jspecify.annotations.NullMarked;
