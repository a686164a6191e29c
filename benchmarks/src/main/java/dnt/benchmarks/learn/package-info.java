/** Benchmarks of the forecasters and the federated engine. */
package dnt.benchmarks.learn;
