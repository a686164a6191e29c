/**
 * A synthetic Milan traffic generator calibrated on the bundled real data; its files are in the
 * exact raw format and are always labelled synthetic.
 */
@NullMarked
package dnt.data.synth;

import org.jspecify.annotations.NullMarked;
