/** The {@code dnt twin} command and its subcommands. */
@NullMarked
package dnt.cli.twin;

import org.jspecify.annotations.NullMarked;
