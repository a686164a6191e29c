/** The paper's case studies as seeded runs that write CSV, PNG, a manifest and a report. */
package dnt.experiments;
