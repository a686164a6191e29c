/**
 * The {@code dnt} command: picocli commands that parse options, call the domain modules and print
 * results on stdout (logs and errors on stderr). Exit codes: 0 ok, 1 failure, 2 bad usage or input.
 */
@NullMarked
package dnt.cli;

import org.jspecify.annotations.NullMarked;
