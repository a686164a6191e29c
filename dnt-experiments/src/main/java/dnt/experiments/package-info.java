/** The paper's case studies as seeded runs that write CSV, PNG, a manifest and a report. */
@NullMarked
package dnt.experiments;

import org.jspecify.annotations.NullMarked;
