/**
 * Poisoning attacks on federated twinning (paper Sec. IV-C): fake-client attacks that inject extra
 * stations (MPAF, TPI, PoisonedFL), malicious-client attacks that replace some stations' updates
 * (LIE, Fang, Min-Max, Min-Sum, IPM, sign flip, Gaussian, mimic), and data poisoning of traffic
 * series. Attacks implement {@link dnt.learn.fl.Adversary} and are picked by name from {@link
 * dnt.learn.attack.Attacks}.
 */
@NullMarked
package dnt.learn.attack;

import org.jspecify.annotations.NullMarked;
