/**
 * Replay: raw Milan rows (the bundled subset, synthetic or real daily files) fed to a live twin in
 * slot order, paced by the data's own clock at a chosen speed-up, with an injected clock so that
 * tests never wait.
 */
@NullMarked
package dnt.live.replay;

import org.jspecify.annotations.NullMarked;
