/** JMH benchmarks of the robust aggregation rules at federated scale (n = 100, d = 1,000,000). */
@NullMarked
package dnt.benchmarks.robust;

import org.jspecify.annotations.NullMarked;
