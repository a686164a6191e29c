/** Forecasters on DJL, federated learning, attacks, robust aggregation and privacy. */
@NullMarked
package dnt.learn;

import org.jspecify.annotations.NullMarked;
