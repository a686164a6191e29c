/** Benchmarks of the forecasters and the federated engine. */
@NullMarked
package dnt.benchmarks.learn;

import org.jspecify.annotations.NullMarked;
