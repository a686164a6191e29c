/**
 * The privacy study (paper Sec. III-C2; issue 19): what one client's federated update leaks to a
 * curious server under each protection (none, QSGD, top-k, sign, clipping, client-side DP noise,
 * QSGD with DP), measured by the gradient-inversion attacks of {@code dnt.learn.privacy.inversion}
 * on the bundled Milan subset, against the forecast accuracy and the bytes each protection costs.
 */
@NullMarked
package dnt.experiments.privacy;

import org.jspecify.annotations.NullMarked;
