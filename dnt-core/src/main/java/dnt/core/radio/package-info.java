/**
 * Radio models for the twin: 3GPP TR 38.901 path loss (UMa, UMi street canyon, free space), line of
 * sight, seeded shadowing, thermal noise, SINR and rate (Shannon and the attenuated Shannon of TR
 * 36.942).
 */
@NullMarked
package dnt.core.radio;

import org.jspecify.annotations.NullMarked;
