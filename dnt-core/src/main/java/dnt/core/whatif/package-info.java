/** What-if analysis: fork a twin, apply hypothetical events, compare KPIs with the original. */
package dnt.core.whatif;
