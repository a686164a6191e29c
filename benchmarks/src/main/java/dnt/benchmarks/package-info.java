/** JMH benchmarks; run commands are in each class and in docs/PERFORMANCE.md. */
package dnt.benchmarks;
