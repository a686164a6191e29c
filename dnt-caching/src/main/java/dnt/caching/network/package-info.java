/**
 * The caching network: base stations with local caches, clients associated with one or two stations
 * (home first), the fixed serving rule, request traces, and the metrics of a replay.
 */
@NullMarked
package dnt.caching.network;

import org.jspecify.annotations.NullMarked;
