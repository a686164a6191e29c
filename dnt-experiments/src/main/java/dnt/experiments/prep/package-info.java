/**
 * Data preparations that more than one study shares: {@link dnt.experiments.prep.HourlyMlpSetup},
 * the hourly Milan internet series with FedDA's windows and the small MLP of the poisoning and
 * privacy studies.
 */
@NullMarked
package dnt.experiments.prep;

import org.jspecify.annotations.NullMarked;
