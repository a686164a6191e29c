/**
 * The quality of a network twin as one number (paper Sec. III-B1): single-attribute utilities for
 * fidelity, freshness and cost, joined by the multiplicative multi-attribute utility of Keeney and
 * Raiffa, which, unlike a weighted sum, captures whether attributes complement or substitute for
 * each other.
 */
@NullMarked
package dnt.core.quality;

import org.jspecify.annotations.NullMarked;
