/** Offline bounds for caching networks: the greedy femtocaching static placement. */
package dnt.caching.bound;
