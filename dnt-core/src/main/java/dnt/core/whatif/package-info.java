/** What-if analysis: fork a twin, apply hypothetical events, compare KPIs with the original. */
@NullMarked
package dnt.core.whatif;

import org.jspecify.annotations.NullMarked;
