/** JMH benchmarks; run commands are in each class and in docs/PERFORMANCE.md. */
@NullMarked
package dnt.benchmarks;

import org.jspecify.annotations.NullMarked;
