/**
 * The paper's third case study (Sec. IV-C, Table II): federated traffic twins on the bundled Milan
 * internet subset under fake-station poisoning (MPAF, TPI), with every robust aggregation rule, in
 * the construction (V-twin) and maintenance (H-twin) phases; plus fake-share and MPAF-lambda sweeps
 * and a DP-FedAvg accuracy-versus-epsilon curve.
 */
@NullMarked
package dnt.experiments.poisoning;

import org.jspecify.annotations.NullMarked;
