/**
 * Float-to-double kernels of the aggregation rules (FedAvg's sums, TID's aggregation pass, the
 * selection networks' decoding, {@code UpdateVector}'s weighted sums and copies), in two
 * interchangeable implementations of {@link dnt.learn.simd.FloatKernels}: plain Java loops ({@link
 * dnt.learn.simd.ScalarKernels}) and the incubating Vector API ({@code dnt.learn.simd.vector},
 * compiled and loaded only where the JVM resolves {@code jdk.incubator.vector}); {@link
 * dnt.learn.simd.Kernels} picks one. Both give the same doubles bit for bit: the vector kernels
 * widen float lanes to double and then perform the scalar loops' operations, lane by lane, in the
 * same order, with no fused multiply-add. The exception is the float32 Gram block of Krum's
 * selection ({@code addGramBlock}), whose contract is made of fused multiply-adds in float lanes,
 * in both implementations.
 */
@NullMarked
package dnt.learn.simd;

import org.jspecify.annotations.NullMarked;
