/**
 * {@code dnt serve}: the command that runs the live twin behind its HTTP API ({@code dnt.serve}),
 * with tokens, a state folder and an optional replay of Milan data.
 */
@NullMarked
package dnt.cli.serve;

import org.jspecify.annotations.NullMarked;
