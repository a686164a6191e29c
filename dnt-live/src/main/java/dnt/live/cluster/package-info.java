/**
 * Plain values that describe a live twin's Pekko cluster (members, shards, singletons), shared by
 * the runtime that reads them and the public face that answers them; no Pekko type lives here.
 */
@NullMarked
package dnt.live.cluster;

import org.jspecify.annotations.NullMarked;
