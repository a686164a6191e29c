/** The {@code dnt aggregate} command and its subcommands. */
@NullMarked
package dnt.cli.aggregate;

import org.jspecify.annotations.NullMarked;
