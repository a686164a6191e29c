/** The {@code dnt experiment} command and its subcommands. */
@NullMarked
package dnt.cli.experiment;

import org.jspecify.annotations.NullMarked;
