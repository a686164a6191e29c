/**
 * The Vector API ({@code jdk.incubator.vector}) implementation of {@link
 * dnt.learn.simd.FloatKernels}. Compiled by dnt-learn's separate {@code vector} compiler execution
 * (with {@code --add-modules jdk.incubator.vector}, see dnt-learn/pom.xml) and instantiated only by
 * {@link dnt.learn.simd.Kernels}, reflectively, when the module is resolved at run time; nothing
 * else may refer to this package (a class that did would fail to load without the module).
 */
@NullMarked
package dnt.learn.simd.vector;

import org.jspecify.annotations.NullMarked;
