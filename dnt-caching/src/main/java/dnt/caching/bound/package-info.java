/** Offline bounds for caching networks: the greedy femtocaching static placement. */
@NullMarked
package dnt.caching.bound;

import org.jspecify.annotations.NullMarked;
