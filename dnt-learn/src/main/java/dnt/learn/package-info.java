/** Forecasters on DJL, federated learning, attacks, robust aggregation and privacy. */
package dnt.learn;
