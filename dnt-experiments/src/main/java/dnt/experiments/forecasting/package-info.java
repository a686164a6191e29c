/**
 * The paper's case study IV-A (Fig. 3): federated traffic forecasting on Milan with the Traditional
 * DT, V-twin and H-twin methods (with and without clustering) beside the persistence and
 * seasonal-naive baselines; accuracy and cost per method, written as CSV, PNG and a report.
 */
@NullMarked
package dnt.experiments.forecasting;

import org.jspecify.annotations.NullMarked;
